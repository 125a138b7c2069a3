package io.backprop.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.error.TrainingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's step on one value against its formula worked by hand here, term by term, from
 * DL4J 1.0.0-M2.1's updaters (the dl4j backend's tests hold the definitions against DL4J's own).
 */
class OptimizerTest {
    /** One step of {@code optimizer} from {@code theta} with gradient {@code g}; returns the new value. */
    private static double step(Optimizer optimizer, double theta, double g, double[] s0, double[] s1, double rate,
                               long iteration, double l2, double decay) {
        double[] t = {theta};
        optimizer.step(t, new double[] {g}, s0, s1, 1, rate, iteration, l2, decay);
        return t[0];
    }

    @Test
    void sgdSubtractsTheRateTimesTheGradient() {
        assertThat(step(Optimizer.sgd(), 1.0, 0.5, null, null, 0.1, 0, 0, 0)).isEqualTo(1.0 - 0.1 * 0.5);
    }

    @Test
    void l2IsAddedToTheGradientBeforeTheUpdateAndWeightDecayToTheUpdateAfter() {
        // g' = 0.5 + 0.1·1 = 0.6; u = 0.1·0.6 = 0.06; u += 0.001·1 (λ_wd·η = 0.01·0.1); θ = 1 − 0.061
        assertThat(step(Optimizer.sgd(), 1.0, 0.5, null, null, 0.1, 0, 0.1, 0.01 * 0.1)).isCloseTo(0.939, within(1e-15));
        // The L2 term goes through Adam's normalisation; weight decay does not.
        double[] m = {0};
        double[] v = {0};
        double g = 0.5 + 0.1 * 2.0;
        double alpha = 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9);
        double u = alpha * (0.1 * g) / (Math.sqrt(0.001 * g * g) + 1e-8) + 0.003 * 2.0;
        assertThat(step(Optimizer.adam(), 2.0, 0.5, m, v, 0.001, 0, 0.1, 0.003)).isCloseTo(2.0 - u, within(1e-15));
    }

    @Test
    void nesterovKeepsTheVelocityAndStepsByMuVMinusOnePlusMuTimesTheNewVelocity() {
        double[] v = {0};
        // v' = 0.9·0 − 0.1·2 = −0.2; u = 0.9·0 − 1.9·(−0.2) = 0.38
        assertThat(step(Optimizer.nesterov(), 1.0, 2.0, v, null, 0.1, 0, 0, 0)).isCloseTo(0.62, within(1e-15));
        assertThat(v[0]).isCloseTo(-0.2, within(1e-15));
        // v'' = 0.9·(−0.2) − 0.2 = −0.38; u = −0.18 − 1.9·(−0.38) = 0.542
        assertThat(step(Optimizer.nesterov(), 0.62, 2.0, v, null, 0.1, 1, 0, 0)).isCloseTo(0.078, within(1e-15));
        assertThat(v[0]).isCloseTo(-0.38, within(1e-15));
    }

    @Test
    void adamFoldsTheBiasCorrectionIntoTheStepAndAddsEpsilonToTheUncorrectedRoot() {
        double[] m = {0};
        double[] v = {0};
        // t = 0: m = 0.1·0.5, v = 0.001·0.25, α = η·√(1 − 0.999)/(1 − 0.9), u = α·m/(√v + ε)
        double expected = 0.001 * Math.sqrt(0.001) / 0.1 * 0.05 / (Math.sqrt(0.00025) + 1e-8);
        // θ = 1 holds u ≈ 1e-3 to about 1e-16: the tolerance is θ's rounding, not the formula's.
        assertThat(1.0 - step(Optimizer.adam(), 1.0, 0.5, m, v, 0.001, 0, 0, 0)).isCloseTo(expected, within(2e-16));
        // The first step of Adam is about η whatever the gradient's size, less ε's share.
        assertThat(expected).isCloseTo(0.001, within(1e-9));
        assertThat(m[0]).isCloseTo(0.05, within(1e-17));
        assertThat(v[0]).isCloseTo(0.00025, within(1e-18));
        // t = 1 with the same gradient: both corrections with squares of β.
        double m2 = 0.9 * 0.05 + 0.1 * 0.5;
        double v2 = 0.999 * 0.00025 + 0.001 * 0.25;
        double expected2 = 0.001 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m2 / (Math.sqrt(v2) + 1e-8);
        assertThat(1.0 - step(Optimizer.adam(), 1.0, 0.5, m, v, 0.001, 1, 0, 0)).isCloseTo(expected2, within(2e-16));
    }

    @Test
    void adamsStepFallsBackToEpsilonWhenTheCorrectedRateIsNotANumber() {
        // β1 = 0 at t = 0 is fine; an η of 0 gives α = 0, which libnd4j replaces by ε.
        assertThat(new Optimizer.Adam(0.9, 0.999, 1e-8).stepSize(0, 0)).isEqualTo(1e-8);
        assertThat(new Optimizer.Adam(0.9, 0.999, 1e-8).stepSize(0.001, 0))
                .isCloseTo(0.001 * Math.sqrt(0.001) / 0.1, within(1e-18));
    }

    @Test
    void rmsPropStartsItsMeanSquareAtEpsilon() {
        Optimizer.RmsProp rms = Optimizer.rmsprop();
        assertThat(rms.initialState()).isEqualTo(1e-8);
        double[] s = {rms.initialState()};
        double s1 = 0.95 * 1e-8 + 0.05 * 4;
        assertThat(1.0 - step(rms, 1.0, 2.0, s, null, 0.1, 0, 0, 0))
                .isCloseTo(0.1 * 2 / (Math.sqrt(s1) + 1e-8), within(1e-15));
        // Summed in another order than the closed form: a few units in the last place apart.
        assertThat(s[0]).isCloseTo(s1, within(1e-15 * s1));
    }

    @Test
    void adaGradStartsItsSumOfSquaresAtOneMillionthWhateverItsEpsilon() {
        Optimizer.AdaGrad ada = new Optimizer.AdaGrad(0.5);
        assertThat(ada.initialState()).isEqualTo(1e-6);
        double[] h = {ada.initialState()};
        assertThat(1.0 - step(ada, 1.0, 2.0, h, null, 0.1, 0, 0, 0))
                .isCloseTo(0.1 * 2 / (Math.sqrt(4 + 1e-6) + 0.5), within(1e-15));
    }

    @Test
    void anOptimizerIsFoundByNameWithDl4jsDefaultsForWhatIsNotGiven() {
        assertThat(Optimizer.of("adam", Map.of("beta2", 0.99))).isEqualTo(new Optimizer.Adam(0.9, 0.99, 1e-8));
        assertThat(Optimizer.of("nesterov", Map.of())).isEqualTo(new Optimizer.Nesterov(0.9));
        assertThat(Optimizer.adam().defaultLearningRate()).isEqualTo(1e-3);
        assertThat(Optimizer.rmsprop().defaultLearningRate()).isEqualTo(0.1);
    }

    @Test
    void unknownNamesHyperparametersAndRangesAreRefusedNamingThem() {
        assertThatThrownBy(() -> Optimizer.of("adma", Map.of())).isInstanceOf(TrainingException.class)
                .hasMessage("optimizer: found \"adma\" (did you mean adam?); expected one of sgd, nesterov, adam,"
                        + " rmsprop, adagrad");
        assertThatThrownBy(() -> Optimizer.of("sgd", Map.of("momentum", 0.9)))
                .hasMessage("optimizer sgd: found the hyperparameter \"momentum\"; expected none besides the learning"
                        + " rate");
        assertThatThrownBy(() -> Optimizer.of("adam", Map.of("beta1", 1.0)))
                .hasMessage("adam beta1: found 1.0; expected a number in [0, 1)");
        assertThatThrownBy(() -> new Optimizer.RmsProp(0.9, -1))
                .hasMessage("rmsprop epsilon: found -1.0; expected a positive, finite number");
        assertThatThrownBy(() -> Regularization.l2(-0.1))
                .hasMessage("regularization l2: found -0.1; expected zero or a positive, finite number");
    }
}
