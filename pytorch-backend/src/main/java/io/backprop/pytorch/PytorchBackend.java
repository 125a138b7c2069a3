package io.backprop.pytorch;

import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.spi.NativeModelFormat;
import java.util.Optional;

/**
 * The backend on PyTorch 2.7.1 (libtorch, CPU) through DJL 0.36.0, named {@value #NAME}, in
 * float64. libtorch loads the first time a network is created, not when the backend is found; the
 * very first time on a machine it is unpacked from its jar into DJL's cache, which one line on
 * stderr announces.
 */
public final class PytorchBackend implements Backend {
    /** The name users select this backend by. */
    public static final String NAME = "pytorch";

    /** The backend; found by {@link java.util.ServiceLoader}, which needs this constructor. */
    public PytorchBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PyTorch 2.7.1 CPU kernels through DJL 0.36.0, float64";
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        parameters.checkFits(spec);
        return new PytorchNetwork(spec, parameters);
    }

    /**
     * A safetensors file of the network's {@code nn.Sequential} state dict, which plain PyTorch loads
     * ({@code backprop export --to pytorch}); see {@link SafetensorsModelFile}.
     */
    @Override
    public Optional<NativeModelFormat> nativeFormat() {
        return Optional.of(new SafetensorsModelFile());
    }
}
