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
    /**
     * The ids of the cases starting with {@code prefix} that fail on {@code backend}: only those can be
     * the case a row below names, and running the others, the large ones among them, on every broken
     * backend would only cost time.
     */
    private static List<String> failures(Backend backend, String prefix) {
        List<String> failed = new ArrayList<>();
        for (ConformanceCase c : BackendConformanceSuite.cases()) {
            if (!c.id().startsWith(prefix)) {
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
        assertThat(failures(new NaiveBackend(Defect.NONE), "")).isEmpty();
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
                new Object[] {Defect.BIAS_DROPPED_PAST_ROW_256, "sizes.300x64.rows-257"},
                new Object[] {Defect.LARGE_BATCH_AS_MEAN_OF_CHUNK_MEANS, "sizes.300x64.train.batch-257"},
                new Object[] {Defect.GRADIENTS_ROUNDED_TO_FLOAT, "trajectory.oracle."},
                new Object[] {Defect.REMAINDER_OF_BLOCKED_SUM_DROPPED, "sizes.509x97.rows-263"},
                new Object[] {Defect.SPLIT_GRADIENT_HALF_LOST, "sizes.512x256.rows-1000"});
    }

    @ParameterizedTest(name = "{0} is caught, by {1}… among others")
    @MethodSource("defectsAndACaseThatMustCatchThem")
    void eachBrokenBackendFailsNamedCases(Defect defect, String expectedCase) {
        List<String> failed = failures(new NaiveBackend(defect), expectedCase);

        assertThat(failed).as("cases failing on %s", defect).anySatisfy(id -> assertThat(id).startsWith(expectedCase));
    }

    @ParameterizedTest
    @EnumSource(value = Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyDefectIsListedAbove(Defect defect) {
        assertThat(defectsAndACaseThatMustCatchThem()).anySatisfy(row -> assertThat(row[0]).isEqualTo(defect));
    }
}
