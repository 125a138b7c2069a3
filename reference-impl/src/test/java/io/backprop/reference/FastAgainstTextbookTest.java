package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.conformance.comparison.Differences;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.reference.kernels.SplitWork;
import io.backprop.reference.textbook.TextbookBackend;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast backend against the textbook loop on networks larger than the kit's: wide enough for
 * every kernel's blocks, tiles and remainders, and for the work to be split over two threads. The
 * kernels reorder sums, so the comparison is at the project's tolerances ({@link Tolerances#DEFAULT}).
 */
class FastAgainstTextbookTest {
    @Test
    void theMnistSizedNetworkAgreesWithTheTextbookInOutputsLossGradientsAndTraining() {
        NetworkSpec spec = NetworkSpec.builder(784).layer(256, Activation.RELU).layer(10, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        assertThat(2L * 64 * 784 * 256).as("the first layer's product is split over two threads")
                .isGreaterThanOrEqualTo(SplitWork.MIN_SPLIT_FLOPS);
        assertAgree(spec, data(128, 784, 10, true, 1), TrainingOptions.builder().learningRate(0.05).epochs(2)
                .batchSize(BatchSize.of(64)).build());
    }

    @Test
    void oddSizesExerciseEveryRemainderOfTheTiles() {
        NetworkSpec spec = NetworkSpec.builder(263).layer(70, Activation.TANH).layer(33, Activation.SIGMOID, false)
                .layer(3, Activation.IDENTITY).loss(Loss.MSE).build();
        assertAgree(spec, data(75, 263, 3, false, 2), TrainingOptions.builder().learningRate(0.01).epochs(3)
                .batchSize(BatchSize.of(37)).shuffle(5).build());
    }

    @Test
    void aBatchLargerThanTheBuffersIsSummedOverChunksTheLastOfOneRow() {
        NetworkSpec spec = NetworkSpec.builder(20).layer(16, Activation.TANH).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        // 513 rows: two chunks of 256 and one of a single row.
        assertAgree(spec, data(513, 20, 3, true, 3), TrainingOptions.builder().learningRate(0.1).epochs(3)
                .batchSize(BatchSize.ALL).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallNetworks")
    void perSampleStepsOnSmallNetworksAgreeWithTheTextbook(String name, NetworkSpec spec, boolean oneHot) {
        assertAgree(spec, data(9, spec.inputs(), spec.outputs(), oneHot, 4), TrainingOptions.builder()
                .learningRate(0.05).epochs(5).batchSize(BatchSize.of(1)).shuffle(3).build());
    }

    /** Every activation below and at the output, every loss, layers with and without biases, one to three outputs. */
    static Stream<Arguments> smallNetworks() {
        return Stream.of(
                Arguments.of("the article's 2-2-1, sigmoid, mse", Article.NETWORK, false),
                Arguments.of("tanh, relu, identity, mse over 3 outputs", NetworkSpec.builder(3)
                        .layer(4, Activation.TANH).layer(3, Activation.RELU).layer(3, Activation.IDENTITY)
                        .loss(Loss.MSE).build(), false),
                Arguments.of("no biases, sse", NetworkSpec.builder(2).layer(3, Activation.SIGMOID, false)
                        .layer(2, Activation.TANH, false).loss(Loss.SSE).build(), false),
                Arguments.of("softmax below a layer, then sigmoid with xent", NetworkSpec.builder(3)
                        .layer(4, Activation.SOFTMAX).layer(1, Activation.SIGMOID).loss(Loss.XENT).build(), true),
                Arguments.of("relu into softmax with xent", NetworkSpec.builder(4).layer(5, Activation.RELU)
                        .layer(3, Activation.SOFTMAX).loss(Loss.XENT).build(), true),
                Arguments.of("softmax output with mse", NetworkSpec.builder(2).layer(3, Activation.TANH)
                        .layer(2, Activation.SOFTMAX).loss(Loss.MSE).build(), true),
                Arguments.of("one layer, identity, sse", NetworkSpec.builder(3).layer(2, Activation.IDENTITY)
                        .loss(Loss.SSE).build(), false));
    }

    /**
     * Outputs, loss, gradients and the parameters after training, each within the project's tolerance
     * of the textbook's. (Not through {@code BackendComparison}: it widens each tolerance by the spread of
     * the compared backend's own runs from perturbed parameters, so it would forgive a difference that
     * every run of one backend makes alike.)
     */
    private static void assertAgree(NetworkSpec spec, DataSet data, TrainingOptions training) {
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 7);
        Network textbook = new TextbookBackend().create(spec, start);
        Network fast = new ReferenceBackend().create(spec, start);
        Tolerances tolerances = Tolerances.DEFAULT;

        assertThat(Differences.outputs(fast.predict(data), textbook.predict(data)).value()).as("outputs")
                .isLessThanOrEqualTo(tolerances.outputs());
        assertThat(Differences.relative(fast.loss(data), textbook.loss(data))).as("loss")
                .isLessThanOrEqualTo(tolerances.losses());
        assertThat(Differences.parameters(fast.gradients(data), textbook.gradients(data)).value()).as("gradients")
                .isLessThanOrEqualTo(tolerances.gradients());
        fast.fit(data, training);
        textbook.fit(data, training);
        assertThat(Differences.parameters(fast.parameters(), textbook.parameters()).value()).as("after training")
                .isLessThanOrEqualTo(tolerances.parameters());
        assertThat(fast.parameters()).as("training moved the parameters").isNotEqualTo(start);
    }

    private static DataSet data(int rows, int features, int outputs, boolean oneHot, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][features];
        double[][] y = new double[rows][outputs];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < features; i++) {
                x[r][i] = random.nextDouble();
            }
            if (oneHot) {
                y[r][random.nextInt(outputs)] = 1;
            } else {
                for (int k = 0; k < outputs; k++) {
                    y[r][k] = random.nextGaussian();
                }
            }
        }
        return DataSet.of(x, y);
    }
}
