package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** Every number the article (seed 001) prints, computed by the reference backend. */
class ArticleNumbersTest {
    static final NetworkSpec ARTICLE = NetworkSpec.builder(2)
            .layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    /** The four people, weight minus 135 and height minus 66, and 1 for female. */
    static final DataSet PEOPLE = DataSet.of(
            new double[][] {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}},
            new double[][] {{1}, {0}, {0}, {1}});

    private final ReferenceBackend backend = new ReferenceBackend();

    @Test
    void aNeuronWithWeights0And1AndBias4OutputsF7() {
        NetworkSpec neuron = NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
        Network network = backend.create(neuron,
                Parameters.of(LayerParameters.of(new double[][] {{0, 1}}, new double[] {4})));

        assertThat(network.predict(new double[] {2, 3})[0]).isEqualTo(0.9990889488055994);
    }

    @Test
    void theNetworkWithEveryWeight0And1AndBias0Outputs0Point7216() {
        Network network = backend.create(ARTICLE, ArticleNames.of(0, 1, 0, 1, 0, 1, 0, 0, 0));

        assertThat(network.predict(new double[] {2, 3})[0]).isEqualTo(0.7216325609518421);
    }

    @Test
    void aNetworkThatAlwaysOutputs0HasMseHalfOnTheArticlesTargets() {
        // An identity neuron with zero weights and bias outputs 0 for every row, as in the article's table.
        NetworkSpec zero = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
        Network network = backend.create(zero, Parameters.of(LayerParameters.of(new double[][] {{0, 0}}, new double[] {0})));

        assertThat(network.loss(PEOPLE)).isEqualTo(0.5);
    }

    @Test
    void theWorkedExampleOfThePartialDerivativeForAlice() {
        ReferenceNetwork network = (ReferenceNetwork) backend.create(ARTICLE, ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0));
        DataSet alice = PEOPLE.select(0);

        Parameters gradients = network.gradients(alice);

        Layer hidden = network.layer(0);
        Layer output = network.layer(1);
        double h1 = hidden.a[0];
        double yPred = output.a[0];
        double dLdYPred = output.dLda[0];
        double dYPredDh1 = hidden.dLda[0] / dLdYPred; // ∂L/∂h1 = ∂L/∂ŷ · ∂ŷ/∂h1
        double dLdw1 = ArticleNames.get(gradients, "w1");
        double dh1Dw1 = dLdw1 / hidden.dLda[0]; // ∂L/∂w1 = ∂L/∂h1 · ∂h1/∂w1
        assertThat(h1).isCloseTo(0.0474, within(0.00005));
        assertThat(yPred).isCloseTo(0.524, within(0.0005));
        // The article takes −2(1 − ŷ) with ŷ already rounded to 0.524; unrounded it is −0.95261.
        assertThat(-2 * (1 - Math.round(yPred * 1000) / 1000.0)).isCloseTo(-0.952, within(1e-12));
        assertThat(dLdYPred).isCloseTo(-0.952, within(0.001));
        assertThat(dYPredDh1).isCloseTo(0.249, within(0.0005));
        assertThat(dh1Dw1).isCloseTo(-0.0904, within(0.00005));
        // The article multiplies its rounded factors (0.952 · 0.249 · 0.0904 = 0.02143); unrounded it is 0.021470.
        assertThat(-0.952 * 0.249 * -0.0904).isCloseTo(0.0214, within(0.00005));
        assertThat(dLdw1).isCloseTo(0.0214, within(0.0001));
        assertThat(dLdYPred * dYPredDh1 * dh1Dw1).isCloseTo(dLdw1, within(1e-17));
    }

    @Test
    void trainingOnTheFourPeopleLearnsToTellEmilyFromFrank() {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(ARTICLE, 1);
        Network network = backend.create(ARTICLE, start);
        double before = network.loss(PEOPLE);

        TrainingResult result = network.fit(PEOPLE,
                TrainingOptions.builder().learningRate(0.1).epochs(1000).build());

        assertThat(result.epochs()).isEqualTo(1000);
        assertThat(result.finalLoss()).isLessThan(before).isLessThan(0.01);
        double emily = network.predict(new double[] {-7, -3})[0];
        double frank = network.predict(new double[] {20, 2})[0];
        assertThat(emily).isGreaterThan(0.5);
        assertThat(frank).isLessThan(0.5);
    }
}
