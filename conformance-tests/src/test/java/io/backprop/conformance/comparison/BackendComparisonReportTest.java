package io.backprop.conformance.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.spi.Backend;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendComparisonReportTest {
    private static final NetworkSpec ARTICLE = Article.NETWORK;
    private static final Parameters START = ArticleNames.of(1, -2, 3, -4, 5, -6, 0.5, 0, -0.25);
    private static final DataSet ONE_ROW = DataSet.of(new double[][] {{1, 2}}, new double[][] {{1}});

    /** A made-up backend whose gradient of every parameter is {@code factor} times the parameter. */
    private record Scaling(String name, double factor) implements Backend {
        @Override
        public String description() {
            return "test double";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            return new ScalingNetwork(spec, parameters, name, factor);
        }
    }

    private static class ScalingNetwork extends AbstractNetwork {
        private final String backend;
        private final double factor;
        Parameters parameters;

        ScalingNetwork(NetworkSpec spec, Parameters parameters, String backend, double factor) {
            super(spec);
            this.parameters = parameters;
            this.backend = backend;
            this.factor = factor;
        }

        @Override
        public String backend() {
            return backend;
        }

        @Override
        public Parameters parameters() {
            return parameters;
        }

        @Override
        protected double[][] predictChecked(DataSet data) {
            return new double[data.rows()][1];
        }

        @Override
        protected double lossChecked(DataSet data) {
            return 0;
        }

        @Override
        protected Parameters gradientsChecked(DataSet batch) {
            return scaled(parameters, factor);
        }

        @Override
        protected void setParametersChecked(Parameters parameters) {
            this.parameters = parameters;
        }

        @Override
        protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
            parameters = scaled(parameters, 1 - learningRate * factor);
        }

        private static Parameters scaled(Parameters p, double by) {
            List<LayerParameters> layers = new ArrayList<>();
            for (LayerParameters layer : p.layers()) {
                double[][] w = layer.weights();
                double[] b = layer.biases();
                for (double[] row : w) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] *= by;
                    }
                }
                for (int j = 0; j < b.length; j++) {
                    b[j] *= by;
                }
                layers.add(LayerParameters.of(w, b));
            }
            return Parameters.of(layers);
        }
    }

    /** A made-up backend of one identity neuron, ŷ = (w·x + b)·(1 + error): wrong by {@code error} everywhere. */
    private record Linear(String name, double error) implements Backend {
        @Override
        public String description() {
            return "test double";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            return new LinearNetwork(spec, parameters, name, error);
        }
    }

    private static final class LinearNetwork extends ScalingNetwork {
        private final double error;

        LinearNetwork(NetworkSpec spec, Parameters parameters, String backend, double error) {
            super(spec, parameters, backend, 1);
            this.error = error;
        }

        @Override
        protected double[][] predictChecked(DataSet data) {
            LayerParameters layer = parameters.layer(0);
            double[][] outputs = new double[data.rows()][1];
            for (int r = 0; r < data.rows(); r++) {
                double sum = layer.bias(0);
                for (int i = 0; i < layer.inputs(); i++) {
                    sum += layer.weight(0, i) * data.feature(r, i);
                }
                outputs[r][0] = sum * (1 + error);
            }
            return outputs;
        }
    }

    private static final NetworkSpec LINEAR = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.MSE)
            .build();

    @Test
    void aBackendThatIsWrongTheSameWayInEveryRunIsNotForgivenByItsOwnSpread() {
        Parameters start = Parameters.of(LayerParameters.of(new double[][] {{0.75, -1.5}}, new double[] {0.125}));
        DataSet rows = DataSet.of(new double[][] {{1, 2}, {-3, 0.5}, {2, 2}}, new double[][] {{0}, {1}, {0}});

        List<BackendComparison.Row> right = BackendComparison.compare(
                List.of(new Linear("base", 0), new Linear("same", 0)), LINEAR, start, rows, null, Tolerances.DEFAULT);
        List<BackendComparison.Row> wrong = BackendComparison.compare(
                List.of(new Linear("base", 0), new Linear("off", 1e-6)), LINEAR, start, rows, null, Tolerances.DEFAULT);

        assertThat(right.get(0).within()).as(right.get(0).toString()).isTrue();
        assertThat(wrong.get(0).kind()).isEqualTo("outputs");
        assertThat(wrong.get(0).worst()).isCloseTo(1e-6, within(1e-9));
        assertThat(wrong.get(0).tolerance()).as("a well-conditioned sum keeps the plain tolerance")
                .isEqualTo(Tolerances.DEFAULT.outputs());
        assertThat(wrong.get(0).within()).isFalse();
    }

    @Test
    void everyGradientAndTrainedParameterDifferenceIsKeptByName() {
        List<Backend> backends = List.of(new Scaling("base", 1), new Scaling("other", 1.001));
        TrainingOptions training = TrainingOptions.builder().learningRate(0.1).epochs(3).build();

        BackendComparison.Report report = BackendComparison.report(backends, ARTICLE, START, ONE_ROW, training,
                Tolerances.DEFAULT);

        assertThat(report.rows()).extracting(BackendComparison.Row::kind)
                .containsExactly("outputs", "loss", "gradients", "parameters after 3 epochs");
        assertThat(report.parameters()).hasSize(2);
        BackendComparison.ParameterDifferences gradients = report.parameters().get(0);
        assertThat(gradients.backend()).isEqualTo("other");
        assertThat(gradients.kind()).isEqualTo("gradients");
        assertThat(gradients.names()).isEqualTo(ArticleNames.NAMES);
        BackendComparison.ParameterDifferences trained = report.parameters().get(1);
        assertThat(trained.kind()).isEqualTo("parameters after 3 epochs");
        for (int k = 0; k < ArticleNames.NAMES.size(); k++) {
            double p = ArticleNames.get(START, ArticleNames.NAMES.get(k));
            // gradient p·1.001 against p; three steps p·(1 − 0.1001)³ against p·(1 − 0.1)³.
            assertThat(gradients.absolute()[k]).as("gradient %d", k).isCloseTo(Math.abs(p) * 0.001, within(1e-15));
            assertThat(trained.absolute()[k]).as("trained %d", k)
                    .isCloseTo(Math.abs(p * (Math.pow(0.9, 3) - Math.pow(0.8999, 3))), within(1e-15));
        }
        // b2 is 0 on both: exactly no difference.
        assertThat(gradients.absolute()[7]).isZero();
    }

    /**
     * The chart of check --plot draws the same measure as its table: each difference over the largest
     * magnitude of its layer in the baseline, so the highest point of a kind is that kind's worst.
     */
    @Test
    void eachParametersRelativeDifferenceIsTheOneTheTableJudges() {
        List<Backend> backends = List.of(new Scaling("base", 1), new Scaling("other", 1.001));
        TrainingOptions training = TrainingOptions.builder().learningRate(0.1).epochs(3).build();

        BackendComparison.Report report = BackendComparison.report(backends, ARTICLE, START, ONE_ROW, training,
                Tolerances.DEFAULT);

        BackendComparison.ParameterDifferences gradients = report.parameters().get(0);
        BackendComparison.ParameterDifferences trained = report.parameters().get(1);
        double shrink = Math.pow(0.9, 3);
        for (int k = 0; k < ArticleNames.NAMES.size(); k++) {
            String name = ArticleNames.NAMES.get(k);
            double p = ArticleNames.get(START, name);
            // The hidden layer's largest |value| is |w4| = 4; the output layer's |w6| = 6.
            double largest = List.of("w5", "w6", "b3").contains(name) ? 6 : 4;
            assertThat(gradients.relative()[k]).as("gradient of %s", name)
                    .isCloseTo(Math.abs(p) * 0.001 / largest, within(1e-15));
            assertThat(trained.relative()[k]).as("%s after training", name)
                    .isCloseTo(Math.abs(p) * (shrink - Math.pow(0.8999, 3)) / (largest * shrink), within(1e-15));
        }
        assertThat(java.util.Arrays.stream(gradients.relative()).max().orElseThrow())
                .isCloseTo(report.rows().get(2).worst(), within(1e-15));
        assertThat(java.util.Arrays.stream(trained.relative()).max().orElseThrow())
                .isCloseTo(report.rows().get(3).worst(), within(1e-15));
    }

    @Test
    void compareGivesTheRowsOfTheReport() {
        List<Backend> backends = List.of(new Scaling("base", 1), new Scaling("other", 1.001));

        List<BackendComparison.Row> rows = BackendComparison.compare(backends, ARTICLE, START, ONE_ROW, null,
                Tolerances.DEFAULT);

        assertThat(rows).isEqualTo(BackendComparison.report(backends, ARTICLE, START, ONE_ROW, null, Tolerances.DEFAULT)
                .rows());
        // gradients differ by 0.1% of each value, so by at most 0.001 of their layer's largest.
        assertThat(rows.get(2).worst()).isPositive().isLessThanOrEqualTo(0.001 + 1e-15);
    }
}
