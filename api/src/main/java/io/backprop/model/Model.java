package io.backprop.model;

import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model file holds: a network's spec and, unless the file is a spec only, its parameters.
 *
 * @param spec the network's shape and loss
 * @param parameters the weights and biases, or empty for a spec only
 */
public record Model(NetworkSpec spec, Optional<Parameters> parameters) {
    public Model {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameters, "parameters");
        parameters.ifPresent(p -> p.checkFits(spec));
    }

    /** A model with parameters. */
    public static Model of(NetworkSpec spec, Parameters parameters) {
        return new Model(spec, Optional.of(parameters));
    }

    /** A spec only, to be initialised before use. */
    public static Model specOnly(NetworkSpec spec) {
        return new Model(spec, Optional.empty());
    }
}
