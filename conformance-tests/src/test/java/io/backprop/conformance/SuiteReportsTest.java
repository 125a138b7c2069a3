package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.backprop.spec.Activation;
import io.backprop.spi.Backend;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The suite as a backend author sees it: each case its own test, failures and skips counted. */
class SuiteReportsTest {
    /** A sound backend that declares it has no softmax. */
    static class WithoutSoftmax extends BackendConformanceSuite {
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
    static class Transposed extends BackendConformanceSuite {
        @Override
        protected Backend backend() {
            return new NaiveBackend(NaiveBackend.Defect.TRANSPOSED_WEIGHTS);
        }
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
}
