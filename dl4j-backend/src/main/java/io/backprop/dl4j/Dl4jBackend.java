package io.backprop.dl4j;

import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.spi.NativeModelFormat;
import java.util.Optional;

/**
 * The backend on Deeplearning4j/ND4J 1.0.0-M2.1, named {@value #NAME}, in float64. ND4J starts
 * the first time a network is created, not when the backend is found.
 */
public final class Dl4jBackend implements Backend {
    /** The name users select this backend by. */
    public static final String NAME = "dl4j";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Deeplearning4j/ND4J 1.0.0-M2.1 MultiLayerNetwork, float64";
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        parameters.checkFits(spec);
        Nd4jRuntime.start();
        return new Dl4jNetwork(spec, parameters);
    }

    /** DL4J's ModelSerializer zip, for {@code backprop export --to dl4j} and {@code backprop import}. */
    @Override
    public Optional<NativeModelFormat> nativeFormat() {
        return Optional.of(new Dl4jModelFile());
    }
}
