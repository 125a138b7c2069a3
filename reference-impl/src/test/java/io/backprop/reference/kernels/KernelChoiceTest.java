package io.backprop.reference.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.BackendException;
import org.junit.jupiter.api.Test;

class KernelChoiceTest {
    @Test
    void autoTakesTheVectorKernelsOnlyWithTheModuleOnJdk25OrLater() {
        assertThat(KernelChoice.vector(null, true, 25)).isTrue();
        assertThat(KernelChoice.vector("auto", true, 26)).isTrue();
        assertThat(KernelChoice.vector(null, true, 17)).isFalse();
        assertThat(KernelChoice.vector(null, true, 24)).isFalse();
        assertThat(KernelChoice.vector(null, false, 25)).isFalse();
        assertThat(KernelChoice.vector(" Auto ", false, 17)).isFalse();
    }

    @Test
    void plainAndVectorForceTheChoice() {
        assertThat(KernelChoice.vector("plain", true, 25)).isFalse();
        assertThat(KernelChoice.vector("vector", true, 17)).isTrue();
    }

    @Test
    void vectorWithoutTheModuleIsRefusedNamingThePropertyAndTheFlag() {
        assertThatThrownBy(() -> KernelChoice.vector("vector", false, 17))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("-Dbackprop.reference.kernels=vector")
                .hasMessageContaining("jdk.incubator.vector is not in this JVM (JDK 17)")
                .hasMessageContaining("--add-modules jdk.incubator.vector");
    }

    @Test
    void anUnknownValueIsRefused() {
        assertThatThrownBy(() -> KernelChoice.vector("fast", true, 25))
                .isInstanceOf(BackendException.class)
                .hasMessage("-Dbackprop.reference.kernels: found \"fast\"; expected auto, plain or vector");
    }

    @Test
    void thisJvmsChoiceFollowsTheProperty() {
        // Surefire runs the tests once as users do (unset: auto) and once with "vector" forced.
        String asked = System.getProperty(KernelChoice.PROPERTY);
        String name = KernelChoice.products().name();
        if (KernelChoice.VECTOR.equals(asked)) {
            assertThat(name).startsWith("vector");
        } else if (Runtime.version().feature() < KernelChoice.FIRST_FAST_FEATURE) {
            assertThat(name).isEqualTo("plain");
        }
    }
}
