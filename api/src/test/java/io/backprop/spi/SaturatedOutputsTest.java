package io.backprop.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.spec.Activation;
import org.junit.jupiter.api.Test;

/** Expected values in closed form; {@code q = 1/(1 + e^30)}, so that {@code σ(30) = 1 − q}. */
class SaturatedOutputsTest {
    private static final double Q = 1 / (1 + Math.exp(30));

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    @Test
    void belowNearOneThePlainFormulasRunBitForBit() {
        double z = 1.5;
        double a = 1 / (1 + Math.exp(-z));
        double[] softmax = {0.2, 0.5, 0.3};
        double[] dLda = {0.7, -1.25, 3.0};
        double[] dLdz = new double[3];

        SaturatedOutputs.softmaxBackward(softmax, dLda, dLdz, 3);

        assertThat(SaturatedOutputs.sigmoidComplement(z, a)).isEqualTo(1 - a);
        assertThat(SaturatedOutputs.tanhSlope(0.3, Math.tanh(0.3))).isEqualTo(1 - Math.tanh(0.3) * Math.tanh(0.3));
        double dot = 0.2 * 0.7 + 0.5 * -1.25 + 0.3 * 3.0;
        assertThat(dLdz).containsExactly(0.2 * (0.7 - dot), 0.5 * (-1.25 - dot), 0.3 * (3.0 - dot));
        assertThat(SaturatedOutputs.error(Activation.SOFTMAX, new double[3], softmax, new double[] {0, 1, 0}, 1, 3))
                .isEqualTo(0.5 - 1);
    }

    @Test
    void aSigmoidNearOneGetsItsComplementAndErrorFromZ() {
        double a = 1 / (1 + Math.exp(-30));

        assertThat(relative(1 - a, Q)).as("from the rounded output").isGreaterThan(1e-4);
        assertThat(relative(SaturatedOutputs.sigmoidComplement(30, a), Q)).isLessThan(1e-15);
        assertThat(relative(SaturatedOutputs.error(Activation.SIGMOID, new double[] {30}, new double[] {a},
                new double[] {1}, 0, 1), -Q)).isLessThan(1e-15);
    }

    @Test
    void aTanhNearMinusOneGetsItsSlopeAndErrorFromZ() {
        // 1 − tanh²(−20) = sech²(20) = 4 / (e^20 + e^−20)²; tanh(−20) − 0 = −1 + 2/(e^40 + 1).
        double a = Math.tanh(-20);
        double sech = 2 / (Math.exp(20) + Math.exp(-20));

        assertThat(relative(SaturatedOutputs.tanhSlope(-20, a), sech * sech)).isLessThan(1e-14);
        assertThat(SaturatedOutputs.error(Activation.TANH, new double[] {-20}, new double[] {a}, new double[] {-1}, 0, 1))
                .isCloseTo(2 / (Math.exp(40) + 1), within(1e-30));
    }

    @Test
    void theDominantSoftmaxOutputsSlopeDoesNotCancel() {
        // a = (1 − q, q), ∂L/∂a = (2(1 − q), 0): Σ a_k ∂L/∂a_k = 2(1 − q)², so ∂L/∂z = (2q(1 − q)², −2q(1 − q)²).
        double[] a = {1 / (1 + Math.exp(-30)), Q};
        double[] dLda = {2 * a[0], 0};
        double[] dLdz = new double[2];

        SaturatedOutputs.softmaxBackward(a, dLda, dLdz, 2);

        double expected = 2 * Q * (1 - Q) * (1 - Q);
        assertThat(relative(dLdz[0], expected)).isLessThan(1e-14);
        assertThat(relative(dLdz[1], -expected)).isLessThan(1e-14);
    }

    @Test
    void softmaxBackwardMayWriteOverItsInput() {
        double[] a = {1 / (1 + Math.exp(-30)), Q};
        double[] inPlace = {2 * a[0], 0};
        double[] separate = new double[2];

        SaturatedOutputs.softmaxBackward(a, inPlace.clone(), separate, 2);
        SaturatedOutputs.softmaxBackward(a, inPlace, inPlace, 2);

        assertThat(inPlace).containsExactly(separate);
    }

    @Test
    void aSigmoidsCrossEntropyFromZIsFiniteWhereTheOutputRoundsToOneAndKeepsItsDigits() {
        // ℓ = ln(1 + e^z) − y·z; at z = 800, y = 0 it is 800 + ln(1 + e^-800) = 800.
        double x = Math.exp(-30);
        double lnOnePlusX = x - x * x / 2 + x * x * x / 3;

        assertThat(SaturatedOutputs.crossEntropy(Activation.SIGMOID, new double[] {800}, new double[] {0}, 1))
                .isEqualTo(800);
        assertThat(relative(SaturatedOutputs.crossEntropy(Activation.SIGMOID, new double[] {30}, new double[] {1}, 1),
                lnOnePlusX)).as("−ln σ(30) = ln(1 + e^-30)").isLessThan(1e-15);
        assertThat(relative(SaturatedOutputs.crossEntropy(Activation.SIGMOID, new double[] {-30}, new double[] {0}, 1),
                lnOnePlusX)).as("−ln(1 − σ(−30))").isLessThan(1e-15);
        assertThat(SaturatedOutputs.crossEntropy(Activation.SIGMOID, new double[] {0}, new double[] {0.5}, 1))
                .isCloseTo(Math.log(2), within(1e-16));
    }

    @Test
    void aSigmoidsCrossEntropyAwayFromSaturationIsTheTextbooksSummedOverOutputs() {
        double[] z = {1.2, -0.7, 3};
        double[] y = {0.3, 1, 0};
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            double a = 1 / (1 + Math.exp(-z[j]));
            expected -= y[j] * Math.log(a) + (1 - y[j]) * Math.log(1 - a);
        }

        assertThat(relative(SaturatedOutputs.crossEntropy(Activation.SIGMOID, z, y, 3), expected)).isLessThan(1e-14);
    }

    @Test
    void aSoftmaxsCrossEntropyIsLogSumExpFiniteAndToItsDigits() {
        // z = (1000, 0), y = (0, 1): ℓ = ln(e^1000 + 1) − 0 = 1000 + ln(1 + e^-1000) = 1000.
        double x = Math.exp(-30);

        assertThat(SaturatedOutputs.crossEntropy(Activation.SOFTMAX, new double[] {1000, 0}, new double[] {0, 1}, 2))
                .isEqualTo(1000);
        assertThat(relative(SaturatedOutputs.crossEntropy(Activation.SOFTMAX, new double[] {30, 0},
                new double[] {1, 0}, 2), x - x * x / 2 + x * x * x / 3)).as("ln(1 + e^-30)").isLessThan(1e-15);
    }

    @Test
    void aSoftmaxsCrossEntropyAwayFromSaturationIsTheTextbooksAndReadsOnlyKOutputs() {
        double[] z = {1, 2, 3, 99};
        double[] y = {0.2, 0.3, 0.5, 99};
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double expected = -(0.2 * Math.log(Math.exp(1) / sum) + 0.3 * Math.log(Math.exp(2) / sum)
                + 0.5 * Math.log(Math.exp(3) / sum));

        assertThat(relative(SaturatedOutputs.crossEntropy(Activation.SOFTMAX, z, y, 3), expected)).isLessThan(1e-14);
    }

    @Test
    void crossEntropyAfterAnyOtherOutputIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SaturatedOutputs.crossEntropy(Activation.TANH,
                new double[] {1}, new double[] {1}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross-entropy needs a sigmoid or softmax output, not tanh");
    }
}
