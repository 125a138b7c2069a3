package io.backprop.params;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded first parameters, the same on every backend and run. */
class InitializerTest {
    /** 3 inputs → 2 with biases → 2 without → 1 with: every case of the drawing order. */
    private static final NetworkSpec MIXED = NetworkSpec.builder(3)
            .layer(2, Activation.TANH)
            .layer(2, Activation.RELU, false)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    private static final NetworkSpec WIDE = NetworkSpec.builder(30)
            .layer(20, Activation.TANH)
            .layer(10, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    @Test
    void theSameSeedGivesEqualParameters() {
        for (Initializer initializer : Initializer.values()) {
            assertThat(initializer.initialize(MIXED, 42)).isEqualTo(initializer.initialize(MIXED, 42));
        }
    }

    @Test
    void differentSeedsGiveDifferentParameters() {
        for (Initializer initializer : Initializer.values()) {
            assertThat(initializer.initialize(MIXED, 42)).isNotEqualTo(initializer.initialize(MIXED, 43));
        }
    }

    @Test
    void theParametersFitTheSpec() {
        for (Initializer initializer : Initializer.values()) {
            Parameters parameters = initializer.initialize(MIXED, 7);

            assertThat(parameters.checkFits(MIXED)).isSameAs(parameters);
        }
    }

    @Test
    void layersWithoutBiasGetNoBiases() {
        for (Initializer initializer : Initializer.values()) {
            Parameters parameters = initializer.initialize(MIXED, 7);

            assertThat(parameters.layer(0).hasBiases()).isTrue();
            assertThat(parameters.layer(1).hasBiases()).isFalse();
            assertThat(parameters.layer(2).hasBiases()).isTrue();
        }
    }

    @Test
    void standardNormalDrawsLayerByLayerWeightsRowByRowThenBiases() {
        long seed = 2024;
        Random random = new Random(seed);
        double[][] w0 = new double[2][3];
        double[] b0 = new double[2];
        double[][] w1 = new double[2][2];
        double[][] w2 = new double[1][2];
        double[] b2 = new double[1];
        fill(w0, random);
        fill(b0, random);
        fill(w1, random);
        fill(w2, random);
        fill(b2, random);

        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(MIXED, seed);

        assertThat(parameters.layer(0).weights()).isDeepEqualTo(w0);
        assertThat(parameters.layer(0).biases()).containsExactly(b0);
        assertThat(parameters.layer(1).weights()).isDeepEqualTo(w1);
        assertThat(parameters.layer(2).weights()).isDeepEqualTo(w2);
        assertThat(parameters.layer(2).biases()).containsExactly(b2);
    }

    @Test
    void xavierUniformWeightsLieWithinTheGlorotLimitAndSpreadOverIt() {
        Parameters parameters = Initializer.XAVIER_UNIFORM.initialize(WIDE, 5);

        for (int l = 0; l < WIDE.depth(); l++) {
            double limit = Math.sqrt(6.0 / (WIDE.inputsOf(l) + WIDE.layer(l).units()));
            double largest = 0;
            boolean negative = false;
            boolean positive = false;
            for (double[] row : parameters.layer(l).weights()) {
                for (double w : row) {
                    assertThat(Math.abs(w)).as("layer %d weight", l).isLessThanOrEqualTo(limit);
                    largest = Math.max(largest, Math.abs(w));
                    negative |= w < 0;
                    positive |= w > 0;
                }
            }
            // Hundreds of uniform draws: some must come near the limit, on both sides.
            assertThat(largest).as("layer %d largest |weight|", l).isGreaterThan(0.9 * limit);
            assertThat(negative && positive).as("layer %d has weights of both signs", l).isTrue();
        }
    }

    @Test
    void xavierUniformBiasesAreZero() {
        Parameters parameters = Initializer.XAVIER_UNIFORM.initialize(WIDE, 5);

        assertThat(parameters.layer(0).biases()).hasSize(20).containsOnly(0.0);
        assertThat(parameters.layer(1).biases()).hasSize(10).containsOnly(0.0);
    }

    private static void fill(double[][] matrix, Random random) {
        for (double[] row : matrix) {
            fill(row, random);
        }
    }

    private static void fill(double[] vector, Random random) {
        for (int k = 0; k < vector.length; k++) {
            vector[k] = random.nextGaussian();
        }
    }
}
