package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.BackendException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jTuningTest {
    private static UnaryOperator<String> names(Map<String, String> values) {
        return values::get;
    }

    @Test
    void oneThreadUnlessTheUserSaysOtherwise() {
        assertThat(Nd4jTuning.threads(names(Map.of()), names(Map.of()))).isEqualTo(1);
    }

    @Test
    void thePropertyWinsOverTheVariablesAndOurVariableOverOpenMps() {
        Map<String, String> environment = Map.of("BACKPROP_DL4J_THREADS", "3", "OMP_NUM_THREADS", "4");
        assertThat(Nd4jTuning.threads(names(Map.of("backprop.dl4j.threads", "2")), names(environment))).isEqualTo(2);
        assertThat(Nd4jTuning.threads(names(Map.of()), names(environment))).isEqualTo(3);
        assertThat(Nd4jTuning.threads(names(Map.of()), names(Map.of("OMP_NUM_THREADS", "4")))).isEqualTo(4);
    }

    @Test
    void aCountThatIsNotAPositiveNumberIsNamedWithWhereItCameFrom() {
        assertThatThrownBy(() -> Nd4jTuning.threads(names(Map.of("backprop.dl4j.threads", "two")), names(Map.of())))
                .isInstanceOf(BackendException.class)
                .hasMessage("dl4j: system property backprop.dl4j.threads: found \"two\"; expected a whole number of"
                        + " threads, at least 1");
        assertThatThrownBy(() -> Nd4jTuning.threads(names(Map.of()), names(Map.of("BACKPROP_DL4J_THREADS", "0"))))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("environment variable BACKPROP_DL4J_THREADS: found \"0\"");
    }

    @Test
    void startingAppliesTheCountToNd4jAndItsBlas() {
        Nd4jRuntime.start();
        int expected = Nd4jTuning.threads(System::getProperty, System::getenv);
        assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(expected);
        assertThat(Nd4j.getEnvironment().maxThreads()).isEqualTo(expected);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(expected);
        assertThat(org.bytedeco.javacpp.Pointer.maxPhysicalBytes()).isZero();
    }
}
