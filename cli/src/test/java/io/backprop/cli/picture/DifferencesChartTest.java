package io.backprop.cli.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.compare.BackendComparison.ParameterDifferences;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferencesChartTest {
    private static ParameterDifferences of(double... absolute) {
        List<String> names = java.util.stream.IntStream.rangeClosed(1, absolute.length).mapToObj(k -> "w" + k).toList();
        return new ParameterDifferences("dl4j", "gradients", names, absolute);
    }

    @Test
    void zerosAreDrawnADecadeBelowTheSmallestDifferenceAboveZero() {
        // The smallest difference above 0 is 3e-16, in the decade of 1e-16: the floor is 1e-17.
        assertThat(DifferencesChart.floor(List.of(of(0, 2e-13, 3e-16), of(5e-15, 0, 0)))).isEqualTo(1e-17);
        assertThat(DifferencesChart.floor(List.of(of(0, 0)))).isEqualTo(DifferencesChart.FLOOR_WHEN_ALL_ZERO);
    }

    @Test
    void aChartOfOnlyZerosIsStillDrawn() {
        byte[] png = DifferencesChart.png(List.of(of(0, 0, 0)), "reference");

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
}
