package io.backprop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The raw PyTorch yardstick does the work it is timed for: from the same weights, its SGD step and
 * its outputs equal {@code reference}'s through the API (a second implementation), to float64
 * rounding, on the MLP's shape (smaller) and on the article's network.
 */
class RawPytorchTest {
    @Test
    void theMlpStepAndOutputsAreTheApisOnReference() {
        MlpWorkload workload = new MlpWorkload(32, 8);
        NetworkSpec spec = workload.spec();
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 1);
        Network reference = Backends.create("reference", spec, start);
        DataSet data = workload.dataSet();
        try (RawPytorch raw = RawPytorch.mlp(MlpWorkload.INPUTS, 32, MlpWorkload.OUTPUTS, MlpWorkload.LEARNING_RATE)) {
            for (int l = 0; l < 2; l++) {
                raw.set(l, start.layer(l).weights(), start.layer(l).biases());
            }
            NDArray x = raw.tensor(workload.features, 8, MlpWorkload.INPUTS);
            NDArray y = raw.tensor(workload.targets, 8, MlpWorkload.OUTPUTS);
            assertClose(raw.predict(x), flat(reference.predict(data)), 1e-13);
            for (int step = 0; step < 3; step++) {
                raw.step(x, y);
                reference.fit(data, MlpWorkload.ONE_STEP);
            }
            Parameters trained = reference.parameters();
            for (int l = 0; l < 2; l++) {
                assertClose(flat(raw.weights(l)), flat(trained.layer(l).weights()), 1e-13);
                assertClose(raw.biases(l), trained.layer(l).biases(), 1e-13);
            }
            assertClose(raw.predict(x), flat(reference.predict(data)), 1e-13);
        }
    }

    @Test
    void theArticleStepIsTheApisOnReference() {
        NetworkSpec spec = io.backprop.teaching.Article.NETWORK;
        Parameters start = io.backprop.teaching.Article.START;
        Network reference = Backends.create("reference", spec, start);
        double[] features = {-2, -1};
        double[] targets = {1};
        DataSet one = DataSet.ofFlat(1, 2, features, 1, targets);
        TrainingOptions step = TrainingOptions.builder().learningRate(0.1).epochs(1).batchSize(io.backprop.train.BatchSize.of(1)).inOrder()
                .lossEvery(2).build();
        try (RawPytorch raw = RawPytorch.articleNetwork(0.1)) {
            for (int l = 0; l < 2; l++) {
                raw.set(l, start.layer(l).weights(), start.layer(l).biases());
            }
            NDArray x = raw.tensor(features, 1, 2);
            NDArray y = raw.tensor(targets, 1, 1);
            for (int k = 0; k < 4; k++) {
                raw.step(x, y);
                reference.fit(one, step);
            }
            Parameters trained = reference.parameters();
            for (int l = 0; l < 2; l++) {
                assertClose(flat(raw.weights(l)), flat(trained.layer(l).weights()), 1e-14);
                assertClose(raw.biases(l), trained.layer(l).biases(), 1e-14);
            }
        }
    }

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("value %d", k).isCloseTo(expected[k],
                    org.assertj.core.data.Offset.offset(tolerance * Math.max(1, Math.abs(expected[k]))));
        }
    }
}
