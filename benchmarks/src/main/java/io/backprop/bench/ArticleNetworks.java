package io.backprop.bench;

import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;

/** The article's 2-2-1 network and its four people, as every (a) benchmark uses them. */
final class ArticleNetworks {
    /** Alice, Bob, Charlie and Diana: weight − 135 lb, height − 66 in, and 1 for female. */
    static final double[][] FEATURES = {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}};
    static final double[][] TARGETS = {{1}, {0}, {0}, {1}};
    static final double LEARNING_RATE = 0.1;

    static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(2, Activation.SIGMOID).layer(1, Activation.SIGMOID)
            .loss(Loss.MSE).build();

    /** One epoch of per-sample SGD over the four people, in the article's order. */
    static final TrainingOptions ONE_EPOCH_PER_SAMPLE = TrainingOptions.builder().learningRate(LEARNING_RATE)
            .epochs(1).batchSize(BatchSize.of(1)).inOrder().build();

    private ArticleNetworks() {
    }

    static DataSet people() {
        return DataSet.of(FEATURES, TARGETS);
    }

    /** The article's start, {@code np.random.normal()} for every weight and bias, here from seed 1. */
    static Parameters start() {
        return Initializer.STANDARD_NORMAL.initialize(SPEC, 1);
    }
}
