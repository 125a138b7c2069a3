package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.spec.Activation;
import io.backprop.spi.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The suite as a backend author sees it: each case its own test, failures and skips counted. */
class SuiteReportsTest {
    /** Where the suites run here write their reports: a directory of the test running them. */
    private static Path reports;

    @TempDir
    Path dir;

    /** The suites below write their reports where the test running them says. */
    abstract static class Reporting extends BackendConformanceSuite {
        @Override
        protected Path reportDirectory() {
            return reports;
        }
    }

    /** A sound backend that declares it has no softmax. */
    static class WithoutSoftmax extends Reporting {
        @Override
        protected Backend backend() {
            return new NaiveBackend(NaiveBackend.Defect.NONE);
        }

        @Override
        protected Capabilities capabilities() {
            return Capabilities.everything().without(Activation.SOFTMAX);
        }
    }

    /** A backend with a transposed weight matrix, declaring everything. */
    static class Transposed extends Reporting {
        @Override
        protected Backend backend() {
            return new NaiveBackend(NaiveBackend.Defect.TRANSPOSED_WEIGHTS);
        }
    }

    /** A sound backend that declares the saturation cases and one behaviour case skipped. */
    static class DeclaringSkips extends Reporting {
        DeclaringSkips() {
            skip("saturation.*", "computes in a format where 1 − σ(30) is 0");
            skip("behaviour.copies-across-?hreads", "is not meant for threads");
        }

        @Override
        protected Backend backend() {
            return new NaiveBackend(NaiveBackend.Defect.NONE);
        }
    }

    /** A skip whose glob names no case. */
    static class MistypedSkip extends Reporting {
        MistypedSkip() {
            skip("saturaton.*", "a typing mistake");
        }

        @Override
        protected Backend backend() {
            return new NaiveBackend(NaiveBackend.Defect.NONE);
        }
    }

    /** A sound float32 backend that declares the float32 profile. */
    static class Float32 extends Reporting {
        @Override
        protected Backend backend() {
            return new Float32Backend();
        }

        @Override
        protected Profile profile() {
            return Profile.FLOAT32;
        }

        @Override
        protected Capabilities capabilities() {
            return Capabilities.everything().unregistered();
        }
    }

    @BeforeEach
    void reportsHere() {
        reports = dir;
    }

    private static Events run(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
    }

    @Test
    void everyCaseIsItsOwnTestAndCasesNeedingAMissingCapabilityAreSkipped() {
        Events events = run(WithoutSoftmax.class);
        long needSoftmax = BackendConformanceSuite.cases().stream()
                .filter(c -> c.specs().stream().anyMatch(s -> s.layers().stream()
                        .anyMatch(l -> l.activation() == Activation.SOFTMAX)))
                .count();

        assertThat(needSoftmax).isPositive();
        assertThat(events.started().count()).isEqualTo(BackendConformanceSuite.cases().size());
        assertThat(events.aborted().count()).isEqualTo(needSoftmax);
        assertThat(events.failed().count()).isZero();
        assertThat(events.succeeded().count()).isEqualTo(BackendConformanceSuite.cases().size() - needSoftmax);
    }

