package io.backprop.conformance.comparison;

import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;

/**
 * Relative differences between two backends' values, and where the worst one is.
 *
 * <p>Outputs and losses: {@code |a − b| / max(|a|, |b|)} (0 when both are 0). Gradients and
 * parameters: {@code |a − b|} over the largest magnitude among the expected layer's values, so that a
 * gradient that is zero up to rounding is judged against its layer rather than against itself.
 */
public final class Differences {
    private Differences() {
    }

    /** The worst difference found, and where. */
    public record Worst(double value, String where) {
        static final Worst NONE = new Worst(0, "");

        Worst max(double candidate, String place) {
            return candidate > value || Double.isNaN(candidate) ? new Worst(candidate, place) : this;
        }
    }

    /** {@code |a − b| / max(|a|, |b|)}; 0 when both are 0 or equal, NaN when one is NaN. */
    public static double relative(double a, double b) {
        if (a == b) {
            return 0;
        }
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** The worst relative difference between two matrices of outputs. */
    public static Worst outputs(double[][] actual, double[][] expected) {
        Worst worst = Worst.NONE;
        for (int r = 0; r < expected.length; r++) {
            for (int k = 0; k < expected[r].length; k++) {
                worst = worst.max(relative(actual[r][k], expected[r][k]), "row " + r + ", output " + k);
            }
        }
        return worst;
    }

    /** The worst difference between two sets of parameters (or gradients), relative to each layer's largest value. */
    public static Worst parameters(Parameters actual, Parameters expected) {
        Worst worst = Worst.NONE;
        for (int l = 0; l < expected.layers().size(); l++) {
            LayerParameters a = actual.layer(l);
            LayerParameters e = expected.layer(l);
            double scale = largest(e);
            for (int j = 0; j < e.units(); j++) {
                for (int i = 0; i < e.inputs(); i++) {
                    worst = worst.max(scaled(a.weight(j, i), e.weight(j, i), scale),
                            "layer " + l + ", weight(" + j + ", " + i + ")");
                }
                if (e.hasBiases()) {
                    worst = worst.max(scaled(a.bias(j), e.bias(j), scale), "layer " + l + ", bias(" + j + ")");
                }
            }
        }
        return worst;
    }

    private static double scaled(double a, double e, double scale) {
        return a == e ? 0 : Math.abs(a - e) / scale;
    }

    private static double largest(LayerParameters layer) {
        double largest = 0;
        for (int j = 0; j < layer.units(); j++) {
            for (int i = 0; i < layer.inputs(); i++) {
                largest = Math.max(largest, Math.abs(layer.weight(j, i)));
            }
            if (layer.hasBiases()) {
                largest = Math.max(largest, Math.abs(layer.bias(j)));
            }
        }
        return largest == 0 ? Double.MIN_NORMAL : largest;
    }
}
