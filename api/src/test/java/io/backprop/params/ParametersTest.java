package io.backprop.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.SpecException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameters are immutable values that say which layer does not fit a spec. */
class ParametersTest {
    /** 3 inputs → 2 units with biases → 1 unit without. */
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .layer(2, Activation.TANH)
            .layer(1, Activation.IDENTITY, false)
            .loss(Loss.MSE)
            .build();

    private static final LayerParameters HIDDEN = LayerParameters.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[] {7, 8});
    private static final LayerParameters OUTPUT = LayerParameters.of(new double[][] {{9, 10}}, null);

    @Test
    void parametersOfTheSpecsShapeFit() {
        Parameters parameters = Parameters.of(HIDDEN, OUTPUT);

        assertThat(parameters.checkFits(SPEC)).isSameAs(parameters);
    }

    @Test
    void weightJIIsFromInputIIntoNeuronJ() {
        assertThat(HIDDEN.units()).isEqualTo(2);
        assertThat(HIDDEN.inputs()).isEqualTo(3);
        assertThat(HIDDEN.weight(0, 2)).isEqualTo(3);
        assertThat(HIDDEN.weight(1, 0)).isEqualTo(4);
        assertThat(HIDDEN.bias(1)).isEqualTo(8);
    }

    @Test
    void checkFitsRefusesTheWrongNumberOfLayers() {
        Parameters one = Parameters.of(HIDDEN);

        assertThatThrownBy(() -> one.checkFits(SPEC))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers: found parameters for 1 layers; expected 2");
    }

    @Test
    void checkFitsRefusesAWeightMatrixOfTheWrongShapeNamingTheLayer() {
        Parameters wide = Parameters.of(HIDDEN, LayerParameters.of(new double[][] {{9, 10, 11}}, null));

        assertThatThrownBy(() -> wide.checkFits(SPEC))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers[1].weights: found 1 × 3; expected 1 × 2 (units × inputs)");
    }

    @Test
    void checkFitsRefusesTooManyUnitsNamingTheLayer() {
        LayerParameters threeUnits = LayerParameters.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, new double[3]);

        assertThatThrownBy(() -> Parameters.of(threeUnits, OUTPUT).checkFits(SPEC))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers[0].weights: found 3 × 3; expected 2 × 3 (units × inputs)");
    }

    @Test
    void checkFitsRefusesMissingBiasesNamingTheLayer() {
        LayerParameters noBiases = LayerParameters.of(HIDDEN.weights(), null);

        assertThatThrownBy(() -> Parameters.of(noBiases, OUTPUT).checkFits(SPEC))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers[0].biases: missing; expected 2 values, since the layer has \"bias\": true");
    }

    @Test
    void checkFitsRefusesExtraBiasesNamingTheLayer() {
        LayerParameters withBias = LayerParameters.of(OUTPUT.weights(), new double[] {0});

        assertThatThrownBy(() -> Parameters.of(HIDDEN, withBias).checkFits(SPEC))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers[1].biases: present; expected none, since the layer has \"bias\": false");
    }

    @Test
    void noLayersAreRefused() {
        assertThatThrownBy(() -> Parameters.of(List.of()))
                .isInstanceOf(SpecException.class)
                .hasMessage("layers: found none; expected at least one layer");
    }

    @Test
    void raggedWeightRowsAreRefused() {
        assertThatThrownBy(() -> LayerParameters.of(new double[][] {{1, 2}, {3}}, null))
                .isInstanceOf(SpecException.class)
                .hasMessage("weights[1]: found 1 values; expected 2, like row 0");
    }

    @Test
    void oneBiasPerNeuronIsRequired() {
        assertThatThrownBy(() -> LayerParameters.of(new double[][] {{1, 2}, {3, 4}}, new double[] {1}))
                .isInstanceOf(SpecException.class)
                .hasMessage("biases: found 1 values; expected 2, one per neuron");
    }

    @Test
    void aLayerIsACopyOfTheArraysItWasGiven() {
        double[][] weights = {{1, 2}};
        double[] biases = {3};
        LayerParameters layer = LayerParameters.of(weights, biases);

        weights[0][0] = 99;
        biases[0] = 99;
        layer.weights()[0][1] = 99;
        layer.biases()[0] = 99;

        assertThat(layer.weights()).isDeepEqualTo(new double[][] {{1, 2}});
        assertThat(layer.biases()).containsExactly(3);
    }

    @Test
    void withWeightAndWithBiasLeaveTheOriginalUnchanged() {
        LayerParameters changed = HIDDEN.withWeight(1, 2, -6).withBias(0, -7);

        assertThat(changed.weight(1, 2)).isEqualTo(-6);
        assertThat(changed.bias(0)).isEqualTo(-7);
        assertThat(HIDDEN.weight(1, 2)).isEqualTo(6);
        assertThat(HIDDEN.bias(0)).isEqualTo(7);
    }

    @Test
    void aLayerWithoutBiasesHasNone() {
        assertThat(OUTPUT.hasBiases()).isFalse();
        assertThat(OUTPUT.biases()).isEmpty();
        assertThatThrownBy(() -> OUTPUT.bias(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withLayerReplacesOneLayerOfACopy() {
        Parameters parameters = Parameters.of(HIDDEN, OUTPUT);
        LayerParameters other = OUTPUT.withWeight(0, 0, 0.5);

        Parameters changed = parameters.withLayer(1, other);

        assertThat(changed.layer(1)).isEqualTo(other);
        assertThat(parameters.layer(1)).isEqualTo(OUTPUT);
    }

    @Test
    void equalityIsBitForBit() {
        Parameters zero = Parameters.of(LayerParameters.of(new double[][] {{0.0}}, null));
        Parameters negativeZero = Parameters.of(LayerParameters.of(new double[][] {{-0.0}}, null));
        Parameters zeroAgain = Parameters.of(LayerParameters.of(new double[][] {{0.0}}, null));

        assertThat(zero).isEqualTo(zeroAgain).hasSameHashCodeAs(zeroAgain);
        assertThat(zero).isNotEqualTo(negativeZero);
    }

    @Test
    void copyToFlatArraysIsRowMajorFromTheOffset() {
        double[] target = new double[9];

        HIDDEN.copyWeightsTo(target, 1);
        HIDDEN.copyBiasesTo(target, 7);

        assertThat(target).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }
}
