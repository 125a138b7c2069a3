package io.backprop.bench;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * An MNIST-shaped MLP, {@code inputs}-{@code hidden}-{@code outputs} with a relu hidden layer, a
 * softmax output and cross-entropy, and one mini-batch of random rows from a fixed seed: pixel-like
 * features in [0, 1) and one-hot targets. The same rows go to every backend and to raw DL4J.
 */
final class MlpWorkload {
    static final int INPUTS = 784;
    static final int OUTPUTS = 10;
    static final double LEARNING_RATE = 0.01;
    private static final long DATA_SEED = 42;

    /** One SGD step on the whole data set as one batch: one {@code fit} epoch at batch size "all". */
    /** One epoch of one step, with the loss over the data after it, as {@code fit} computes by default. */
    static final TrainingOptions ONE_STEP_AND_LOSS = TrainingOptions.builder().learningRate(LEARNING_RATE).epochs(1)
            .batchSize(BatchSize.ALL).inOrder().build();
    /** The step alone: the loss every 2nd epoch, so a run of one epoch computes none. */
    static final TrainingOptions ONE_STEP = ONE_STEP_AND_LOSS.toBuilder().lossEvery(2).build();

    final int hidden;
    final int rows;
    final double[] features;
    final double[] targets;

    MlpWorkload(int hidden, int rows) {
        this.hidden = hidden;
        this.rows = rows;
        Random random = new Random(DATA_SEED);
        features = new double[rows * INPUTS];
        for (int k = 0; k < features.length; k++) {
            features[k] = random.nextDouble();
        }
        targets = new double[rows * OUTPUTS];
        for (int r = 0; r < rows; r++) {
            targets[r * OUTPUTS + random.nextInt(OUTPUTS)] = 1;
        }
    }

    NetworkSpec spec() {
        return NetworkSpec.builder(INPUTS).layer(hidden, Activation.RELU).layer(OUTPUTS, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
    }

    /** The network on {@code backend}, from Xavier-uniform weights drawn with seed 1. */
    Network network(String backend) {
        NetworkSpec spec = spec();
        return Backends.create(backend, spec, Initializer.XAVIER_UNIFORM.initialize(spec, 1));
    }

    DataSet dataSet() {
        return DataSet.ofFlat(rows, INPUTS, features, OUTPUTS, targets);
    }

    MultiLayerNetwork rawNetwork() {
        return RawDl4j.mlp(INPUTS, hidden, OUTPUTS, LEARNING_RATE);
    }

    org.nd4j.linalg.dataset.DataSet rawDataSet() {
        return RawDl4j.batch(rows, features, INPUTS, targets, OUTPUTS);
    }
}
