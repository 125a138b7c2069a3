package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

/** Cross-entropy on the dl4j backend stays exact where DL4J's own losses clip or give NaN. */
class SaturatedCrossEntropyTest {
    private static final DataSet ONE_ROW_TARGET_0 = DataSet.of(new double[][] {{1}}, new double[][] {{0}});

    @Test
    void aSigmoidOutputRoundedToOneWithTarget0HasTheExactLossAndGradient() {
        // z = 800: σ(z) rounds to 1.0; ℓ = ln(1 + e^800) = 800 + ln(1 + e^-800) = 800 in float64; ∂ℓ/∂w = (σ − y)·x = 1.
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.XENT).build();
        Network network = Backends.create("dl4j", spec,
                Parameters.of(LayerParameters.of(new double[][] {{800}}, new double[] {0})));

        assertThat(network.predict(new double[] {1})[0]).isEqualTo(1.0);
        assertThat(network.loss(ONE_ROW_TARGET_0)).isEqualTo(800.0);
        assertThat(network.gradients(ONE_ROW_TARGET_0).layer(0).weight(0, 0)).isEqualTo(1.0);
    }

    @Test
    void aSigmoidOutputNearOneKeepsItsLossDigits() {
        // z = 20, y = 1: ℓ = ln(1 + e^-20) = x − x²/2 + x³/3 with x = e^-20; DL4J's own loss would give its clip, −ln(1 − 1e-5).
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.XENT).build();
        Network network = Backends.create("dl4j", spec,
                Parameters.of(LayerParameters.of(new double[][] {{20}}, new double[] {0})));
        double x = Math.exp(-20);
        double expected = x - x * x / 2 + x * x * x / 3;

        double loss = network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{1}}));

        assertThat(loss).isCloseTo(expected, within(expected * 1e-14));
    }

    @Test
    void aSoftmaxOutputThatUnderflowsHasTheExactLoss() {
        // z = (1000, 0): softmax is (1, 0); with target (0, 1), ℓ = −ln softmax(z)_2 = 1000 + ln(1 + e^-1000) = 1000.
        NetworkSpec spec = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
        Network network = Backends.create("dl4j", spec,
                Parameters.of(LayerParameters.of(new double[][] {{1000}, {0}}, new double[] {0, 0})));

        assertThat(network.predict(new double[] {1})).containsExactly(1.0, 0.0);
        assertThat(network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{0, 1}}))).isEqualTo(1000.0);
    }

    @Test
    void aConfidentCorrectSoftmaxPredictionKeepsTheDigitsOfItsTinyLoss() {
        // z = (30, 0), target (1, 0): ℓ = ln(1 + e^-30) = x − x²/2 + x³/3 with x = e^-30.
        NetworkSpec spec = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
        Network network = Backends.create("dl4j", spec,
                Parameters.of(LayerParameters.of(new double[][] {{30}, {0}}, new double[] {0, 0})));
        double x = Math.exp(-30);
        double expected = x - x * x / 2 + x * x * x / 3;

        double loss = network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{1, 0}}));

        assertThat(loss).isCloseTo(expected, within(expected * 1e-14));
    }

    @Test
    void tiedTopOutputsCountOnceEach() {
        // z = (5, 5, 0), target (1, 0, 0): ℓ = ln(2 + e^-5) − 0.
        NetworkSpec spec = NetworkSpec.builder(1).layer(3, Activation.SOFTMAX).loss(Loss.XENT).build();
        Network network = Backends.create("dl4j", spec,
                Parameters.of(LayerParameters.of(new double[][] {{5}, {5}, {0}}, new double[] {0, 0, 0})));

        double loss = network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{1, 0, 0}}));

        assertThat(loss).isCloseTo(Math.log(2 + Math.exp(-5)), within(1e-15));
    }
}
