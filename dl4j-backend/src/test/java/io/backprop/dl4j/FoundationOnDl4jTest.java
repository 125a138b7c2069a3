package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** The foundation's article numbers and teaching variants, on the dl4j backend. */
class FoundationOnDl4jTest {
    private static final NetworkSpec ARTICLE = Dl4jAgreesWithReferenceTest.ARTICLE;
    private static final DataSet PEOPLE = Dl4jAgreesWithReferenceTest.PEOPLE;
    private static final DataSet XOR = DataSet.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {1}, {1}, {0}});

    @Test
    void theNeuronTheNetworkAndTheMseOfTheArticle() {
        NetworkSpec neuron = NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
        Network one = Backends.create("dl4j", neuron,
                Parameters.of(LayerParameters.of(new double[][] {{0, 1}}, new double[] {4})));
        assertThat(one.predict(new double[] {2, 3})[0]).isEqualTo(0.9990889488055994);

        Network network = Backends.create("dl4j", ARTICLE, ArticleNames.of(0, 1, 0, 1, 0, 1, 0, 0, 0));
        assertThat(network.predict(new double[] {2, 3})[0]).isEqualTo(0.7216325609518421);

        NetworkSpec zero = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
        Network alwaysZero = Backends.create("dl4j", zero,
                Parameters.of(LayerParameters.of(new double[][] {{0, 0}}, new double[] {0})));
        assertThat(alwaysZero.loss(PEOPLE)).isEqualTo(0.5);
    }

    @Test
    void theWorkedExamplesGradientForAlice() {
        Network network = Backends.create("dl4j", ARTICLE, ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0));
        // By hand: h = σ(−3), ŷ = σ(2h), ∂L/∂w1 = −2(1 − ŷ) · ŷ(1 − ŷ) · h(1 − h) · x1, with x1 = −2.
        double h = 1 / (1 + Math.exp(3));
        double y = 1 / (1 + Math.exp(-2 * h));
        double dLdw1 = -2 * (1 - y) * y * (1 - y) * h * (1 - h) * -2;

        double w1 = ArticleNames.get(network.gradients(PEOPLE.select(0)), "w1");

        assertThat(w1).isCloseTo(dLdw1, within(1e-17)).isCloseTo(0.0214, within(1e-4));
    }

    @Test
    void seed003XorWithPerSampleSgdFollowsTheReference() {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(ARTICLE, 3);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.1).epochs(100).batchSize(BatchSize.of(1))
                .build();
        Network dl4j = Backends.create("dl4j", ARTICLE, start);
        Network reference = Backends.create("reference", ARTICLE, start);

        dl4j.fit(XOR, options);
        reference.fit(XOR, options);

        assertThat(dl4j.parameters()).isNotEqualTo(start);
        assertNine(dl4j.parameters(), reference.parameters(), 1e-12);
    }

    @Test
    void seed004XorWithoutBiasesFullBatchAndSummedSquaredErrorFollowsTheReference() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(2, Activation.SIGMOID, false)
                .layer(1, Activation.SIGMOID, false).loss(Loss.SSE).build();
        Parameters start = Initializer.STANDARD_NORMAL.initialize(spec, 4);
        // Short: this setup amplifies last-bit rounding after some hundreds of steps (see the reference's tests).
        TrainingOptions options = TrainingOptions.builder().learningRate(1).epochs(20).batchSize(BatchSize.ALL).build();
        Network dl4j = Backends.create("dl4j", spec, start);
        Network reference = Backends.create("reference", spec, start);

        dl4j.fit(XOR, options);
        reference.fit(XOR, options);

        for (int l = 0; l < 2; l++) {
            double[][] a = dl4j.parameters().layer(l).weights();
            double[][] b = reference.parameters().layer(l).weights();
            for (int j = 0; j < a.length; j++) {
                for (int i = 0; i < a[j].length; i++) {
                    assertThat(a[j][i]).isCloseTo(b[j][i], within(1e-12));
                }
            }
        }
        assertThat(dl4j.parameters().layer(0).hasBiases()).isFalse();
    }

    private static void assertNine(Parameters actual, Parameters expected, double tolerance) {
        for (String name : ArticleNames.NAMES) {
            assertThat(ArticleNames.get(actual, name)).as(name)
                    .isCloseTo(ArticleNames.get(expected, name), within(tolerance));
        }
    }
}
