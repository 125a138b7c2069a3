package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.Utils;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one line announcing the unpack is printed when, and only when, DJL's cache holds no libtorch:
 * DJL unpacks into {@code CACHE/pytorch/VERSION-FLAVOR-PLATFORM/}, so the library sits two levels down.
 */
class UnpackNoticeTest {
    @Test
    void aMissingOrEmptyCacheHoldsNoLibtorch(@TempDir Path cache) throws IOException {
        assertThat(LibTorch.holdsLibtorch(cache.resolve("absent"))).isFalse();
        assertThat(LibTorch.holdsLibtorch(cache)).isFalse();
        Files.createDirectories(cache.resolve("2.7.1-20250812-cpu-linux-x86_64"));
        Files.writeString(cache.resolve("2.7.1-20250812-cpu-linux-x86_64").resolve("libc10.so"), "");
        assertThat(LibTorch.holdsLibtorch(cache)).as("another library only").isFalse();
    }

    @Test
    void anUnpackedLibtorchIsFound(@TempDir Path cache) throws IOException {
        Path version = Files.createDirectories(cache.resolve("2.7.1-20250812-cpu-linux-x86_64"));
        Files.writeString(version.resolve("libtorch_cpu.so"), "");
        assertThat(LibTorch.holdsLibtorch(cache)).isTrue();
    }

    @Test
    void theCacheTheTestsRunWithHoldsLibtorchOnceANetworkExists() {
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
        new PytorchBackend().create(spec, Parameters.of(LayerParameters.ofFlat(1, 1, new double[] {1}, new double[] {0})));
        assertThat(LibTorch.holdsLibtorch(Utils.getEngineCacheDir("pytorch"))).isTrue();
    }
}
