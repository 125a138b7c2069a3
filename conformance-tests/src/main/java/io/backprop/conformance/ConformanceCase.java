package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;

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
     * Runs the case on {@code backend}.
     *
     * @throws ConformanceFailure with the worst difference, where it is, and the tolerance
     */
    void run(Backend backend);
}
