package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.teaching.ArticleNames;
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
public class ArticleNumbersTest {
    public static final NetworkSpec ARTICLE = NetworkSpec.builder(2)
            .layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    /** The four people, weight minus 135 and height minus 66, and 1 for female. */
    public static final DataSet PEOPLE = DataSet.of(
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
