package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.NaiveBackend.Defect;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A suite that cannot fail is not a suite: the kit passes a sound backend and fails each broken one. */
class KitCatchesBrokenBackendsTest {
    /** The ids of the cases that fail on {@code backend}. */
    private static List<String> failures(Backend backend) {
        List<String> failed = new ArrayList<>();
        for (ConformanceCase c : BackendConformanceSuite.cases()) {
            if (c.missing(backend, Capabilities.everything()).isPresent()) {
                continue;
            }
            try {
                c.run(backend);
            } catch (ConformanceFailure | RuntimeException e) {
                failed.add(c.id());
            }
        }
        return failed;
    }

    @Test
    void aSoundBackendPassesEveryCase() {
        assertThat(failures(new NaiveBackend(Defect.NONE))).isEmpty();
    }

    static List<Object[]> defectsAndACaseThatMustCatchThem() {
        return List.of(
                new Object[] {Defect.SIGMOID_DERIVATIVE_OF_THE_OUTPUT, "article.worked-example"},
                new Object[] {Defect.BIAS_GRADIENT_NOT_AVERAGED, "generated."},
                new Object[] {Defect.TRANSPOSED_WEIGHTS, "article.feedforward"},
                new Object[] {Defect.UPDATE_ONCE_PER_EPOCH, "article.training"},
                new Object[] {Defect.SOFTMAX_WITHOUT_SHIFT, "saturation.softmax-xent"},
                new Object[] {Defect.COMPLEMENT_FROM_THE_ROUNDED_OUTPUT, "saturation.sigmoid-mse"},
                new Object[] {Defect.PARAMETERS_TRUSTED_FINITE, "behaviour.diverging-between-losses"},
                new Object[] {Defect.SHALLOW_COPY, "behaviour.copy-independent"},
                new Object[] {Defect.COPY_BY_AN_UNREGISTERED_NAME, "behaviour.copies-across-threads"},
                new Object[] {Defect.RELU_SLOPE_ONE_AT_ZERO, "edges.relu-at-zero"},
                new Object[] {Defect.TANH_SLOPE_ZERO_BEYOND_20, "edges.tanh-hidden.sse"},
                new Object[] {Defect.SOFTMAX_XENT_GRADIENT_IGNORES_TARGET_SUM, "edges.softmax-partial-labels"},
                new Object[] {Defect.SCRATCH_SHARED_BY_EVERY_NETWORK, "concurrency.fit-on-threads"},
                new Object[] {Defect.NETWORK_SAYS_ANOTHER_NAME, "registration.network-name"},
                new Object[] {Defect.LISTENER_STOP_IGNORED, "listener.stop"},
                new Object[] {Defect.NATIVE_FORMAT_LOSES_DIGITS, "registration.native-format"});
    }

    @ParameterizedTest(name = "{0} is caught, by {1}… among others")
    @MethodSource("defectsAndACaseThatMustCatchThem")
    void eachBrokenBackendFailsNamedCases(Defect defect, String expectedCase) {
        List<String> failed = failures(new NaiveBackend(defect));

        assertThat(failed).as("cases failing on %s", defect).anySatisfy(id -> assertThat(id).startsWith(expectedCase));
    }

    @ParameterizedTest
    @EnumSource(value = Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyDefectIsListedAbove(Defect defect) {
        assertThat(defectsAndACaseThatMustCatchThem()).anySatisfy(row -> assertThat(row[0]).isEqualTo(defect));
    }
}
