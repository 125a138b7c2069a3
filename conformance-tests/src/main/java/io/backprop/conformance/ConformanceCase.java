package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;
import java.util.Optional;

/**
 * One check of a backend against what the API defines.
 *
 * <p>{@link #id()} is stable across versions of the kit, so reports can be compared; the
 * {@link #title()} says in plain words what is checked. {@link #checks()}, {@link #tolerance()} and
 * {@link #lookAt()} say more, for the kit's catalog (CATALOG.md beside its README); a case that does not
 * say inherits their defaults.
 */
public interface ConformanceCase {
    /** A stable identifier, such as {@code "article.feedforward"}. */
    String id();

    /** What the case checks, in plain words. */
    String title();

    /**
     * What the case computes and compares it with, in a sentence or two, for the kit's catalog; by
     * default its {@link #title()}.
     */
    default String checks() {
        return title();
    }

    /**
     * The tolerance each comparison of the case allows and why, in words (such as {@code "outputs: 1e-12
     * relative (OUTPUTS): ..."}), for the kit's catalog; empty when the case does not say. The values are
     * float64's; the float32 profile carries them over as {@code Tolerances.float32} says.
     */
    default String tolerance() {
        return "";
    }

    /**
     * Where in a backend to look when the case fails, for the kit's catalog; empty when the case does
     * not say.
     */
    default String lookAt() {
        return "";
    }

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
     * Why the case does not apply to {@code backend}, when it checks an optional feature the backend
     * does not offer; by default it always applies. Not a skip: the result can still be "passed".
     */
    default Optional<String> notApplicable(Backend backend) {
        return Optional.empty();
    }

    /**
     * Why the case holds only in float64, when it does: it needs float64's range or its exact
     * integers, which float32 does not have. Under another {@link Profile} such a case is skipped,
     * saying so. By default, none.
     */
    default Optional<String> float64Only() {
        return Optional.empty();
    }

    /**
     * Runs the case on {@code backend}.
     *
     * @throws ConformanceFailure with the worst difference, where it is, and the tolerance
     */
    void run(Backend backend);
}
