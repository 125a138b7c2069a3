package io.backprop.conformance.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Network;
import io.backprop.conformance.NaiveBackend;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** The comparison on rows read a block at a time judges as the one on the same rows held whole. */
class BackendComparisonInBlocksTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(3, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final Parameters START = Parameters.of(
            LayerParameters.of(new double[][] {{0.5, -1.25}, {-0.75, 0.25}, {1.5, 0.625}}, new double[] {0.1, -0.2, 0.3}),
            LayerParameters.of(new double[][] {{1.25, -0.5, 0.75}}, new double[] {-0.125}));
    private static final int ROWS = 45;
    /** Row r's first feature is r / 10, so that a backend can tell row 40 by its features alone. */
    private static final DataSet DATA = data();
    /** In order: streamed, the steps are those of the rows held whole. */
    private static final TrainingOptions TRAINING = TrainingOptions.builder().learningRate(0.5).epochs(3)
            .batchSize(BatchSize.of(4)).inOrder().build();

    /**
     * How far summing by block may move a relative difference: 1e-12 of it, but at least 16 float64
     * epsilons, since each value compared is rounded anew (a difference of 1e-14 moves by a fraction of
     * an epsilon, which is a large part of it).
     */
    private static double blockRounding(double relativeDifference) {
        return Math.max(1e-12 * relativeDifference, 16 * Tolerances.FLOAT64_EPSILON);
    }

    private static DataSet data() {
        double[][] features = new double[ROWS][];
        double[][] targets = new double[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            features[r] = new double[] {r / 10.0, Math.cos(r)};
            targets[r] = new double[] {r % 2};
        }
        return DataSet.of(features, targets);
    }

    @Test
    void blocksOfAnySizeGiveTheRowsOfTheDataHeldWhole() {
        List<Backend> backends = List.of(new NaiveBackend(), new Planted("close", 1e-14, x -> true, true),
                new Planted("off", 1e-3, x -> true, true));
        List<BackendComparison.Row> whole = BackendComparison.report(backends, SPEC, START, DATA, TRAINING,
                Tolerances.DEFAULT).rows();
        assertThat(whole).extracting(BackendComparison.Row::within)
                .as("%s", whole).containsExactly(true, true, true, true, false, false, false, false);

        for (int rowsPerBlock : new int[] {1, 3, ROWS}) {
            List<BackendComparison.Row> blocks = BackendComparison.report(backends, SPEC, START,
                    DataSource.inBlocks(DATA, rowsPerBlock), TRAINING, Tolerances.DEFAULT).rows();

            assertThat(blocks).as("blocks of %d", rowsPerBlock).hasSameSizeAs(whole);
            for (int i = 0; i < whole.size(); i++) {
                BackendComparison.Row expected = whole.get(i);
                BackendComparison.Row actual = blocks.get(i);
                String as = "blocks of " + rowsPerBlock + ": " + actual + " against " + expected;
                assertThat(actual.backend()).as(as).isEqualTo(expected.backend());
                assertThat(actual.kind()).as(as).isEqualTo(expected.kind());
                assertThat(actual.where()).as(as).isEqualTo(expected.where());
                assertThat(actual.within()).as(as).isEqualTo(expected.within());
                if (expected.kind().equals("outputs")) {
                    // Each row is predicted alone, in a block or not: the same bits.
                    assertThat(actual).as(as).isEqualTo(expected);
                } else {
                    assertThat(actual.worst()).as(as).isCloseTo(expected.worst(),
                            within(blockRounding(expected.worst())));
                    assertThat(actual.tolerance()).as(as).isEqualTo(expected.tolerance());
                }
            }
        }
    }

    @Test
    void aDifferenceInALateBlockIsReportedAtItsRowAmongAllTheRows() {
        List<Backend> backends = List.of(new NaiveBackend(), new Planted("wrong on row 40", 1e-6, x -> x == 4.0,
                false));
        BackendComparison.Row whole = BackendComparison.compare(backends, SPEC, START, DATA, null, Tolerances.DEFAULT)
                .get(0);
        assertThat(whole.where()).isEqualTo("row 40, output 0");

        for (int rowsPerBlock : new int[] {1, 3, 7}) {
            List<BackendComparison.Row> rows = BackendComparison.compare(backends, SPEC, START,
                    DataSource.inBlocks(DATA, rowsPerBlock), null, Tolerances.DEFAULT);

            assertThat(rows).extracting(BackendComparison.Row::kind).containsExactly("outputs", "loss", "gradients");
            BackendComparison.Row outputs = rows.get(0);
            assertThat(outputs).as("blocks of %d", rowsPerBlock).isEqualTo(whole);
            // |ŷ(1 + e) − ŷ| / |ŷ(1 + e)|
            assertThat(outputs.worst()).isCloseTo(1e-6 / (1 + 1e-6), within(1e-15));
            assertThat(outputs.within()).isFalse();
            assertThat(rows.get(1).within()).as("%s", rows.get(1)).isTrue();
            assertThat(rows.get(2).within()).as("%s", rows.get(2)).isTrue();
        }
    }

    @Test
    void theParameterDifferencesAreThoseOfTheDataHeldWhole() {
        List<Backend> backends = List.of(new NaiveBackend(), new Planted("off", 1e-3, x -> true, true));
        BackendComparison.Report whole = BackendComparison.report(backends, SPEC, START, DATA, TRAINING,
                Tolerances.DEFAULT);

        BackendComparison.Report blocks = BackendComparison.report(backends, SPEC, START, DataSource.inBlocks(DATA, 4),
                TRAINING, Tolerances.DEFAULT);

        assertThat(blocks.parameters()).hasSameSizeAs(whole.parameters());
        for (int p = 0; p < whole.parameters().size(); p++) {
            BackendComparison.ParameterDifferences expected = whole.parameters().get(p);
            BackendComparison.ParameterDifferences actual = blocks.parameters().get(p);
            assertThat(actual.backend()).isEqualTo(expected.backend());
            assertThat(actual.kind()).isEqualTo(expected.kind());
            assertThat(actual.names()).isEqualTo(expected.names());
            for (int k = 0; k < expected.names().size(); k++) {
                assertThat(actual.relative()[k]).as("%s %s", expected.kind(), expected.names().get(k))
                        .isCloseTo(expected.relative()[k], within(blockRounding(expected.relative()[k])));
            }
        }
    }

    /**
     * The kit's naive backend with a relative {@code error} planted in the outputs of the rows whose
     * first feature {@code rows} accepts and, when {@code everywhere}, in the loss, the first layer's
     * gradients and the learning rate too. The first layer's only: a gradient wrong by the same factor in
     * every layer would be worst in every layer alike, and rounding would pick which.
     */
    private record Planted(String name, double error, DoublePredicate rows, boolean everywhere) implements Backend {
        @Override
        public String description() {
            return "the naive backend with an error planted";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            return new PlantedNetwork(new NaiveBackend().create(spec, parameters), this);
        }
    }

    /** A network of the naive backend, wrong as its {@link Planted} says. */
    private record PlantedNetwork(Network sound, Planted planted) implements Network {
        @Override
        public NetworkSpec spec() {
            return sound.spec();
        }

        @Override
        public String backend() {
            return planted.name();
        }

        @Override
        public double[] predict(double[] features) {
            return planted(sound.predict(features), features[0]);
        }

        @Override
        public double[][] predict(DataSet data) {
            double[][] outputs = sound.predict(data);
            for (int r = 0; r < data.rows(); r++) {
                planted(outputs[r], data.feature(r, 0));
            }
            return outputs;
        }

        private double[] planted(double[] outputs, double firstFeature) {
            if (planted.rows().test(firstFeature)) {
                for (int k = 0; k < outputs.length; k++) {
                    outputs[k] *= 1 + planted.error();
                }
            }
            return outputs;
        }

        @Override
        public double loss(DataSet data) {
            return sound.loss(data) * everywhere();
        }

        @Override
        public Parameters gradients(DataSet batch) {
            Parameters gradients = sound.gradients(batch);
            List<LayerParameters> layers = new ArrayList<>(gradients.layers());
            LayerParameters first = layers.get(0);
            double[] w = new double[first.units() * first.inputs()];
            first.copyWeightsTo(w, 0);
            double[] b = first.biases();
            for (int k = 0; k < w.length; k++) {
                w[k] *= everywhere();
            }
            for (int j = 0; j < b.length; j++) {
                b[j] *= everywhere();
            }
            layers.set(0, LayerParameters.ofFlat(first.units(), first.inputs(), w, b));
            return Parameters.of(layers);
        }

        @Override
        public Parameters parameters() {
            return sound.parameters();
        }

        @Override
        public void setParameters(Parameters parameters) {
            sound.setParameters(parameters);
        }

        @Override
        public TrainingResult fit(DataSet data, TrainingOptions options) {
            return sound.fit(data, skewed(options));
        }

        @Override
        public TrainingResult fit(DataSource data, TrainingOptions options) {
            return sound.fit(data, skewed(options));
        }

        private TrainingOptions skewed(TrainingOptions options) {
            return options.toBuilder().learningRate(options.learningRate() * everywhere()).build();
        }

        /** The factor of every value wrong everywhere: 1 + error, or 1 when only some rows' outputs are wrong. */
        private double everywhere() {
            return planted.everywhere() ? 1 + planted.error() : 1;
        }
    }
}
