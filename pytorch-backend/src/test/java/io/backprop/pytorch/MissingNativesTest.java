package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.error.BackendException;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without pytorch-native-cpu on the class path, creating a network is a {@link BackendException}
 * naming the jar and the platform, no unpack notice is printed, and nothing lands in the cache: the
 * backend runs DJL offline, so it never fetches libtorch from the network instead. Run in a JVM of
 * its own, on this test's class path without the native jar and with an empty DJL cache.
 */
class MissingNativesTest {
    @Test
    void aMissingNativeJarIsABackendErrorNamingItAndNothingIsFetched(@TempDir Path cache) throws Exception {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native-cpu"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, CreateOne.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_CACHE_DIR", cache.toString());
        builder.environment().remove("PYTORCH_VERSION");
        builder.environment().remove("PYTORCH_FLAVOR");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).as(output)
                .contains("io.backprop.error.BackendException: pytorch: could not load libtorch")
                .contains("expected ai.djl.pytorch:pytorch-native-cpu with the classifier of this platform")
                .doesNotContain("unpacking libtorch");
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".so"))).as("libraries in the cache").isEmpty();
        }
    }

    /** Creates one network on the pytorch backend and prints the exception's class and message. */
    static final class CreateOne {
        public static void main(String[] args) {
            NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
            try {
                Backends.create("pytorch", spec, Parameters.of(LayerParameters.ofFlat(1, 1, new double[] {1}, new double[] {0})));
                System.out.println("created");
            } catch (BackendException e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
