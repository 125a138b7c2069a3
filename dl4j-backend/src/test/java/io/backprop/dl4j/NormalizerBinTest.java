package io.backprop.dl4j;

import static io.backprop.dl4j.ConfigurationJsonTest.allocatedBytes;
import static io.backprop.dl4j.ModelZipEntriesTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.model.Standardization;
import io.backprop.teaching.Article;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * normalizer.bin is parsed here, never by DL4J: a standardization of the features with one mean and
 * one std per input of the network is read; anything else is refused, naming it, never dropped.
 */
class NormalizerBinTest {
    /** The article's people in pounds and inches: the features a normalizer is fitted on. */
    private static final double[][] PEOPLE = Article.measured();

    /** Whether a {@link CustomStrategy} was ever made. */
    static volatile boolean customStrategyMade;

    @TempDir
    Path dir;

    private Map<String, byte[]> exported;

    @BeforeEach
    void export() {
        exported = ModelZips.exported(dir);
        customStrategyMade = false;
    }

    private Path withNormalizer(byte[] normalizer) {
        return ModelZips.write(dir, "m.zip", ModelZips.with(exported, "normalizer.bin", normalizer));
    }

    /** What DL4J's NormalizerSerializer writes for {@code normalizer}, as ModelSerializer puts it in normalizer.bin. */
    private static byte[] serialized(Normalizer<?> normalizer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NormalizerSerializer.getDefault().write(normalizer, bytes);
        return bytes.toByteArray();
    }

    private static org.nd4j.linalg.dataset.DataSet people(DataType type) {
        Nd4jRuntime.start();
        return new org.nd4j.linalg.dataset.DataSet(Nd4j.create(PEOPLE).castTo(type),
                Nd4j.create(Article.PEOPLE.targets()).castTo(type));
    }

    /** NormalizerSerializer's header, as it writes it, and the standardize strategy's flag. */
    private static void prefix(DataOutputStream out, String type, boolean fitLabel) throws IOException {
        out.writeUTF("NORMALIZER");
        out.writeInt(1);
        out.writeUTF(type);
        out.writeBoolean(fitLabel);
    }

