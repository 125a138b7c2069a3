package io.backprop.dl4j;

import io.backprop.error.Excerpt;
import io.backprop.error.ModelFileException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.function.Function;

/**
 * One vector of a known length as ND4J 1.0.0-M2.1's {@code Nd4j.write(INDArray, DataOutputStream)}
 * writes it, read without ND4J: {@code coefficients.bin} is one, and the mean and the standard
 * deviation in {@code normalizer.bin} are two more.
 *
 * <p>The array is two ND4J data buffers, each a header then its values, big-endian as
 * {@link java.io.DataOutputStream} writes them: first the array's shape information (a buffer of
 * {@code LONG}s: rank, shape, strides, type flags, element-wise stride, order), then its data. A
 * buffer's header is its allocation mode ({@code writeUTF}, such as {@code "MIXED_DATA_TYPES"}),
 * its length in values ({@code writeLong}) and its data type ({@code writeUTF}, such as
 * {@code "DOUBLE"}).
 *
 * <p>{@link #readHeaders} checks both headers against the expected length, so that the caller can
 * bound what the values will take before {@link #readValues} allocates them.
 */
final class Nd4jVector {
    /** The allocation modes ND4J has written since it stored lengths as longs and data types by name. */
    private static final Set<String> MODES = Set.of("MIXED_DATA_TYPES", "LONG_SHAPE");
    private static final int CHUNK_BYTES = 1 << 16;
    private static final char C_ORDER = 'c';
    private static final char F_ORDER = 'f';

    /** A data type the values may be stored in, widened to double when read. */
    enum Type {
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

    private final long expected;
    private final String expectation;
    private final String each;
    private final String what;
    private final Function<String, ModelFileException> error;

    /**
     * @param expected how many values the vector must hold
     * @param expectation why, in words, such as {@code "the configuration has 9 weights and biases"}
     * @param each what one value stands for, such as {@code "one per weight and bias"}
     * @param what the values, plural, such as {@code "weights and biases"}
     * @param error makes the exception for a message, naming the entry (and the array)
     */
    Nd4jVector(long expected, String expectation, String each, String what, Function<String, ModelFileException> error) {
        this.expected = expected;
        this.expectation = expectation;
        this.each = each;
        this.what = what;
        this.error = error;
    }

    /**
     * Reads the shape information and the data's header: a vector of exactly the expected values,
     * stored contiguously, of a type that widens to double.
     *
     * @throws ModelFileException naming what the headers hold and what was expected
     */
    Type readHeaders(DataInputStream in) throws IOException {
        readShape(in);
        long length = readHeader(in, "data");
        String name = in.readUTF();
        if (length != expected) {
            throw error.apply("declares " + length + " values; " + expectation);
        }
        for (Type type : Type.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw error.apply("holds values of type " + Excerpt.quote(name) + "; expected DOUBLE, FLOAT or HALF");
    }

    /**
     * The expected values of {@code type}, widened to double, read in chunks.
     *
     * @throws ModelFileException when one is not finite or the entry ends before the last
     */
    double[] readValues(DataInputStream in, Type type) throws IOException {
        double[] values = new double[(int) expected];
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(type.bytes, type.bytes * expected))];
        int read = 0;
        while (read < values.length) {
            int wanted = (int) Math.min(chunk.length, (long) (values.length - read) * type.bytes);
            int got = in.readNBytes(chunk, 0, wanted);
            ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, got);
            for (int k = 0; k < got / type.bytes; k++) {
                double value = type.get(buffer);
                if (!Double.isFinite(value)) {
                    throw error.apply("value " + read + " is " + value + "; expected finite " + what);
                }
                values[read++] = value;
            }
            if (got < wanted) {
                throw error.apply("ends after " + read + " of " + expected + " values; expected all " + expected);
            }
        }
        return values;
    }

    private void readShape(DataInputStream in) throws IOException {
        long length = readHeader(in, "shape information");
        String type = in.readUTF();
        if (!type.equals("LONG")) {
            throw error.apply("shape information of type " + Excerpt.quote(type) + "; expected LONG");
        }
        // rank, then rank dimensions and rank strides, then type flags, element-wise stride and order
        if (length != 2 * 1 + 4 && length != 2 * 2 + 4) {
            throw error.apply("shape information of " + length + " values; expected 6 or 8 (a vector of rank 1 or 2)");
        }
        long[] info = new long[(int) length];
        for (int k = 0; k < info.length; k++) {
            info[k] = in.readLong();
        }
        int rank = (int) (length - 4) / 2;
        if (info[0] != rank) {
            throw error.apply("shape information gives rank " + info[0] + " in " + length + " values; expected rank "
                    + rank);
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
                throw error.apply("shape " + shape + " has a dimension of " + size + "; expected a vector of " + expected
                        + " values, " + each);
            }
            held = held > Long.MAX_VALUE / size ? Long.MAX_VALUE : held * size;
        }
        if (held != expected) {
            throw error.apply("shape " + shape + " holds " + (held == Long.MAX_VALUE ? "more than 2^63" : held)
                    + " values; " + expectation);
        }
        for (int d = 0; d < rank; d++) {
            // Along a dimension of size 1 the stride is never used; along the other it must be 1,
            // or the data would not be the values in order.
            if (info[1 + d] > 1 && info[1 + rank + d] != 1) {
                throw error.apply("shape " + shape + " has stride " + info[1 + rank + d]
                        + "; expected 1 (a contiguous vector)");
            }
        }
        long order = info[info.length - 1];
        if (order != C_ORDER && order != F_ORDER) {
            throw error.apply("shape information gives order " + order + "; expected 'c' (99) or 'f' (102)");
        }
    }

    /** A buffer's allocation mode and length; the caller reads its type. */
    private long readHeader(DataInputStream in, String buffer) throws IOException {
        String mode = in.readUTF();
        if (!MODES.contains(mode)) {
            throw error.apply(buffer + " header gives allocation mode " + Excerpt.quote(mode)
                    + "; expected MIXED_DATA_TYPES, as ND4J 1.0.0-beta4 and later write (an older file must be re-saved)");
        }
        return in.readLong();
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
}
