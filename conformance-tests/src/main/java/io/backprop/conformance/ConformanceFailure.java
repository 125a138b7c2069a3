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
        super(String.format(Locale.ROOT, "%s: worst difference %.3g, %s; tolerance %s", what, worst, where,
                tolerance(tolerance)));
        this.worst = worst;
        this.tolerance = tolerance;
    }

    /** The same failure with a message that begins with the case it failed, keeping where it was thrown. */
    private ConformanceFailure(String message, double worst, double tolerance, StackTraceElement[] trace) {
        super(message);
        this.worst = worst;
        this.tolerance = tolerance;
        setStackTrace(trace);
    }

    /**
     * This failure, its message beginning with {@code caseId}: Surefire's summary of failed tests
     * quotes the message, not the test's name.
     */
    ConformanceFailure naming(String caseId) {
        return new ConformanceFailure(caseId + ": " + getMessage(), worst, tolerance, getStackTrace());
    }

    /** {@code 1e-12} as {@code 1e-12}, but a tolerance of more than one digit, such as 2^-11, as {@code 4.9e-04}. */
    private static String tolerance(double tolerance) {
        String one = String.format(Locale.ROOT, "%.0e", tolerance);
        return Math.abs(Double.parseDouble(one) - tolerance) <= 1e-3 * Math.abs(tolerance) ? one
                : String.format(Locale.ROOT, "%.1e", tolerance);
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
