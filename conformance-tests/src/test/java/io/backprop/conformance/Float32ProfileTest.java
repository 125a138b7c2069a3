package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.CaseResult.Status;
import io.backprop.conformance.NaiveBackend.Defect;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.spi.Backend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 profile is loose enough for a sound float32 backend and tight enough to catch every
 * mistake the kit knows; its table is its rule applied to float64's.
 */
class Float32ProfileTest {
    private static Report run(Backend backend, Profile profile) {
        // The kit's test doubles are not registered with ServiceLoader.
        return KitRun.of(backend, Capabilities.everything().unregistered(), profile, List.of()).runAll();
    }

    private static List<String> failed(Report report) {
        return report.cases().stream().filter(c -> c.status() == Status.FAILED).map(CaseResult::id).toList();
    }

    @Test
    void aSoundFloat32BackendPassesEveryCaseUnderTheFloat32Profile() {
        Report report = run(new Float32Backend(), Profile.FLOAT32);

        assertThat(report.cases()).allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.detail())
                .isIn(Status.PASSED, Status.SKIPPED, Status.NOT_APPLICABLE));
        assertThat(report.cases().stream().filter(c -> c.status() == Status.SKIPPED).map(CaseResult::id))
                .as("skipped: what holds in float64 only, and the look-up of a backend not registered")
                .containsExactlyInAnyOrder("edges.identity-far-targets", "edges.tiny-inputs", "edges.huge-inputs",
                        "registration.service-loader");
        assertThat(report.result()).as("a skip is never a pass").isEqualTo("incomplete");
    }

    @Test
    void theSameBackendFailsFloat64sPromise() {
        List<String> failed = failed(run(new Float32Backend(), Profile.FLOAT64));

        assertThat(failed).contains("article.feedforward", "article.training", "behaviour.parameters-round-trip")
                .anySatisfy(id -> assertThat(id).startsWith("generated."));
    }

    /**
     * Where float32's looser tolerance lets the case that catches a mistake in float64 pass, the case
     * that catches it in float32: the article's 1000-epoch run converges to within 2.5e-4 of where the
     * once-per-epoch update ends, while 100 epochs of XOR are 8.6e-3 apart.
     */
    private static final Map<Defect, String> CAUGHT_ELSEWHERE_IN_FLOAT32 = Map.of(
            Defect.UPDATE_ONCE_PER_EPOCH, "xor.per-sample-sgd");

    @ParameterizedTest(name = "{0} is still caught in float32")
    @MethodSource("io.backprop.conformance.KitCatchesBrokenBackendsTest#defects")
    void everyMistakeTheKitKnowsIsStillCaughtUnderTheFloat32Profile(Defect defect, String ids, String firstMessage) {
        // Gradients rounded to float are what the float32 profile allows: not a mistake there.
        Assumptions.assumeFalse(defect == Defect.GRADIENTS_ROUNDED_TO_FLOAT, "float32 gradients are float32's own");
        List<String> failed = failed(run(new NaiveBackend(defect), Profile.FLOAT32));

        assertThat(failed).as("cases failing on %s in float32", defect).isNotEmpty();
        String catching = CAUGHT_ELSEWHERE_IN_FLOAT32.get(defect);
        if (catching != null) {
            assertThat(failed).contains(catching);
        }
    }

    @Test
    void eachFloat32ToleranceIsTheRuleAppliedToItsFloat64One() {
        assertThat(Tolerances.OUTPUTS_FLOAT32).isEqualTo(Tolerances.float32(Tolerances.OUTPUTS));
        assertThat(Tolerances.LOSSES_FLOAT32).isEqualTo(Tolerances.float32(Tolerances.LOSSES));
        assertThat(Tolerances.GRADIENTS_FLOAT32).isEqualTo(Tolerances.float32(Tolerances.GRADIENTS));
        assertThat(Tolerances.TRAJECTORY_FLOAT32).isEqualTo(Tolerances.float32(Tolerances.TRAJECTORY));
        assertThat(Tolerances.GRADIENT_CHECK_FLOAT32).isEqualTo(Tolerances.float32(Tolerances.GRADIENT_CHECK));
        assertThat(Tolerances.GRADIENT_CHECK_FLOOR_FLOAT32).isEqualTo(Tolerances.float32(Tolerances.GRADIENT_CHECK_FLOOR));
        assertThat(Report.tolerances(Profile.FLOAT32)).containsEntry("outputs", Tolerances.OUTPUTS_FLOAT32)
                .containsEntry("gradientCheckFloor", Tolerances.GRADIENT_CHECK_FLOOR_FLOAT32);
    }

    @Test
    void theRuleCarriesATolerancePerEpsilonCapsItAndNeverTightensIt() {
        assertThat(Tolerances.float32(0)).as("bit-identical stays bit-identical").isZero();
        assertThat(Tolerances.float32(1e-15)).isEqualTo(1e-15 * 0x1p29);
        assertThat(Tolerances.float32(1e-12)).isEqualTo(Tolerances.FLOAT32_CEILING);
        assertThat(Tolerances.float32(1e-2)).as("never below float64's").isEqualTo(1e-2);
        assertThat(Profile.FLOAT64.tolerance(1e-12)).isEqualTo(1e-12);
        assertThat(Profile.FLOAT32.tolerance(1e-12)).isEqualTo(0x1p-11);
    }

    @Test
    void outsideARunTheActiveProfileIsFloat64AndARunRestoresWhatWasActive() {
        assertThat(Profile.active()).isEqualTo(Profile.FLOAT64);
        ConformanceCase probe = new SimpleCase("probe.profile", "sees the run's profile", List.of(),
                backend -> assertThat(Profile.active()).isEqualTo(Profile.FLOAT32));

        CaseResult result = KitRun.of(new Float32Backend(), Capabilities.everything().unregistered(), Profile.FLOAT32, List.of(),
                List.of(probe)).run(probe);

        assertThat(result.status()).as(result.detail()).isEqualTo(Status.PASSED);
        assertThat(Profile.active()).isEqualTo(Profile.FLOAT64);
    }
}
