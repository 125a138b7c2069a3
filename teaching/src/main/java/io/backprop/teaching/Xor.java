package io.backprop.teaching;

import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;

/**
 * XOR, the other teaching example, in its two variants: per-sample SGD on the article's network,
 * and full-batch gradient descent on a 2-2-1 sigmoid network without biases under the summed
 * squared error. Their loops, written out as their sources write them, are {@link XorLoops}.
 *
 * <p>The seeds of the starts are this project's choice: both XOR examples draw their starts unseeded.
 */
public final class Xor {
    /** The four rows of the truth table, in order: (0, 0), (0, 1), (1, 0), (1, 1). */
    public static final DataSet DATA = DataSet.of(features(), targetRows());

    /** The per-sample variant trains the article's network: 2-2-1, sigmoid, mse, with biases. */
    public static final NetworkSpec PER_SAMPLE_NETWORK = Article.NETWORK;
    /** The per-sample variant's learn rate η. */
    public static final double PER_SAMPLE_LEARN_RATE = 0.1;
    /** The per-sample variant's start: every weight and bias from N(0, 1), seed 3. */
    public static final Parameters PER_SAMPLE_START = Initializer.STANDARD_NORMAL.initialize(PER_SAMPLE_NETWORK, 3);

    /** The full-batch variant's network: 2-2-1, sigmoid, no biases, the summed squared error. */
    public static final NetworkSpec FULL_BATCH_NETWORK = NetworkSpec.builder(2)
            .layer(2, Activation.SIGMOID, false)
            .layer(1, Activation.SIGMOID, false)
            .loss(Loss.SSE)
            .build();
    /** The full-batch variant adds its whole gradient: η = 1. */
    public static final double FULL_BATCH_LEARN_RATE = 1;
    /** The full-batch variant's start: every weight from N(0, 1), seed 4. */
    public static final Parameters FULL_BATCH_START = Initializer.STANDARD_NORMAL.initialize(FULL_BATCH_NETWORK, 4);

    private Xor() {
    }

    /** The inputs, a row each, in a new array. */
    public static double[][] features() {
        return new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    }

    /** The targets, {@code x1 XOR x2} a row, in a new array. */
    public static double[] targets() {
        return new double[] {0, 1, 1, 0};
    }

    /** Per-sample SGD over the four rows in order, at {@link #PER_SAMPLE_LEARN_RATE}, for {@code epochs} epochs. */
    public static TrainingOptions perSampleTraining(int epochs) {
        return TrainingOptions.builder().learningRate(PER_SAMPLE_LEARN_RATE).epochs(epochs)
                .batchSize(BatchSize.of(1)).inOrder().build();
    }

    /** One step on all four rows an epoch, at {@link #FULL_BATCH_LEARN_RATE}, for {@code steps} steps. */
    public static TrainingOptions fullBatchTraining(int steps) {
        return TrainingOptions.builder().learningRate(FULL_BATCH_LEARN_RATE).epochs(steps)
                .batchSize(BatchSize.ALL).build();
    }

    private static double[][] targetRows() {
        double[] targets = targets();
        double[][] rows = new double[targets.length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {targets[r]};
        }
        return rows;
    }
}
