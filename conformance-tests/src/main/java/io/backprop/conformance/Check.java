package io.backprop.conformance;

import io.backprop.conformance.comparison.Differences;
import io.backprop.params.Parameters;

/** Comparisons that fail with a {@link ConformanceFailure}. */
final class Check {
    private Check() {
    }

    static void outputs(double[][] actual, double[][] expected, double tolerance) {
        within("outputs", Differences.outputs(actual, expected), tolerance);
    }

    static void value(String what, double actual, double expected, double tolerance) {
        double difference = Differences.relative(actual, expected);
        if (!(difference <= tolerance)) {
            throw new ConformanceFailure(what, difference, "got " + actual + ", expected " + expected, tolerance);
        }
    }

    static void parameters(String what, Parameters actual, Parameters expected, double tolerance) {
        within(what, Differences.parameters(actual, expected), tolerance);
    }

    /**
     * Gradients against central finite differences, each by DL4J's GradientCheckUtil relative error
     * {@code |a − n| / (|a| + |n|)}, passing when the absolute difference is below {@code minAbsoluteError}.
     */
    static void gradients(Parameters analytic, Parameters numeric, double maxRelativeError, double minAbsoluteError) {
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
                    double error = Math.abs(av - nv) < minAbsoluteError ? 0
                            : Math.abs(av - nv) / (Math.abs(av) + Math.abs(nv));
                    if (error > worst || Double.isNaN(error)) {
                        worst = error;
                        where = "layer " + l + ", " + (bias ? "bias(" + j + ")" : "weight(" + j + ", " + i + ")")
                                + ": analytic " + av + ", numeric " + nv;
                    }
                }
            }
        }
        if (!(worst <= maxRelativeError)) {
            throw new ConformanceFailure("gradients and central finite differences", worst, where, maxRelativeError);
        }
    }

    private static void within(String what, Differences.Worst worst, double tolerance) {
        if (!(worst.value() <= tolerance)) {
            throw new ConformanceFailure(what, worst.value(), worst.where(), tolerance);
        }
    }
}
