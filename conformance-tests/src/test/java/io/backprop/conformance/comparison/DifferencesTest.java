package io.backprop.conformance.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import org.junit.jupiter.api.Test;

class DifferencesTest {
    @Test
    void relativeDifferenceIsTheGapOverTheLargerMagnitude() {
        assertThat(Differences.relative(1.0, 1.0)).isZero();
        assertThat(Differences.relative(0.0, 0.0)).isZero();
        assertThat(Differences.relative(2.0, 1.0)).isEqualTo(0.5);
        assertThat(Differences.relative(-1.0, 1.0)).isEqualTo(2.0);
        assertThat(Differences.relative(Double.NaN, 1.0)).isNaN();
    }

    @Test
    void theWorstOutputIsFoundAndPlaced() {
        Differences.Worst worst = Differences.outputs(new double[][] {{1, 2}, {3, 4.4}}, new double[][] {{1, 2}, {3, 4}});
        assertThat(worst.value()).isEqualTo(0.4 / 4.4, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(worst.where()).isEqualTo("row 1, output 1");
    }

    @Test
    void aNanOutputIsAlwaysTheWorst() {
        Differences.Worst worst = Differences.outputs(new double[][] {{2, Double.NaN}}, new double[][] {{1, 1}});
        assertThat(worst.value()).isNaN();
        assertThat(new BackendComparison.Row("b", "outputs", worst.value(), worst.where(), 1e-12).within()).isFalse();
    }

    @Test
    void parameterDifferencesAreRelativeToTheLargestValueOfTheLayer() {
        Parameters expected = Parameters.of(LayerParameters.of(new double[][] {{10, 0}}, new double[] {0}));
        Parameters actual = Parameters.of(LayerParameters.of(new double[][] {{10, 1e-9}}, new double[] {0}));

        Differences.Worst worst = Differences.parameters(actual, expected);

        // 1e-9 off a weight of 0 counts against the layer's largest value, 10.
        assertThat(worst.value()).isEqualTo(1e-10, org.assertj.core.api.Assertions.within(1e-25));
        assertThat(worst.where()).isEqualTo("layer 0, weight(0, 1)");
    }

    @Test
    void aRowIsWithinItsToleranceUpToAndIncludingIt() {
        assertThat(new BackendComparison.Row("b", "loss", 1e-12, "", 1e-12).within()).isTrue();
        assertThat(new BackendComparison.Row("b", "loss", 2e-12, "", 1e-12).within()).isFalse();
    }
}
