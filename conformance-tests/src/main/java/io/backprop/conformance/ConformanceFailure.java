package io.backprop.conformance;

import java.util.Locale;

/** A case's failure: which value differed most, where, by how much, against which tolerance. */
public final class ConformanceFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final double worst;
    private final double tolerance;

    /**
     * @param what the kind of value, such as {@code "gradients"}
     * @param worst the worst difference found
     * @param where where it is: layer, parameter, row
     * @param tolerance the largest difference allowed
     */
    public ConformanceFailure(String what, double worst, String where, double tolerance) {
        super(String.format(Locale.ROOT, "%s: worst difference %.3g, %s; tolerance %.0e", what, worst, where, tolerance));
        this.worst = worst;
        this.tolerance = tolerance;
    }

    /** The worst difference found. */
    public double worst() {
        return worst;
    }

    /** The tolerance it broke. */
    public double tolerance() {
        return tolerance;
    }
}
