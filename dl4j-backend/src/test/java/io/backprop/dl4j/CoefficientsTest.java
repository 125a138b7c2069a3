package io.backprop.dl4j;

import static io.backprop.dl4j.ConfigurationJsonTest.allocatedBytes;
import static io.backprop.dl4j.ConfigurationJsonTest.cpuNanos;
import static io.backprop.dl4j.ModelZipEntriesTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.ModelFileException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.indexer.HalfIndexer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * coefficients.bin is parsed without ND4J: headers first, checked against the configuration's 9
 * weights and biases before anything is allocated, and never inflated past them.
 */
class CoefficientsTest {
    @TempDir
    Path dir;

    private Map<String, byte[]> exported;

    @BeforeEach
    void export() {
        exported = ModelZips.exported(dir);
    }

    private Path withCoefficients(byte[] coefficients) {
        return ModelZips.write(dir, "m.zip", ModelZips.with(exported, "coefficients.bin", coefficients));
    }

    /** The values ND4J writes, read here, are the values ND4J reads back, for each type and shape it writes. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT", "HALF"})
    void whatNd4jWritesIsReadAsNd4jReadsIt(DataType type) throws IOException {
        Nd4jRuntime.start();
        Random random = new Random(5);
        double[] values = new double[9];
        for (int k = 0; k < values.length; k++) {
            values[k] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6);
        }
        values[0] = -0.0;
        values[1] = 3e-6;  // a half's subnormal
        for (long[] shape : new long[][] {{9}, {1, 9}, {9, 1}}) {
            for (char order : new char[] {'c', 'f'}) {
                try (INDArray array = Nd4j.create(values, shape, order).castTo(type)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        Nd4j.write(array, out);
                    }
                    double[] nd4j = array.castTo(DataType.DOUBLE).toDoubleVector();

                    double[] ours = ParameterLayout.flatten(ModelZips.SPEC, Dl4jModels.read(
                            withCoefficients(bytes.toByteArray())).parameters().orElseThrow());

                    assertThat(bitsOf(ours)).as(type + " " + Arrays.toString(shape) + " " + order)
                            .isEqualTo(bitsOf(nd4j));
                }
            }
        }
    }

    @Test
    void everyHalfIsWidenedExactlyAsTheStandardAndNd4jDefineIt() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float ours = Nd4jVector.halfToFloat((short) bits);
            assertThat(Float.floatToRawIntBits(ours)).as("half %04x", bits)
                    .isEqualTo(Float.floatToRawIntBits(referenceHalf(bits)));
            float nd4j = HalfIndexer.toFloat(bits);
            if (Float.isNaN(nd4j)) {
                assertThat(ours).as("half %04x", bits).isNaN();
            } else {
                assertThat(Float.floatToRawIntBits(ours)).as("half %04x", bits).isEqualTo(Float.floatToRawIntBits(nd4j));
            }
        }
    }

    @Test
    void coefficientsDeclaringTwoToTheThirtyOneValuesAreRefusedAtOnceNamingBothCounts() {
        Nd4jRuntime.start();
        byte[] shapeSays = ModelZips.coefficients(1L << 31, 1L << 31, 0.5);
        byte[] dataSays = ModelZips.coefficients(9, 1L << 31, 0.5);
        Path shapeZip = withCoefficients(shapeSays);
        assertThat(shapeZip.toFile().length()).as("a zip of about 1 KB").isLessThan(2048);

        long before = allocatedBytes();
        long start = cpuNanos();
        assertRefused(shapeZip, "coefficients.bin: shape [2147483648] holds 2147483648 values; the configuration has 9"
                + " weights and biases");
        assertRefused(withCoefficients(dataSays), "coefficients.bin: declares 2147483648 values; the configuration"
                + " has 9 weights and biases");
        assertThat(allocatedBytes() - before).as("bytes allocated while refusing").isLessThan(64L << 20);
        assertThat(cpuNanos() - start).as("nanoseconds of CPU taken").isLessThan(5_000_000_000L);
    }

    @Test
    void anEntryDeclaringTwoGigabytesIsRefusedBeforeItIsRead() {
        byte[] zip = ModelZips.withDeclaredSize(ModelZips.zip(exported), "coefficients.bin", 1L << 31);

        assertRefused(ModelZips.write(dir, "m.zip", zip), "coefficients.bin: declares 2147483648 bytes; 9 weights and"
                + " biases take at most");
    }

    @Test
    void aTruncatedEntryIsRefusedSayingHowFarItGot() {
        byte[] whole = exported.get("coefficients.bin");

        assertRefused(withCoefficients(Arrays.copyOf(whole, whole.length - 8 * 4 - 3)),
                "coefficients.bin: ends after 4 of 9 values; expected all 9");
        assertRefused(withCoefficients(Arrays.copyOf(whole, 20)), "coefficients.bin: ends inside its headers");
    }

    @Test
    void bytesAfterTheValuesAreRefused() {
        byte[] whole = exported.get("coefficients.bin");

        assertRefused(withCoefficients(Arrays.copyOf(whole, whole.length + 1)),
                "coefficients.bin: goes on after its 9 values; expected it to end there");
    }

    @Test
    void aZipBombAfterTheValuesIsRefusedInflatingNoMoreThanOneByteOfIt() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        byte[] whole = exported.get("coefficients.bin");
        ModelZips.writeBomb(bomb, exported, "coefficients.bin", whole, 1L << 30);
        Path lying = ModelZips.write(dir, "lying.zip",
                ModelZips.withDeclaredSize(Files.readAllBytes(bomb), "coefficients.bin", whole.length));

        assertRefused(bomb, "coefficients.bin: declares " + (whole.length + (1L << 30)) + " bytes");
        long start = cpuNanos();
        long before = allocatedBytes();
        assertRefused(lying, "coefficients.bin: goes on after its 9 values");
        assertThat(allocatedBytes() - before).isLessThan(64L << 20);
        assertThat(cpuNanos() - start).as("nanoseconds of CPU taken").isLessThan(5_000_000_000L);
    }

    @Test
    void anotherTypeIsRefusedNamingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ByteBuffer shape = ByteBuffer.allocate(48);
            for (long value : new long[] {1, 9, 1, 0, 1, 'c'}) {
                shape.putLong(value);
            }
            ModelZips.buffer(out, "MIXED_DATA_TYPES", 6, "LONG", shape.array());
            ModelZips.buffer(out, "MIXED_DATA_TYPES", 9, "INT", new byte[36]);
        }

        assertRefused(withCoefficients(bytes.toByteArray()), "coefficients.bin: holds values of type \"INT\";"
                + " expected DOUBLE, FLOAT or HALF");
    }

    @Test
    void anOlderAllocationModeIsRefusedNamingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("HEAP");
            out.writeInt(6);
        }

        assertRefused(withCoefficients(bytes.toByteArray()), "coefficients.bin: shape information header gives"
                + " allocation mode \"HEAP\"; expected MIXED_DATA_TYPES");
    }

    @Test
    void aValueThatIsNotFiniteIsRefused() {
        double[] values = ModelZips.nine();
        values[3] = Double.NaN;

        assertRefused(withCoefficients(ModelZips.coefficients(9, 9, values)), "coefficients.bin: value 3 is NaN");
    }

    @Test
    void aStridedShapeIsRefused() {
        byte[] coefficients = ModelZips.coefficients(9, 9, ModelZips.nine());
        ByteBuffer.wrap(coefficients).putLong(2 + 16 + 8 + 2 + 4 + 16, 2);  // the stride, after rank and size

        assertRefused(withCoefficients(coefficients), "coefficients.bin: shape [9] has stride 2; expected 1");
    }

    @Test
    void moreValuesThanTheCompressedEntryCouldHoldAreRefusedBeforeAllocatingThem() {
        // A configuration of 2^14 · 2^14 weights fits Backprop, but a coefficients.bin of a few
        // hundred bytes cannot hold them, whatever its headers say.
        String wide = new String(exported.get("configuration.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"nin\" : 2", "\"nin\" : 16384").replaceFirst("\"nout\" : 2", "\"nout\" : 16384")
                .replaceFirst("\"nin\" : 2", "\"nin\" : 16384");
        long count = 16384L * 16384 + 16384 + 16384 + 1;
        Map<String, byte[]> entries = ModelZips.with(ModelZips.with(exported, "configuration.json", ModelZips.utf8(wide)),
                "coefficients.bin", ModelZips.coefficients(count, count, 0.5));
        byte[] zip = ModelZips.withDeclaredSize(ModelZips.zip(entries), "coefficients.bin", 0);

        long before = allocatedBytes();
        assertRefused(ModelZips.write(dir, "m.zip", zip), "coefficients.bin: " + count + " DOUBLE values take",
                "compressed bytes can hold");
        assertThat(allocatedBytes() - before).isLessThan(64L << 20);
    }

    @Test
    void moreValuesThanTheHeapCanTakeAreRefusedBeforeAllocatingThem() {
        Nd4jRuntime.start();
        try (Dl4jZip zip = Dl4jZip.open(withCoefficients(exported.get("coefficients.bin")))) {
            assertThatThrownBy(() -> Coefficients.read(zip, 9, 100))
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("coefficients.bin: 9 weights and biases need 1 MiB of heap to import;"
                            + " this JVM has at most 1 MiB (raise -Xmx)");
        }
    }

    private static long[] bitsOf(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** IEEE 754 binary16, computed as the standard defines it: (−1)^s · 2^(e−15) · 1.m, subnormals 2^−14 · 0.m. */
    private static float referenceHalf(int bits) {
        int sign = bits >>> 15;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        double magnitude;
        if (exponent == 0x1f) {
            return mantissa == 0 ? (sign == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY)
                    : Float.intBitsToFloat(sign << 31 | 0x7f800000 | mantissa << 13);
        } else if (exponent == 0) {
            magnitude = Math.scalb(mantissa / 1024.0, -14);
        } else {
            magnitude = Math.scalb(1 + mantissa / 1024.0, exponent - 15);
        }
        return (float) (sign == 0 ? magnitude : -magnitude);
    }
}
