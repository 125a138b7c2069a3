package io.backprop.dl4j;

import static io.backprop.dl4j.Dl4jZip.COEFFICIENTS;

import io.backprop.error.ModelFileException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.zip.ZipEntry;

/**
 * {@code coefficients.bin}: the flat parameter vector, as ND4J 1.0.0-M2.1's
 * {@code Nd4j.write(INDArray, DataOutputStream)} writes it, read without ND4J ({@link Nd4jVector}).
 *
 * <p>Both headers are checked against the count of parameters the configuration implies before
 * anything the size of the parameters is allocated, and no more of the entry is inflated than
 * those parameters take (and one byte, to see that it ends there).
 */
final class Coefficients {
    /** Two headers and the shape information of a vector (of rank 2 at most) are well under this. */
    static final int MAX_HEADER_BYTES = 1024;

    private final Dl4jZip zip;
    private final long expected;

    private Coefficients(Dl4jZip zip, long expected) {
        this.zip = zip;
        this.expected = expected;
    }

    /**
     * The {@code expected} parameters held in {@code zip}'s coefficients.bin, widened to double.
     *
     * @param expected the count of weights and biases the configuration implies, at most {@link Dl4jSpec#MAX_PARAMETERS}
     * @param maxHeapBytes the most heap the values may take, twice over (read, then held by the model)
     * @throws io.backprop.error.ModelFileException naming the entry, what it holds and what was expected
     */
    static double[] read(Dl4jZip zip, long expected, long maxHeapBytes) {
        return new Coefficients(zip, expected).read(maxHeapBytes);
    }

    private double[] read(long maxHeapBytes) {
        ZipEntry entry = zip.coefficients();
        long largest = MAX_HEADER_BYTES + Nd4jVector.Type.DOUBLE.bytes * expected;
        if (entry.getSize() > largest) {
            throw error("declares " + entry.getSize() + " bytes; " + expected + " weights and biases take at most "
                    + largest);
        }
        Nd4jVector vector = new Nd4jVector(expected, "the configuration has " + expected + " weights and biases",
                "one per weight and bias", "weights and biases", this::error);
        try (LimitedInputStream counted = zip.open(entry, largest)) {
            DataInputStream in = new DataInputStream(counted);
            Nd4jVector.Type type = vector.readHeaders(in);
            long total = counted.count() + type.bytes * expected;
            if (total > zip.maxInflatedBytes(entry)) {
                throw error(expected + " " + type + " values take " + total + " bytes, more than its "
                        + entry.getCompressedSize() + " compressed bytes can hold; expected a complete " + COEFFICIENTS);
            }
            if (2 * Nd4jVector.Type.DOUBLE.bytes * expected > maxHeapBytes) {
                throw error(expected + " weights and biases need " + mib(2 * Nd4jVector.Type.DOUBLE.bytes * expected)
                        + " MiB of heap to import; this JVM has at most " + mib(maxHeapBytes) + " MiB (raise -Xmx)");
            }
            double[] values = vector.readValues(in, type);
            if (!counted.atEnd()) {
                throw error("goes on after its " + expected + " values; expected it to end there");
            }
            return values;
        } catch (EOFException e) {
            throw error("ends inside its headers; expected ND4J's headers and " + expected + " values");
        } catch (UTFDataFormatException e) {
            throw error("holds a malformed name in its headers; expected ND4J's headers");
        } catch (IOException e) {
            throw zip.unreadable(COEFFICIENTS, e);
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private ModelFileException error(String message) {
        return zip.error(COEFFICIENTS, message);
    }
}
