package io.backprop.teaching;

import io.backprop.params.Initializer;

import io.backprop.params.LayerParameters;

import io.backprop.params.Parameters;

import io.backprop.teaching.ParameterNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.backprop.error.SpecException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The article's names w1…w6, b1…b3 for the nine parameters of its 2-2-1 network. */
class ArticleNamesTest {
    private static final Parameters NUMBERED = ArticleNames.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Test
    void theWeightsIntoTheFirstHiddenNeuronAreW1AndW2() {
        assertThat(NUMBERED.layer(0).weight(0, 0)).isEqualTo(1);
        assertThat(NUMBERED.layer(0).weight(0, 1)).isEqualTo(2);
    }

    @Test
    void theWeightsIntoTheSecondHiddenNeuronAreW3AndW4() {
        assertThat(NUMBERED.layer(0).weight(1, 0)).isEqualTo(3);
        assertThat(NUMBERED.layer(0).weight(1, 1)).isEqualTo(4);
    }

    @Test
    void theWeightsIntoTheOutputAreW5AndW6() {
        assertThat(NUMBERED.layer(1).weight(0, 0)).isEqualTo(5);
        assertThat(NUMBERED.layer(1).weight(0, 1)).isEqualTo(6);
    }

    @Test
    void theBiasesAreB1B2OfTheHiddenLayerAndB3OfTheOutput() {
        assertThat(NUMBERED.layer(0).biases()).containsExactly(7, 8);
        assertThat(NUMBERED.layer(1).biases()).containsExactly(9);
    }

    @Test
    void getReadsEachNameFromItsPlace() {
        Parameters parameters = Parameters.of(
                LayerParameters.of(new double[][] {{11, 12}, {13, 14}}, new double[] {17, 18}),
                LayerParameters.of(new double[][] {{15, 16}}, new double[] {19}));

        assertThat(ArticleNames.toMap(parameters)).containsExactly(
                entry("w1", 11.0), entry("w2", 12.0), entry("w3", 13.0), entry("w4", 14.0),
                entry("w5", 15.0), entry("w6", 16.0), entry("b1", 17.0), entry("b2", 18.0), entry("b3", 19.0));
    }

    @Test
    void withThenGetRoundTripsEveryNameAndChangesNothingElse() {
        for (String name : ArticleNames.NAMES) {
            Parameters changed = ArticleNames.with(NUMBERED, name, -0.25);

            for (String other : ArticleNames.NAMES) {
                double expected = other.equals(name) ? -0.25 : ArticleNames.get(NUMBERED, other);
                assertThat(ArticleNames.get(changed, other)).as("%s after setting %s", other, name).isEqualTo(expected);
            }
        }
    }

    @Test
    void withLeavesTheOriginalUnchanged() {
        ArticleNames.with(NUMBERED, "w4", 0);

        assertThat(ArticleNames.get(NUMBERED, "w4")).isEqualTo(4);
    }

    @Test
    void theArticleShapeIsRecognised() {
        assertThat(ArticleNames.apply(NUMBERED)).isTrue();
    }

    @Test
    void namesAreRefusedForANetworkThatIsNotTwoTwoOne() {
        NetworkSpec threeInputs = NetworkSpec.builder(3)
                .layer(2, Activation.SIGMOID)
                .layer(1, Activation.SIGMOID)
                .loss(Loss.MSE)
                .build();
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(threeInputs, 1);

        assertThat(ArticleNames.apply(parameters)).isFalse();
        assertThatThrownBy(() -> ArticleNames.get(parameters, "w1"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("the article's names w1…w6, b1…b3 apply only to a 2-2-1 network with biases")
                .hasMessageContaining("found 2 × 3, 1 × 2 (units × inputs)");
    }

    @Test
    void namesAreRefusedForATwoTwoOneNetworkWithoutBiases() {
        NetworkSpec noBiases = NetworkSpec.builder(2)
                .layer(2, Activation.SIGMOID, false)
                .layer(1, Activation.SIGMOID)
                .loss(Loss.MSE)
                .build();
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(noBiases, 1);

        assertThatThrownBy(() -> ArticleNames.with(parameters, "b1", 0))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("with biases")
                .hasMessageContaining("found 2 × 2 without biases, 1 × 2");
    }

    @Test
    void anUnknownNameIsRefusedListingTheNames() {
        assertThatThrownBy(() -> ArticleNames.get(NUMBERED, "w7"))
                .isInstanceOf(SpecException.class)
                .hasMessage("unknown parameter name \"w7\"; expected one of [w1, w2, w3, w4, w5, w6, b1, b2, b3]");
    }

    @Test
    void valuesComeInTheOrderOfTheNamesAndAgreeWithArticleNames() {
        Parameters p = ArticleNames.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

        double[] values = ParameterNames.values(p);

        for (int k = 0; k < values.length; k++) {
            assertThat(values[k]).as(ArticleNames.NAMES.get(k)).isEqualTo(ArticleNames.get(p, ArticleNames.NAMES.get(k)));
        }
    }
}
