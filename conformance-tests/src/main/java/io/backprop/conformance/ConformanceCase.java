package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;
import java.util.Optional;

/**
 * One check of a backend against what the API defines.
 *
 * <p>{@link #id()} is stable across versions of the kit, so reports can be compared; the
 * {@link #title()} says in plain words what is checked.
 */
public interface ConformanceCase {
    /** A stable identifier, such as {@code "article.feedforward"}. */
    String id();

    /** What the case checks, in plain words. */
    String title();

    /** The networks the case builds, so that a backend lacking a capability skips it. */
    List<NetworkSpec> specs();

    /**
     * Why the case cannot run on {@code backend} with these declared capabilities, or empty when it
     * can: by default, the first of its {@link #specs()} the capabilities cannot compute. A case that
     * needs more of the backend (its registration, a native model format) says so here.
     */
    default Optional<String> missing(Backend backend, Capabilities capabilities) {
        for (NetworkSpec spec : specs()) {
            Optional<String> missing = capabilities.missingFor(spec);
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the case on {@code backend}.
     *
     * @throws ConformanceFailure with the worst difference, where it is, and the tolerance
     */
    void run(Backend backend);
}