    @Test
    void aFailureNamesTheCaseTheWorstDifferenceWhereAndTheTolerance() {
        Events failed = run(Transposed.class).failed();

        assertThat(failed.count()).isPositive();
        String names = failed.stream().map(e -> e.getTestDescriptor().getDisplayName()).toList().toString();
        assertThat(names).contains("article.feedforward: ");
        Throwable error = failed.stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("article.feedforward"))
                .findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(error).isInstanceOf(ConformanceFailure.class)
                .hasMessageContaining("output[0][0]: worst difference")
                .hasMessageContaining("expected 0.7216325609518421")
                .hasMessageContaining("tolerance 1e-12");
    }

    @Test
    void aFailuresMessageBeginsWithItsCaseSoThatSurefiresSummaryNamesIt() {
        Throwable error = run(Transposed.class).failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("article.feedforward"))
                .findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();

        assertThat(error).hasMessageStartingWith("article.feedforward: output[0][0]: worst difference");
        assertThat(error.getStackTrace()[0].getClassName()).as("thrown where the case compared")
                .isEqualTo(Check.class.getName());
    }

    @Test
    void declaredSkipsAreSkippedWithTheirReasonAndNeverPassed() throws Exception {
        Events events = run(DeclaringSkips.class);
        List<String> skipped = new ArrayList<>();
        events.aborted().stream().forEach(e -> skipped.add(e.getTestDescriptor().getDisplayName().split(":")[0]
                + " / " + e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                .getMessage()));
        long saturation = BackendConformanceSuite.cases().stream().filter(c -> c.id().startsWith("saturation.")).count();

        assertThat(skipped).hasSize((int) saturation + 1)
                .contains("behaviour.copies-across-threads / declared skipped (behaviour.copies-across-?hreads): is not"
                        + " meant for threads")
                .allSatisfy(s -> assertThat(s).matches("(saturation\\.|behaviour\\.copies-across-threads).*"));
        assertThat(events.failed().count()).isZero();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("naive.json").toFile());
        assertThat(report.get("result").asText()).isEqualTo("incomplete");
        assertThat(report.at("/counts/skipped").asLong()).isEqualTo(saturation + 1);
        assertThat(report.at("/counts/passed").asLong()).isEqualTo(BackendConformanceSuite.cases().size() - saturation - 1);
        assertThat(Files.readString(dir.resolve("naive.md")))
                .contains("| `saturation.sigmoid-mse` | declared skipped (saturation.*): computes in a format where"
                        + " 1 − σ(30) is 0 |")
                .contains("Result: incomplete.");
    }

    @Test
    void aSkipThatNamesNoCaseFailsTheRunSayingSo() {
        Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MistypedSkip.class)).execute()
                .allEvents();
        Throwable error = all.failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();

        assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("skip(\"saturaton.*\") names no case of the kit; ids begin article., saturation.");
    }

    @Test
    void theRunWritesItsReportOnceEveryCaseHasRun() throws Exception {
        run(Transposed.class);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("naive.json").toFile());

        assertThat(report.get("backend").asText()).isEqualTo("naive");
        assertThat(report.get("profile").asText()).isEqualTo("float64");
        assertThat(report.get("result").asText()).isEqualTo("failed");
        assertThat(report.at("/counts/cases").asInt()).isEqualTo(BackendConformanceSuite.cases().size());
        JsonNode feedforward = report.get("cases").get(1);
        assertThat(feedforward.get("id").asText()).isEqualTo("article.feedforward");
        assertThat(feedforward.get("status").asText()).isEqualTo("failed");
        assertThat(feedforward.get("worst").asDouble()).isBetween(0.011, 0.012);
        assertThat(feedforward.get("tolerance").asDouble()).isEqualTo(1e-12);
        assertThat(Files.readString(dir.resolve("naive.md")))
                .contains("| `article.feedforward` | output[0][0]: worst difference 0.0111");
    }

    @Test
    void aFloat32BackendDeclaringTheFloat32ProfilePassesAndTheReportSaysWhichProfile() throws Exception {
        Events events = run(Float32.class);

        assertThat(events.failed().count()).as(() -> events.failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName()).toList().toString()).isZero();
        // Skipped: the three edges that hold in float64 only, and the two registration cases a test double
        // that is neither registered nor has a native format cannot run.
        assertThat(events.aborted().count()).isEqualTo(5);
        assertThat(events.succeeded().count()).isEqualTo(BackendConformanceSuite.cases().size() - 5);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("float32-test.json").toFile());
        assertThat(report.get("profile").asText()).isEqualTo("float32");
        assertThat(report.at("/tolerances/outputs").asDouble()).isEqualTo(0x1p-11);
        assertThat(Files.readString(dir.resolve("float32-test.md"))).contains(", float32 profile (tolerances: outputs 4.9e-4,");
    }
}
