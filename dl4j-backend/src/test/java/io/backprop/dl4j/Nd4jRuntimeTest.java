package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.error.BackendException;
import org.junit.jupiter.api.Test;

class Nd4jRuntimeTest {
    @Test
    void nativesThatCannotLoadAreReportedWithThePlatformAndWhatToAdd() {
        LinkageError cause = new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");

        BackendException error = Nd4jRuntime.nativesMissing(new ExceptionInInitializerError(
                new RuntimeException("ND4J failed", cause)));

        assertThat(error.getMessage())
                .startsWith("dl4j: ND4J's native library could not be loaded for platform " + Nd4jRuntime.platform())
                .contains("UnsatisfiedLinkError: no jnind4jcpu in java.library.path")
                .contains("org.nd4j:nd4j-native-platform")
                .contains("-Djavacpp.platform=" + Nd4jRuntime.platform())
                .contains("choose the reference backend");
    }

    @Test
    void thisMachinesPlatformIsNamedAsJavaCppNamesIt() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.startsWith("linux") && arch.equals("amd64")) {
            assertThat(Nd4jRuntime.platform()).isEqualTo("linux-x86_64");
        }
        assertThat(Nd4jRuntime.platform()).matches("[a-z]+-[a-z0-9_]+");
    }

    @Test
    void startingLeavesNd4jInFloat64() {
        Nd4jRuntime.start();
        assertThat(org.nd4j.linalg.factory.Nd4j.create(new double[] {1.5}).dataType())
                .isEqualTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertThat(org.nd4j.linalg.factory.Nd4j.defaultFloatingPointType())
                .isEqualTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }
}
