package io.backprop.spi;

import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import java.util.Optional;

/**
 * What a backend provides: networks computed its way. Implementations are found with
 * {@link java.util.ServiceLoader}; a backend jar lists its class in
 * {@code META-INF/services/io.backprop.spi.Backend} and needs a public no-argument constructor.
 */
public interface Backend {
    /** The short name users select it by, such as {@code "reference"}; lower case, unique. */
    String name();

    /** One line for people: what computes, and how. */
    String description();

    /**
     * A network of shape {@code spec} holding a copy of {@code parameters}.
     *
     * @throws io.backprop.error.SpecException when the parameters do not fit the spec, or the backend
     *     cannot compute this spec
     */
    Network create(NetworkSpec spec, Parameters parameters);

    /** The backend's own model file, if it has one, for export and import; none by default. */
    default Optional<NativeModelFormat> nativeFormat() {
        return Optional.empty();
    }
}
