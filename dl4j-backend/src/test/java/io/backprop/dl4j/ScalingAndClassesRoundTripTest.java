package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.model.ClassLabels;
import io.backprop.data.DataSet;
import io.backprop.model.Standardization;
import io.backprop.error.ModelFileException;
import io.backprop.model.Model;
import io.backprop.params.Initializer;
import io.backprop.spi.NativeModelFormat;
import io.backprop.teaching.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's standardization and class names survive the way out to DL4J and back: the
 * standardization as DL4J's own normalizer, which a plain DL4J user restores and which scales as
 * Backprop does, bit for bit; the class names in Backprop's own entry.
 */
class ScalingAndClassesRoundTripTest {
    /** The article's four people in pounds and inches, and the two newcomers, Emily and Frank. */
    private static final double[][] PEOPLE = Article.measured();
    private static final double[][] NEWCOMERS = Article.newcomersMeasured();

    @TempDir
    Path dir;

    private final NativeModelFormat zip = new Dl4jBackend().nativeFormat().orElseThrow();

    private static Model rawModel() {
        Standardization scaling = Standardization.fit(DataSet.ofFeatures(PEOPLE));
        return Model.of(ModelZips.SPEC, Initializer.STANDARD_NORMAL.initialize(ModelZips.SPEC, 7))
                .withStandardization(Optional.of(scaling))
                .withClasses(Optional.of(ClassLabels.of(List.of("M", "F"))));
    }

    /** What every Backprop tool does with a model: standardize the raw features, then the network. */
    private static double[][] predict(Model model, double[][] raw) {
        Network network = Backends.create("reference", model.spec(), model.parameters().orElseThrow());
        DataSet rows = DataSet.ofFeatures(raw);
        return network.predict(model.standardization().map(s -> s.apply(rows)).orElse(rows));
    }

    @Test
    void theImportedModelPredictsWhatTheExportedOneDidFromRawFeatures() {
        Model model = rawModel();
        Path file = dir.resolve("raw.zip");

        zip.write(model, file);
        Model back = zip.read(file);

        assertThat(back.standardization()).isEqualTo(model.standardization());
        assertThat(back.classes()).isEqualTo(model.classes());
        assertThat(back).isEqualTo(model);
        assertThat(predict(back, NEWCOMERS)).isDeepEqualTo(predict(model, NEWCOMERS));
    }

