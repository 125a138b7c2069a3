package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.NaiveBackend.Defect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Why the kit has an oracle of its own: a mistake that a backend's {@code gradients()} and its
 * {@code fit} share passes every trajectory stepped by hand with that backend's gradients, and a
 * mistake smaller than finite differences can resolve passes every case judged by them.
 */
class OnlyTheOracleSeesTest {
    /** The ids of the cases starting with {@code prefix} that fail on a backend with {@code defect}. */
    private static List<String> failures(Defect defect, String prefix) {
        List<String> failed = new ArrayList<>();
        for (ConformanceCase c : BackendConformanceSuite.cases()) {
            if (!c.id().startsWith(prefix)) {
                continue;
            }
            try {
                c.run(new NaiveBackend(defect));
            } catch (ConformanceFailure | RuntimeException e) {
                failed.add(c.id());
            }
        }
        return failed;
    }

    @ParameterizedTest
    @EnumSource(value = Defect.class, names = {"BIAS_GRADIENT_NOT_AVERAGED", "GRADIENTS_ROUNDED_TO_FLOAT"})
    void aMistakeGradientsAndFitSharePassesTheTrajectoriesByHandAndFailsTheOraclesTrajectories(Defect defect) {
        List<String> failed = failures(defect, "trajectory.");

        assertThat(failed).as("trajectories by hand failing").allMatch(id -> id.startsWith("trajectory.oracle."));
        assertThat(failed).as("the oracle's trajectories failing").anyMatch(id -> id.startsWith("trajectory.oracle."));
    }

    @Test
    void gradientsOfSevenDigitsPassFiniteDifferencesAndFailTheClosedForm() {
        assertThat(failures(Defect.GRADIENTS_ROUNDED_TO_FLOAT, "generated.")).isEmpty();
        assertThat(failures(Defect.GRADIENTS_ROUNDED_TO_FLOAT, "gradients.")).isNotEmpty();
    }
}
