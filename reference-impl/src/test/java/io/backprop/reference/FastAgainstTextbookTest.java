package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.compare.BackendComparison;
import io.backprop.compare.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.reference.kernels.SplitWork;
import io.backprop.reference.textbook.TextbookBackend;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast backend against the textbook loop on networks larger than the kit's: wide enough for
 * every kernel's blocks, tiles and remainders, and for the work to be split over two threads. The
 * kernels reorder sums, so the comparison is the project's tolerances, as {@code backprop check} uses them.
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

    private static void assertAgree(NetworkSpec spec, DataSet data, TrainingOptions training) {
        List<BackendComparison.Row> rows = BackendComparison.compare(
                List.of(new TextbookBackend(), new ReferenceBackend()), spec,
                Initializer.XAVIER_UNIFORM.initialize(spec, 7), data, training, Tolerances.DEFAULT);
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row.within()).as(row.toString()).isTrue());
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