    @Test
    void theZipHoldsDl4jsNormalizerAndOurClassesBesideTheNetwork() throws IOException {
        Path file = dir.resolve("raw.zip");
        zip.write(rawModel(), file);

        Map<String, byte[]> entries = ModelZips.entries(java.nio.file.Files.readAllBytes(file));

        assertThat(entries).containsOnlyKeys("configuration.json", "coefficients.bin", "normalizer.bin",
                "backprop/classes.json");
        assertThat(new String(entries.get("backprop/classes.json"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"classes\":[\"M\",\"F\"]}");
    }

    @Test
    void plainDl4jRestoresTheNormalizerAndItScalesAsBackpropDoes() throws IOException {
        Model model = rawModel();
        Path file = dir.resolve("raw.zip");
        zip.write(model, file);

        Pair<MultiLayerNetwork, Normalizer> restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(
                file.toFile(), false);

        assertThat(restored.getSecond()).isInstanceOf(NormalizerStandardize.class);
        NormalizerStandardize normalizer = (NormalizerStandardize) restored.getSecond();
        Standardization ours = model.standardization().orElseThrow();
        assertThat(normalizer.getMean().toDoubleVector()).isEqualTo(ours.mean());
        assertThat(normalizer.getStd().toDoubleVector()).isEqualTo(ours.std());
        try (INDArray features = Nd4j.create(NEWCOMERS)) {
            normalizer.transform(features);
            assertThat(features.toDoubleMatrix()).isDeepEqualTo(ours.apply(DataSet.ofFeatures(NEWCOMERS)).features());
            double[][] dl4j = restored.getFirst().output(features).toDoubleMatrix();
            double[][] backprop = predict(model, NEWCOMERS);
            for (int r = 0; r < NEWCOMERS.length; r++) {
                assertThat(dl4j[r][0]).isCloseTo(backprop[r][0], within(1e-15));
            }
        }
    }

    /**
     * Why export adds normalizer.bin itself: DL4J 1.0.0-M2.1's writeModel with a normalizer throws on a
     * stream. What it adds is what DL4J's addNormalizerToModel writes, byte for byte.
     */
    @Test
    void normalizerBinIsWhatDl4jsOwnAddNormalizerToModelWrites() throws IOException {
        Model model = rawModel();
        MultiLayerNetwork network = Dl4jModels.toMultiLayerNetwork(model.spec(), model.parameters().orElseThrow());
        NormalizerStandardize normalizer = Dl4jModels.toNormalizer(model.standardization().orElseThrow());
        assertThatThrownBy(() -> ModelSerializer.writeModel(network, new java.io.ByteArrayOutputStream(), false,
                normalizer)).isInstanceOf(IOException.class).hasMessageContaining("stream is closed");

        java.io.File theirs = dir.resolve("theirs.zip").toFile();
        ModelSerializer.writeModel(network, theirs, false);
        ModelSerializer.addNormalizerToModel(theirs, normalizer);
        Path ours = dir.resolve("ours.zip");
        zip.write(model, ours);

        assertThat(ModelZips.entries(java.nio.file.Files.readAllBytes(ours)).get("normalizer.bin"))
                .isEqualTo(ModelZips.entries(java.nio.file.Files.readAllBytes(theirs.toPath())).get("normalizer.bin"));
    }

    @Test
    void dl4jFitsThePopulationStandardDeviationAsBackpropDoes() {
        Nd4jRuntime.start();
        NormalizerStandardize dl4j = new NormalizerStandardize();
        try (INDArray features = Nd4j.create(PEOPLE); INDArray labels = Nd4j.zeros(PEOPLE.length, 1)) {
            dl4j.fit(new org.nd4j.linalg.dataset.DataSet(features, labels));
        }
        Standardization ours = Standardization.fit(DataSet.ofFeatures(PEOPLE));

        double[] mean = dl4j.getMean().toDoubleVector();
        double[] std = dl4j.getStd().toDoubleVector();
        for (int c = 0; c < 2; c++) {
            assertThat(mean[c]).isCloseTo(ours.mean()[c], within(1e-12));
            // The sample std (n − 1) would be 18.1 and 5.4, not 15.7 and 4.66.
            assertThat(std[c]).isCloseTo(ours.std()[c], within(1e-12));
        }
        assertThat(ours.std()[0]).isCloseTo(15.706288549495072, within(1e-12));
    }

    @Test
    void aFeatureThatNeverVariesIsDividedByOneOnBothSides() throws IOException {
        double[][] constantHeight = Article.TABLE.stream().map(p -> new double[] {p.weightLb(), 66})
                .toArray(double[][]::new);
        Model model = rawModel().withStandardization(Optional.of(Standardization.fit(DataSet.ofFeatures(constantHeight))));
        Path file = dir.resolve("constant.zip");
        zip.write(model, file);

        NormalizerStandardize normalizer = (NormalizerStandardize) ModelSerializer
                .restoreMultiLayerNetworkAndNormalizer(file.toFile(), false).getSecond();

        assertThat(model.standardization().orElseThrow().std()[1]).isEqualTo(1.0);
        assertThat(normalizer.getStd().getDouble(1)).isEqualTo(1.0);
        assertThat(zip.read(file).standardization()).isEqualTo(model.standardization());
    }

    /**
     * DL4J raises a std below {@code Nd4j.EPS_THRESHOLD} (1e-5) to it whenever it makes a
     * NormalizerStandardize, so it would scale such a feature otherwise than Backprop: export refuses.
     */
    @Test
    void aStdBelowWhatDl4jDividesByIsRefusedOnExportNamingIt() {
        Nd4jRuntime.start();
        assertThat(NormalizerBin.SMALLEST_STD).isEqualTo(Nd4j.EPS_THRESHOLD);
        NormalizerStandardize raised = new NormalizerStandardize(Nd4j.create(new double[] {0, 0}, new long[] {1, 2}, 'c'),
                Nd4j.create(new double[] {1e-7, 2}, new long[] {1, 2}, 'c'));
        assertThat(raised.getStd().getDouble(0)).as("what DL4J divides by").isEqualTo(1e-5);

        Model tiny = rawModel().withStandardization(Optional.of(Standardization.of(new double[] {0, 0},
                new double[] {1e-7, 2})));
        Path file = dir.resolve("tiny.zip");

        assertThatThrownBy(() -> zip.write(tiny, file))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": cannot export to DL4J: standardize.std[0] (input 1) is 1.0E-7;")
                .hasMessageContaining("expected every std at least 1e-5")
                .satisfies(e -> OneLine.assertOneLine(e.getMessage()));
        assertThat(file).doesNotExist();
    }

    @Test
    void aModelWithoutScalingOrClassesIsExportedAsBefore() throws IOException {
        Path file = dir.resolve("plain.zip");
        Model plain = Model.of(ModelZips.SPEC, Initializer.STANDARD_NORMAL.initialize(ModelZips.SPEC, 7));
        zip.write(plain, file);

        assertThat(ModelZips.entries(java.nio.file.Files.readAllBytes(file)))
                .containsOnlyKeys("configuration.json", "coefficients.bin");
        assertThat(zip.read(file)).isEqualTo(plain);
    }
}
