package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.List;

/**
 * Every number the article prints, and its 1000-epoch per-sample run from fixed parameters
 * compared with a hand-unrolled loop written as the article writes it. Numbers the article rounds
 * are checked to the digits it prints.
 */
final class ArticleCases {
    static final NetworkSpec NETWORK = NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final NetworkSpec NEURON = NetworkSpec.builder(2).layer(1, Activation.SIGMOID)
            .loss(Loss.MSE).build();
    private static final NetworkSpec ALWAYS_ZERO = NetworkSpec.builder(2).layer(1, Activation.IDENTITY)
            .loss(Loss.MSE).build();
    /** The four people: weight − 135 lb, height − 66 in; 1 for female. */
    static final double[][] PEOPLE_X = {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}};
    static final double[] PEOPLE_Y = {1, 0, 0, 1};
    static final DataSet PEOPLE = DataSet.of(PEOPLE_X, new double[][] {{1}, {0}, {0}, {1}});

    private ArticleCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                new SimpleCase("article.neuron", "a sigmoid neuron with w = [0, 1], b = 4 gives 0.9990889488055994 for [2, 3]",
                        List.of(NEURON), backend -> {
                            Network neuron = backend.create(NEURON,
                                    Parameters.of(LayerParameters.of(new double[][] {{0, 1}}, new double[] {4})));
                            Check.value("output", neuron.predict(new double[] {2, 3})[0], 0.9990889488055994,
                                    KitTolerances.OUTPUTS);
                        }),
                new SimpleCase("article.feedforward", "the 2-2-1 network with every w = [0, 1], b = 0 gives 0.7216325609518421",
                        List.of(NETWORK), backend -> {
                            Network network = backend.create(NETWORK, ArticleNames.of(0, 1, 0, 1, 0, 1, 0, 0, 0));
                            Check.value("output", network.predict(new double[] {2, 3})[0], 0.7216325609518421,
                                    KitTolerances.OUTPUTS);
                        }),
                new SimpleCase("article.mse", "a network that always says 0 has MSE 0.5 on the four people",
                        List.of(ALWAYS_ZERO), backend -> {
                            Network zero = backend.create(ALWAYS_ZERO,
                                    Parameters.of(LayerParameters.of(new double[][] {{0, 0}}, new double[] {0})));
                            Check.value("loss", zero.loss(PEOPLE), 0.5, KitTolerances.LOSSES);
                        }),
                new SimpleCase("article.worked-example", "for Alice with weights 1 and biases 0: h1 = 0.0474, ŷ = 0.524,"
                        + " ∂L/∂w1 = 0.0214 to the digits printed", List.of(NETWORK, NEURON), ArticleCases::workedExample),
                new SimpleCase("article.training", "1000 epochs of per-sample SGD, η = 0.1, on the four people end where the"
                        + " article's loop ends, and tell Emily from Frank", List.of(NETWORK), ArticleCases::training));
    }

    private static void workedExample(Backend backend) {
        DataSet alice = PEOPLE.select(0);
        Network hidden = backend.create(NEURON, Parameters.of(LayerParameters.of(new double[][] {{1, 1}}, new double[] {0})));
        printed("h1", hidden.predict(alice.featureRow(0))[0], 0.0474, 4);
        Network network = backend.create(NETWORK, ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0));
        printed("ŷ", network.predict(alice.featureRow(0))[0], 0.524, 3);
        // The article multiplies its factors rounded to three digits (0.952 · 0.249 · 0.0904 = 0.02143);
        // unrounded ∂L/∂w1 is 0.02147, so its printed 0.0214 holds to ±1e-4.
        double w1 = ArticleNames.get(network.gradients(alice), "w1");
        if (!(Math.abs(w1 - 0.0214) <= 1e-4)) {
            throw new ConformanceFailure("∂L/∂w1", Math.abs(w1 - 0.0214), "got " + w1 + ", the article 0.0214", 1e-4);
        }
    }

    /** {@code actual} rounds to {@code printed} at {@code digits} decimals. */
    private static void printed(String what, double actual, double printed, int digits) {
        double half = 0.5 * Math.pow(10, -digits);
        if (!(Math.abs(actual - printed) <= half)) {
            throw new ConformanceFailure(what, Math.abs(actual - printed), "got " + actual + ", the article " + printed, half);
        }
    }

    private static void training(Backend backend) {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(NETWORK, 1);
        Network network = backend.create(NETWORK, start);
        network.fit(PEOPLE, TrainingOptions.builder().learningRate(0.1).epochs(1000).batchSize(BatchSize.of(1)).build());
        Parameters expected = TeachingLoops.article(start, PEOPLE_X, PEOPLE_Y, 0.1, 1000);
        Check.parameters("parameters after 1000 epochs", network.parameters(), expected, KitTolerances.TRAJECTORY);
        double emily = network.predict(new double[] {-7, -3})[0];
        double frank = network.predict(new double[] {20, 2})[0];
        if (!(emily > 0.5 && frank < 0.5)) {
            throw new ConformanceFailure("predictions", Double.NaN, "Emily " + emily + ", Frank " + frank
                    + "; expected Emily > 0.5 and Frank < 0.5", 0);
        }
    }
}
