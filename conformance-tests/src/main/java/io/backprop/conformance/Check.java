package io.backprop.conformance;

import java.util.Arrays;

import io.backprop.conformance.comparison.Differences;
import io.backprop.params.Parameters;

/**
 * Comparisons that fail with a {@link ConformanceFailure}. Tolerances are given in float64; each is
 * carried over to the {@link Profile#active() active profile}, which is float64 unless a
 * {@link KitRun} says otherwise.
 */
final class Check {
    private Check() {
    }

    static void outputs(double[][] actual, double[][] expected, double tolerance) {
        Profile profile = Profile.active();
        within("outputs", Differences.outputs(flushed(actual, profile), flushed(expected, profile)),
                profile.tolerance(tolerance));
    }

    static void value(String what, double actual, double expected, double tolerance) {
        Profile profile = Profile.active();
        double allowed = profile.tolerance(tolerance);
        double difference = Differences.relative(profile.flushed(actual), profile.flushed(expected));
        if (!(difference <= allowed)) {
            throw new ConformanceFailure(what, difference, "got " + actual + ", expected " + expected, allowed);
        }
    }

    static void parameters(String what, Parameters actual, Parameters expected, double tolerance) {
        within(what, Differences.parameters(actual, expected), Profile.active().tolerance(tolerance));
    }

    /**
     * Gradients against central finite differences, each by DL4J's GradientCheckUtil relative error
     * {@code |a − n| / (|a| + |n|)}, passing when the absolute difference is below {@code minAbsoluteError}.
     */
    static void gradients(Parameters analytic, Parameters numeric, double maxRelativeError, double minAbsoluteError) {
        Profile profile = Profile.active();
        double allowed = profile.tolerance(maxRelativeError);
        double floor = profile.gradientCheckFloor(minAbsoluteError);
        double worst = 0;
        String where = "";
        for (int l = 0; l < numeric.layers().size(); l++) {
            var a = analytic.layer(l);
            var n = numeric.layer(l);
            for (int j = 0; j < n.units(); j++) {
                for (int i = 0; i < n.inputs() + (n.hasBiases() ? 1 : 0); i++) {
                    boolean bias = i == n.inputs();
                    double av = bias ? a.bias(j) : a.weight(j, i);
                    double nv = bias ? n.bias(j) : n.weight(j, i);
                    double error = Math.abs(av - nv) < floor ? 0
                            : Math.abs(av - nv) / (Math.abs(av) + Math.abs(nv));
                    if (error > worst || Double.isNaN(error)) {
                        worst = error;
                        where = "layer " + l + ", " + (bias ? "bias(" + j + ")" : "weight(" + j + ", " + i + ")")
                                + ": analytic " + av + ", numeric " + nv;
                    }
                }
            }
        }
        if (!(worst <= allowed)) {
            throw new ConformanceFailure("gradients and central finite differences", worst, where, allowed);
        }
    }

    private static void within(String what, Differences.Worst worst, double tolerance) {
        if (!(worst.value() <= tolerance)) {
            throw new ConformanceFailure(what, worst.value(), worst.where(), tolerance);
        }
    }

    /** The values, with those the profile cannot hold to any relative precision as 0. */
    private static double[][] flushed(double[][] values, Profile profile) {
        if (profile == Profile.FLOAT64) {
            return values;
        }
        double[][] flushed = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            flushed[r] = new double[values[r].length];
            for (int k = 0; k < values[r].length; k++) {
                flushed[r][k] = profile.flushed(values[r][k]);
            }
        }
        return flushed;
    }

    /** {@code actual} equals {@code expected} bit for bit; else where they differ, and by how much. */
    static void identical(String what, Parameters actual, Parameters expected) {
        if (!actual.equals(expected)) {
            parameters(what, actual, expected, 0);
            throw new ConformanceFailure(what, Double.NaN, "a value differs in sign or NaN payload", 0);
        }
    }

    /** {@code actual} equals {@code expected} bit for bit; else where they differ, and by how much. */
    static void identical(String what, double[][] actual, double[][] expected) {
        if (!Arrays.deepEquals(actual, expected)) {
            Differences.Worst worst = Differences.outputs(actual, expected);
            if (worst.value() > 0) {
                throw new ConformanceFailure(what, worst.value(), worst.where(), 0);
            }
            throw new ConformanceFailure(what, Double.NaN, "a value differs in sign or NaN payload", 0);
        }
    }
}
