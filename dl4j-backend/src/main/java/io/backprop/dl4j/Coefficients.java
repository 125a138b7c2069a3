package io.backprop.dl4j;

import io.backprop.error.Excerpt;
import static io.backprop.dl4j.Dl4jZip.COEFFICIENTS;

import io.backprop.error.ModelFileException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.zip.ZipEntry;

/**
 * {@code coefficients.bin}: the flat parameter vector, as ND4J 1.0.0-M2.1's
 * {@code Nd4j.write(INDArray, DataOutputStream)} writes it, read without ND4J.
 *
 * <p>The entry is two ND4J data buffers, each a header then its values, big-endian as
 * {@link java.io.DataOutputStream} writes them: first the array's shape information (a buffer of
 * {@code LONG}s: rank, shape, strides, type flags, element-wise stride, order), then its data. A
 * buffer's header is its allocation mode ({@code writeUTF}, such as {@code "MIXED_DATA_TYPES"}),
 * its length in values ({@code writeLong}) and its data type ({@code writeUTF}, such as
 * {@code "DOUBLE"}).
 *
 * <p>Both headers are checked against the count of parameters the configuration implies before
 * anything the size of the parameters is allocated, and no more of the entry is inflated than
 * those parameters take (and one byte, to see that it ends there).
 */
final class Coefficients {
    /** The allocation modes ND4J has written since it stored lengths as longs and data types by name. */
    private static final Set<String> MODES = Set.of("MIXED_DATA_TYPES", "LONG_SHAPE");
    /** Two headers and the shape information of a vector (of rank 2 at most) are well under this. */
    private static final int MAX_HEADER_BYTES = 1024;
    private static final int CHUNK_BYTES = 1 << 16;
    private static final char C_ORDER = 'c';
    private static final char F_ORDER = 'f';

    /** A data type the parameters may be stored in, widened to double when read. */
    private enum Type {
        DOUBLE(8), FLOAT(4), HALF(2);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        double get(ByteBuffer buffer) {
            return switch (this) {
                case DOUBLE -> buffer.getDouble();
                case FLOAT -> buffer.getFloat();
                case HALF -> halfToFloat(buffer.getShort());
            };
        }
    }

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
        long largest = MAX_HEADER_BYTES + Type.DOUBLE.bytes * expected;
        if (entry.getSize() > largest) {
            throw error("declares " + entry.getSize() + " bytes; " + expected + " weights and biases take at most "
                    + largest);
        }
        try (LimitedInputStream counted = zip.open(entry, largest)) {
            DataInputStream in = new DataInputStream(counted);
            readShape(in);
            Type type = readDataHeader(in);
            long total = counted.count() + type.bytes * expected;
            if (total > zip.maxInflatedBytes(entry)) {
                throw error(expected + " " + type + " values take " + total + " bytes, more than its "
                        + entry.getCompressedSize() + " compressed bytes can hold; expected a complete " + COEFFICIENTS);
            }
            if (2 * Type.DOUBLE.bytes * expected > maxHeapBytes) {
                throw error(expected + " weights and biases need " + mib(2 * Type.DOUBLE.bytes * expected)
                        + " MiB of heap to import; this JVM has at most " + mib(maxHeapBytes) + " MiB (raise -Xmx)");
            }
            double[] values = readValues(in, type);
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

    /** The shape information: a vector of exactly {@code expected} values, stored contiguously. */
    private void readShape(DataInputStream in) throws IOException {
        long length = readHeader(in, "shape information");
        String type = in.readUTF();
        if (!type.equals("LONG")) {
            throw error("shape information of type " + Excerpt.quote(type) + "; expected LONG");
        }
        // rank, then rank dimensions and rank strides, then type flags, element-wise stride and order
        if (length != 2 * 1 + 4 && length != 2 * 2 + 4) {
            throw error("shape information of " + length + " values; expected 6 or 8 (a vector of rank 1 or 2)");
        }
        long[] info = new long[(int) length];
        for (int k = 0; k < info.length; k++) {
            info[k] = in.readLong();
        }
        int rank = (int) (length - 4) / 2;
        if (info[0] != rank) {
            throw error("shape information gives rank " + info[0] + " in " + length + " values; expected rank " + rank);
        }
        StringBuilder shape = new StringBuilder("[");
        for (int d = 0; d < rank; d++) {
            shape.append(d == 0 ? "" : ", ").append(info[1 + d]);
        }
        shape.append(']');
        long held = 1;
        for (int d = 0; d < rank; d++) {
            long size = info[1 + d];
            if (size < 1) {
                throw error("shape " + shape + " has a dimension of " + size + "; expected a vector of " + expected
                        + " values, one per weight and bias");
            }
            held = held > Long.MAX_VALUE / size ? Long.MAX_VALUE : held * size;
        }
        if (held != expected) {
            throw error("shape " + shape + " holds " + (held == Long.MAX_VALUE ? "more than 2^63" : held) + " values;"
                    + " the configuration has " + expected + " weights and biases");
        }
        for (int d = 0; d < rank; d++) {
            // Along a dimension of size 1 the stride is never used; along the other it must be 1,
            // or the data would not be the parameters in order.
            if (info[1 + d] > 1 && info[1 + rank + d] != 1) {
                throw error("shape " + shape + " has stride " + info[1 + rank + d] + "; expected 1 (a contiguous vector)");
            }
        }
        long order = info[info.length - 1];
        if (order != C_ORDER && order != F_ORDER) {
            throw error("shape information gives order " + order + "; expected 'c' (99) or 'f' (102)");
        }
    }

    private Type readDataHeader(DataInputStream in) throws IOException {
        long length = readHeader(in, "data");
        String name = in.readUTF();
        if (length != expected) {
            throw error("declares " + length + " values; the configuration has " + expected + " weights and biases");
        }
        for (Type type : Type.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw error("holds values of type " + Excerpt.quote(name) + "; expected DOUBLE, FLOAT or HALF");
    }

    /** A buffer's allocation mode and length; the caller reads its type. */
    private long readHeader(DataInputStream in, String buffer) throws IOException {
        String mode = in.readUTF();
        if (!MODES.contains(mode)) {
            throw error(buffer + " header gives allocation mode " + Excerpt.quote(mode) + "; expected MIXED_DATA_TYPES,"
                    + " as ND4J 1.0.0-beta4 and later write (an older file must be re-saved)");
        }
        return in.readLong();
    }

    private double[] readValues(DataInputStream in, Type type) throws IOException {
        double[] values = new double[(int) expected];
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, type.bytes * expected)];
        int read = 0;
        while (read < values.length) {
            int wanted = (int) Math.min(chunk.length, (long) (values.length - read) * type.bytes);
            int got = in.readNBytes(chunk, 0, wanted);
            ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, got);
            for (int k = 0; k < got / type.bytes; k++) {
                double value = type.get(buffer);
                if (!Double.isFinite(value)) {
                    throw error("value " + read + " is " + value + "; expected finite weights and biases");
                }
                values[read++] = value;
            }
            if (got < wanted) {
                throw error("ends after " + read + " of " + expected + " values; expected all " + expected);
            }
        }
        return values;
    }

    /**
     * An IEEE 754 half-precision value as a float (exactly: every half is a float). Java 17 has no
     * {@code Float.float16ToFloat}.
     */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            // infinity, or NaN with its payload kept
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa × 2^−24
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // rebias the exponent from 15 to 127
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private ModelFileException error(String message) {
        return zip.error(COEFFICIENTS, message);
    }
}
