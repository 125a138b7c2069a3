package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.backprop.spi.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The cases a backend can be excused from are skipped, saying why, and only when it says so: its
 * registration when it declares itself unregistered, its native format when it has none.
 */
class DeclaredSkipsTest {
    /** The sound naive backend, declaring it is not registered (it is, in the kit's test resources). */
    static class DeclaredUnregistered extends BackendConformanceSuite {
        @Override
        protected Backend backend() {
            return new NaiveBackend();
        }

        @Override
        protected Capabilities capabilities() {
            return Capabilities.everything().unregistered();
        }
    }

    /** The sound naive backend's networks through a backend of another class, with no native format. */
    static class WithoutNativeFormat extends BackendConformanceSuite {
        @Override
        protected Backend backend() {
            Backend naive = new NaiveBackend();
            return new Backend() {
                @Override
                public String name() {
                    return naive.name();
                }

                @Override
                public String description() {
                    return "the naive backend without its native format";
                }

                @Override
                public io.backprop.Network create(io.backprop.spec.NetworkSpec spec,
                                                  io.backprop.params.Parameters parameters) {
                    return naive.create(spec, parameters);
                }
            };
        }

        @Override
        protected Capabilities capabilities() {
            return Capabilities.everything().unregistered();
        }
    }

    /** The cases skipped on the suite, which must fail none. */
    private static List<Event> skipped(Class<?> suite) {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
        assertThat(events.failed().list()).extracting(DeclaredSkipsTest::name).isEmpty();
        return events.aborted().list();
    }

    private static String name(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }

    private static String reason(Event event) {
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }

    @Test
    void aBackendDeclaredUnregisteredSkipsTheLookUpByNameSayingWhy() {
        List<Event> skipped = skipped(DeclaredUnregistered.class);

        assertThat(skipped).hasSize(1);
        assertThat(name(skipped.get(0))).startsWith("registration.service-loader: ");
        assertThat(reason(skipped.get(0)))
                .isEqualTo("the backend declares it is not registered with ServiceLoader");
    }

    @Test
    void aBackendWithoutANativeFormatSkipsItsRoundTripSayingWhy() {
        List<Event> skipped = skipped(WithoutNativeFormat.class);

        assertThat(skipped).extracting(DeclaredSkipsTest::reason).containsExactly(
                "the backend declares it is not registered with ServiceLoader",
                "the backend offers no native model format");
        assertThat(name(skipped.get(1))).startsWith("registration.native-format: ");
    }
}
