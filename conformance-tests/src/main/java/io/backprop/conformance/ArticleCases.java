package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.List;

/**
 * Every number the article prints (as data, in {@code article-cases.json}; numbers it rounds are
 * checked to the digits it prints), and its 1000-epoch per-sample run from fixed parameters
 * compared with a hand-unrolled loop written as the article writes it.
 */
final class ArticleCases {
    static final NetworkSpec NETWORK = NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
    /** The four people: weight − 135 lb, height − 66 in; 1 for female. */
    static final double[][] PEOPLE_X = {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}};
    static final double[] PEOPLE_Y = {1, 0, 0, 1};
    static final DataSet PEOPLE = DataSet.of(PEOPLE_X, new double[][] {{1}, {0}, {0}, {1}});

    private ArticleCases() {
    }

    /** The article's printed numbers, kept as data, and its training run. */
    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new java.util.ArrayList<>(DataCases.read("article-cases.json"));
        cases.add(new SimpleCase("article.training", "1000 epochs of per-sample SGD, η = 0.1, on the four people end"
                + " where the article's loop ends, and tell Emily from Frank", List.of(NETWORK), ArticleCases::training));
        return cases;
    }

    private static void training(Backend backend) {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(NETWORK, 1);
        Network network = backend.create(NETWORK, start);
        network.fit(PEOPLE, TrainingOptions.builder().learningRate(0.1).epochs(1000).batchSize(BatchSize.of(1)).build());
        Parameters expected = TeachingLoops.article(start, PEOPLE_X, PEOPLE_Y, 0.1, 1000);
        Check.parameters("parameters after 1000 epochs", network.parameters(), expected, Tolerances.TRAJECTORY);
        double emily = network.predict(new double[] {-7, -3})[0];
        double frank = network.predict(new double[] {20, 2})[0];
        if (!(emily > 0.5 && frank < 0.5)) {
            throw new ConformanceFailure("predictions", Double.NaN, "Emily " + emily + ", Frank " + frank
                    + "; expected Emily > 0.5 and Frank < 0.5", 0);
        }
    }
}
