package io.backprop.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.SpecException;
import org.junit.jupiter.api.Test;

/** Building a network's shape, and refusing an invalid one at {@code build()}, naming the field. */
class NetworkSpecTest {
    private static final NetworkSpec ARTICLE = NetworkSpec.builder(2)
            .layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    private static final NetworkSpec WIDE = NetworkSpec.builder(3)
            .layer(4, Activation.RELU, false)
            .layer(2, Activation.SOFTMAX)
            .loss(Loss.XENT)
            .build();

    @Test
    void aValidBuilderGivesTheLayersInOrder() {
        assertThat(WIDE.inputs()).isEqualTo(3);
        assertThat(WIDE.depth()).isEqualTo(2);
        assertThat(WIDE.layers()).containsExactly(
                new LayerSpec(4, Activation.RELU, false),
                new LayerSpec(2, Activation.SOFTMAX, true));
        assertThat(WIDE.layer(1).activation()).isEqualTo(Activation.SOFTMAX);
        assertThat(WIDE.loss()).isEqualTo(Loss.XENT);
    }

    @Test
    void layersHaveBiasesUnlessToldOtherwise() {
        assertThat(ARTICLE.layer(0).bias()).isTrue();
        assertThat(WIDE.layer(0).bias()).isFalse();
    }

    @Test
    void outputsAreTheUnitsOfTheLastLayer() {
        assertThat(ARTICLE.outputs()).isEqualTo(1);
        assertThat(WIDE.outputs()).isEqualTo(2);
    }

    @Test
    void eachLayerReceivesThePreviousLayersUnits() {
        assertThat(WIDE.inputsOf(0)).isEqualTo(3);
        assertThat(WIDE.inputsOf(1)).isEqualTo(4);
    }

    @Test
    void parameterCountCountsWeightsAndOnlyTheBiasesThatExist() {
        // Article: 2×2 weights + 2 biases, then 1×2 weights + 1 bias.
        assertThat(ARTICLE.parameterCount()).isEqualTo(4 + 2 + 2 + 1);
        // Wide: 4×3 weights and no biases, then 2×4 weights + 2 biases.
        assertThat(WIDE.parameterCount()).isEqualTo(12 + 8 + 2);
    }

    @Test
    void toStringReadsAsTheShape() {
        assertThat(ARTICLE).hasToString("2 inputs → 2 sigmoid → 1 sigmoid, loss mse");
        assertThat(WIDE).hasToString("3 inputs → 4 relu (no bias) → 2 softmax, loss xent");
    }

    @Test
    void specsOfTheSameShapeAreEqual() {
        NetworkSpec again = NetworkSpec.builder(2)
                .layer(new LayerSpec(2, Activation.SIGMOID, true))
                .layer(1, Activation.SIGMOID, true)
                .loss(Loss.MSE)
                .build();

        assertThat(again).isEqualTo(ARTICLE).hasSameHashCodeAs(ARTICLE);
        assertThat(again).isNotEqualTo(WIDE);
    }

    @Test
    void zeroInputsAreRefused() {
        NetworkSpec.Builder builder = NetworkSpec.builder(0).layer(1, Activation.SIGMOID).loss(Loss.MSE);

        assertThatThrownBy(builder::build)
                .isInstanceOf(SpecException.class)
                .hasMessage("inputs: found 0; expected at least 1");
    }

    @Test
    void noLayersAreRefused() {
        NetworkSpec.Builder builder = NetworkSpec.builder(2).loss(Loss.MSE);

        assertThatThrownBy(builder::build)
                .isInstanceOf(SpecException.class)
                .hasMessage("layers: found none; expected at least one layer");
    }

    @Test
    void zeroUnitsAreRefusedNamingTheLayer() {
        NetworkSpec.Builder builder = NetworkSpec.builder(2)
                .layer(3, Activation.TANH)
                .layer(0, Activation.SIGMOID)
                .loss(Loss.MSE);

        assertThatThrownBy(builder::build)
                .isInstanceOf(SpecException.class)
                .hasMessage("layers[1].units: found 0; expected at least 1");
    }