    /** A STANDARDIZE normalizer.bin of the given mean and std, written with Nd4j.write, as DL4J writes it. */
    private static byte[] standardize(double[] mean, double[] std) throws IOException {
        Nd4jRuntime.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes);
             INDArray m = Nd4j.create(mean, new long[] {1, mean.length}, 'c');
             INDArray s = Nd4j.create(std, new long[] {1, std.length}, 'c')) {
            prefix(out, "STANDARDIZE", false);
            Nd4j.write(m, out);
            Nd4j.write(s, out);
        }
        return bytes.toByteArray();
    }

    @Test
    void aNormalizerDl4jFittedAndAddedToTheModelIsImported() throws IOException {
        NormalizerStandardize dl4j = new NormalizerStandardize();
        dl4j.fit(people(DataType.DOUBLE));
        MultiLayerNetwork network = Dl4jModels.toMultiLayerNetwork(ModelZips.SPEC,
                io.backprop.params.Initializer.STANDARD_NORMAL.initialize(ModelZips.SPEC, 3));
        File file = dir.resolve("dl4j.zip").toFile();
        ModelSerializer.writeModel(network, file, false);
        ModelSerializer.addNormalizerToModel(file, dl4j);

        Standardization imported = Dl4jModels.read(file.toPath()).standardization().orElseThrow();

        assertThat(imported.mean()).isEqualTo(dl4j.getMean().toDoubleVector());
        assertThat(imported.std()).isEqualTo(dl4j.getStd().toDoubleVector());
    }

    @Test
    void aFloatNormalizerIsImportedWithItsValuesWidened() throws IOException {
        NormalizerStandardize dl4j = new NormalizerStandardize();
        dl4j.fit(people(DataType.FLOAT));
        assertThat(dl4j.getMean().dataType()).isEqualTo(DataType.FLOAT);

        Standardization imported = Dl4jModels.read(withNormalizer(serialized(dl4j))).standardization().orElseThrow();

        assertThat(imported.mean()).containsExactly(dl4j.getMean().getFloat(0), dl4j.getMean().getFloat(1));
        assertThat(imported.std()).containsExactly(dl4j.getStd().getFloat(0), dl4j.getStd().getFloat(1));
    }

    @Test
    void anotherKindOfNormalizerIsRefusedNamingIt() throws IOException {
        NormalizerMinMaxScaler minMax = new NormalizerMinMaxScaler();
        minMax.fit(people(DataType.DOUBLE));

        assertRefused(withNormalizer(serialized(minMax)), "normalizer.bin: a MIN_MAX normalizer"
                + " (NormalizerMinMaxScaler); expected STANDARDIZE (a NormalizerStandardize), the only scaling");
    }

    @Test
    void aCustomNormalizerIsRefusedWithoutLoadingTheClassItNames() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("NORMALIZER");
            out.writeInt(1);
            out.writeUTF("CUSTOM");
            out.writeUTF(CustomStrategy.class.getName());
        }

        assertRefused(withNormalizer(bytes.toByteArray()), "normalizer.bin: a CUSTOM normalizer (its strategy class is"
                + " never loaded)");
        assertThat(customStrategyMade).isFalse();

        // Why: DL4J's own reader makes an instance of whatever class the file names.
        try {
            NormalizerSerializer.getDefault().restore(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        } catch (Exception | LinkageError expected) {
            // not a strategy: DL4J notices only after making one
        }
        assertThat(customStrategyMade).as("DL4J's NormalizerSerializer instantiates the named class").isTrue();
    }

    @Test
    void aNormalizerOfTheLabelsTooIsRefused() throws IOException {
        NormalizerStandardize both = new NormalizerStandardize();
        both.fitLabel(true);
        both.fit(people(DataType.DOUBLE));

        assertRefused(withNormalizer(serialized(both)), "normalizer.bin: standardizes the labels too (fitLabel)",
                "expected a NormalizerStandardize fitted on the features alone");
    }

    @Test
    void aMeanOfAnotherLengthThanTheInputsIsRefusedNamingBoth() throws IOException {
        assertRefused(withNormalizer(standardize(new double[] {1, 2, 3}, new double[] {1, 1, 1})),
                "normalizer.bin: mean: shape [1, 3] holds 3 values; the network has 2 inputs");
        assertRefused(withNormalizer(standardize(new double[] {1, 2}, new double[] {1})),
                "normalizer.bin: std: shape [1, 1] holds 1 values; the network has 2 inputs");
    }

    @Test
    void aVectorDeclaringTwoToTheThirtyOneValuesIsRefusedBeforeAnythingIsAllocated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            prefix(out, "STANDARDIZE", false);
            ByteBuffer shape = ByteBuffer.allocate(6 * 8);
            for (long value : new long[] {1, 2, 1, 0x4000, 1, 'c'}) {
                shape.putLong(value);
            }
            ModelZips.buffer(out, "MIXED_DATA_TYPES", 6, "LONG", shape.array());
            ModelZips.buffer(out, "MIXED_DATA_TYPES", 1L << 31, "DOUBLE", new byte[16]);
        }
        long before = allocatedBytes();

        assertRefused(withNormalizer(bytes.toByteArray()), "normalizer.bin: mean: declares 2147483648 values; the"
                + " network has 2 inputs");
        assertThat(allocatedBytes() - before).as("bytes allocated while refusing").isLessThan(64L << 20);
    }

    @Test
    void aStdBelowWhatDl4jDividesByIsRefused() throws IOException {
        assertRefused(withNormalizer(standardize(new double[] {141.25, 66.75}, new double[] {15.7, 1e-7})),
                "normalizer.bin: std[1] (input 2) is 1.0E-7; DL4J's NormalizerStandardize divides by no less than"
                        + " 1e-5");
        assertRefused(withNormalizer(standardize(new double[] {141.25, 66.75}, new double[] {0, 4.66})),
                "normalizer.bin: std[0] (input 1) is 0.0;");
    }

    @Test
    void aValueThatIsNotFiniteIsRefused() throws IOException {
        assertRefused(withNormalizer(standardize(new double[] {Double.NaN, 66.75}, new double[] {15.7, 4.66})),
                "normalizer.bin: mean: value 0 is NaN; expected finite means");
    }

    @Test
    void bytesAfterTheStdAreRefused() throws IOException {
        byte[] whole = standardize(new double[] {141.25, 66.75}, new double[] {15.7, 4.66});

        assertRefused(withNormalizer(java.util.Arrays.copyOf(whole, whole.length + 1)),
                "normalizer.bin: goes on after the mean and std of its 2 inputs; expected it to end there");
    }

    @Test
    void aTruncatedNormalizerIsRefusedSayingWhere() throws IOException {
        byte[] whole = standardize(new double[] {141.25, 66.75}, new double[] {15.7, 4.66});

        assertRefused(withNormalizer(java.util.Arrays.copyOf(whole, whole.length - 8)),
                "normalizer.bin: std: ends after 1 of 2 values; expected all 2");
        assertRefused(withNormalizer(java.util.Arrays.copyOf(whole, 20)), "normalizer.bin: ends inside its headers");
    }

    @Test
    void anotherVersionOrHeaderIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("NORMALIZER");
            out.writeInt(2);
        }
        assertRefused(withNormalizer(bytes.toByteArray()), "normalizer.bin: version 2; expected 1");
    }

    /** Stands for a class a hostile normalizer.bin names: records being made. */
    public static final class CustomStrategy {
        public CustomStrategy() {
            customStrategyMade = true;
        }
    }
}
