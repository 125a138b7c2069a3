package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** Every number the article prints, computed by the reference backend. */
class ArticleNumbersTest {
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
        Network network = backend.create(Article.NETWORK, ArticleNames.of(0, 1, 0, 1, 0, 1, 0, 0, 0));

        assertThat(network.predict(new double[] {2, 3})[0]).isEqualTo(0.7216325609518421);
    }

    @Test
    void aNetworkThatAlwaysOutputs0HasMseHalfOnTheArticlesTargets() {
        // An identity neuron with zero weights and bias outputs 0 for every row, as in the article's table.
        NetworkSpec zero = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
        Network network = backend.create(zero, Parameters.of(LayerParameters.of(new double[][] {{0, 0}}, new double[] {0})));

        assertThat(network.loss(Article.PEOPLE)).isEqualTo(0.5);
    }

    @Test
    void trainingOnTheFourPeopleLearnsToTellEmilyFromFrank() {
        Network network = backend.create(Article.NETWORK, Article.START);
        double before = network.loss(Article.PEOPLE);

        TrainingResult result = network.fit(Article.PEOPLE, Article.TRAINING);

        assertThat(result.epochs()).isEqualTo(1000);
        assertThat(result.finalLoss()).isLessThan(before).isLessThan(0.01);
        double emily = network.predict(Article.EMILY.features())[0];
        double frank = network.predict(Article.FRANK.features())[0];
        assertThat(emily).isGreaterThan(0.5);
        assertThat(frank).isLessThan(0.5);
    }
}