    @Test
    void crossEntropyAfterAnOutputThatIsNotAProbabilityIsRefused() {
        for (Activation output : new Activation[] {Activation.IDENTITY, Activation.TANH, Activation.RELU}) {
            NetworkSpec.Builder builder = NetworkSpec.builder(2).layer(3, Activation.SIGMOID).layer(1, output)
                    .loss(Loss.XENT);

            assertThatThrownBy(builder::build)
                    .isInstanceOf(SpecException.class)
                    .hasMessage("loss: xent needs probabilities out of the network, but layers[1].activation is "
                            + output.id() + "; expected a sigmoid or softmax output layer, or the loss mse or sse");
        }
        assertThat(NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.XENT).build().loss())
                .isEqualTo(Loss.XENT);
    }

    @Test
    void softmaxOverOneUnitIsRefusedNamingTheLayer() {
        NetworkSpec.Builder builder = NetworkSpec.builder(2).layer(1, Activation.SOFTMAX).loss(Loss.XENT);

        assertThatThrownBy(builder::build)
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("layers[0].activation: softmax over 1 unit")
                .hasMessageContaining("expected at least 2 units");
    }

    @Test
    void aMissingLossIsRefusedListingTheLosses() {
        NetworkSpec.Builder builder = NetworkSpec.builder(2).layer(1, Activation.SIGMOID);

        assertThatThrownBy(builder::build)
                .isInstanceOf(SpecException.class)
                .hasMessage("loss: missing; expected one of mse, sse, xent");
    }

    @Test
    void aMissingActivationIsRefusedNamingTheLayer() {
        NetworkSpec.Builder builder = NetworkSpec.builder(2).layer(2, Activation.TANH);

        assertThatThrownBy(() -> builder.layer(1, null))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers[1].activation: missing; expected one of sigmoid, tanh, relu, identity, softmax");
    }

    @Test
    void theLayersCannotBeChangedAfterBuilding() {
        assertThatThrownBy(() -> ARTICLE.layers().add(new LayerSpec(1, Activation.RELU, true)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sizesThatOverflowAnIntAreRefusedNamingTheLayer() {
        // 65536 × 65536 wraps to 0 in int arithmetic, and 46341² to a negative count.
        assertThatThrownBy(() -> NetworkSpec.builder(65536).layer(65536, Activation.SIGMOID).loss(Loss.MSE).build())
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("layers[0]: 65,536 units × 65,536 inputs = 4,294,967,296 weights")
                .hasMessageContaining("expected at most 2,147,483,639");
        assertThatThrownBy(() -> NetworkSpec.builder(2).layer(46341, Activation.SIGMOID)
                .layer(46341, Activation.SIGMOID).loss(Loss.MSE).build())
                .hasMessageStartingWith("layers[1]: 46,341 units × 46,341 inputs");
        assertThatThrownBy(() -> NetworkSpec.builder(1).layer(Integer.MAX_VALUE, Activation.SIGMOID, false)
                .loss(Loss.MSE).build())
                .hasMessageStartingWith("layers[0]: 2,147,483,647 units × 1 inputs");
        assertThatThrownBy(() -> NetworkSpec.builder(100_000).layer(100_000, Activation.SIGMOID).loss(Loss.MSE).build())
                .hasMessageStartingWith("layers[0]: 100,000 units × 100,000 inputs");
    }

    @Test
    void theLargestNetworkThatFitsIsAccepted() {
        NetworkSpec largest = NetworkSpec.builder(1).layer(NetworkSpec.MAX_PARAMETERS, Activation.IDENTITY, false)
                .loss(Loss.MSE).build();
        assertThat(largest.parameterCount()).isEqualTo(NetworkSpec.MAX_PARAMETERS);
    }
}
