package io.backprop.spi;

import io.backprop.spec.Activation;

/**
 * The small numbers a saturated activation hides, computed so that they keep their digits: for a
 * backend's squared-error losses and activation derivatives.
 *
 * <p>Where an output {@code a} of a sigmoid, tanh or softmax is within {@link #NEAR_ONE} of ±1,
 * {@code 1 − a} taken from the rounded {@code a} keeps few digits: {@code a} is off by up to half
 * an ulp, 1.1e-16, while {@code 1 − a} may be 1e-8, so 1e-8 of it is lost. The error
 * {@code ŷ − y} of a squared-error loss and the slopes {@code a(1 − a)}, {@code 1 − a²} and the
 * softmax's then lose as much. Here {@code 1 − a} comes from the weighted sum {@code z} (a sigmoid's
 * {@code σ(−z)}) or from the layer's other outputs (a softmax's {@code Σ_{k≠m} a_k}), and every
 * formula is arranged so that nothing cancels. Below {@link #NEAR_ONE}, {@code 1 − a} from {@code a}
 * keeps at least 13 digits and the plain formulas are used, unchanged.
 *
 * <p>{@link #crossEntropy} is the cross-entropy of a row taken from {@code z}, finite and to full
 * precision where {@code ŷ} rounds to 0 or 1. The conformance kit holds every backend to these
 * precisions (its {@code saturation.*} cases): a small squared-error loss and its gradients near
 * saturation to 10 significant digits, where {@code 1 − a} taken from a rounded {@code a} keeps 3, and a
 * finite cross-entropy with all its digits when {@code ŷ} rounds to 0 or 1.
 */
public final class SaturatedOutputs {
    /** An output above this (or a tanh below its negative) has its distance to ±1 taken from {@code z}. */
    public static final double NEAR_ONE = 1 - 0x1p-10;

    private SaturatedOutputs() {
    }

    /** {@code 1 − a} for a sigmoid output {@code a = σ(z)}. */
    public static double sigmoidComplement(double z, double a) {
        return a > NEAR_ONE ? 1.0 / (1.0 + Math.exp(z)) : 1.0 - a;
    }

    /** {@code 1 − |a|} for a tanh output {@code a = tanh z}: {@code 2 / (e^{2|z|} + 1)} near ±1. */
    public static double tanhComplement(double z, double a) {
        double magnitude = Math.abs(a);
        return magnitude > NEAR_ONE ? 2.0 / (Math.exp(2 * Math.abs(z)) + 1.0) : 1.0 - magnitude;
    }

    /** The tanh slope {@code 1 − a²}, as {@code (1 − |a|)(1 + |a|)} near ±1. */
    public static double tanhSlope(double z, double a) {
        return Math.abs(a) > NEAR_ONE ? tanhComplement(z, a) * (1 + Math.abs(a)) : 1 - a * a;
    }

    /**
     * The error {@code ŷ_j − y_j} of output {@code j} of a layer of {@code k} outputs: for an output
     * near 1 (or a tanh's near −1), as {@code (1 − y) − (1 − ŷ)} with {@code 1 − ŷ} from
     * {@code z} or from the other softmax outputs.
     */
    public static double error(Activation activation, double[] z, double[] a, double[] y, int j, int k) {
        // Kept this small so that it inlines into a backend's per-sample step; the rare case is out of line.
        double output = a[j];
        if (Math.abs(output) <= NEAR_ONE || activation == Activation.RELU || activation == Activation.IDENTITY) {
            return output - y[j];
        }
        return saturatedError(activation, z, a, y, j, k);
    }

    private static double saturatedError(Activation activation, double[] z, double[] a, double[] y, int j, int k) {
        double plain = a[j] - y[j];
        switch (activation) {
            case SIGMOID:
                return a[j] > NEAR_ONE ? (1.0 - y[j]) - sigmoidComplement(z[j], a[j]) : plain;
            case TANH:
                if (a[j] > NEAR_ONE) {
                    return (1.0 - y[j]) - tanhComplement(z[j], a[j]);
                }
                return a[j] < -NEAR_ONE ? tanhComplement(z[j], a[j]) - (1.0 + y[j]) : plain;
            case SOFTMAX:
                return a[j] > NEAR_ONE ? (1.0 - y[j]) - othersSum(a, j, k) : plain;
            default:
                return plain;
        }
    }

    /**
     * A softmax layer's {@code ∂L/∂z_j = a_j (∂L/∂a_j − Σ_k a_k ∂L/∂a_k)} for its {@code n} outputs;
     * {@code dLdz} may be {@code dLda}. For an output {@code a_m} near 1 that difference cancels, so
     * there it is taken as {@code Σ_{k≠m} a_k (∂L/∂a_m − ∂L/∂a_k)}, which is the same sum since the
     * outputs add up to 1.
     */
    public static void softmaxBackward(double[] a, double[] dLda, double[] dLdz, int n) {
        int dominant = -1;
        double dot = 0;
        for (int k = 0; k < n; k++) {
            dot += a[k] * dLda[k];
            if (a[k] > NEAR_ONE) {
                dominant = k;
            }
        }
        double dominantSlope = 0;
        if (dominant >= 0) {
            for (int k = 0; k < n; k++) {
                if (k != dominant) {
                    dominantSlope += a[k] * (dLda[dominant] - dLda[k]);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            dLdz[j] = a[j] * (dLda[j] - dot);
        }
        if (dominant >= 0) {
            dLdz[dominant] = a[dominant] * dominantSlope;
        }
    }

    /**
     * The cross-entropy {@code ℓ} of one row, taken from the output layer's weighted sums {@code z} so
     * that it stays finite and keeps its digits where {@code ŷ} rounds to 0 or 1, for its {@code k}
     * outputs ({@code z} and {@code y} may be longer):
     *
     * <ul>
     *   <li>after a sigmoid, {@code Σ_j y_j·softplus(−z_j) + (1 − y_j)·softplus(z_j)} with
     *       {@code softplus(x) = max(x, 0) + ln(1 + e^−|x|)}: the same as
     *       {@code −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]}, a sum of terms that are never negative for
     *       {@code 0 ≤ y ≤ 1}, so nothing cancels; at {@code z = 800, y = 0} it is 800 where
     *       {@code −ln(1 − ŷ)} of the rounded {@code ŷ = 1} is infinite;</li>
     *   <li>after a softmax, the log-sum-exp form {@code −Σ_j y_j ln ŷ_j} with
     *       {@code −ln ŷ_j = (z_m − z_j) + ln(1 + Σ_{i≠m} e^(z_i − z_m))}, {@code z_m} the largest: no
     *       exponential overflows, and the loss of a confident right prediction, {@code ln(1 + e^−30)}
     *       ≈ 9.4e-14 at {@code z = (30, 0)}, keeps its digits where {@code −ln ŷ} of the rounded
     *       {@code ŷ} keeps 3.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for any other output activation: cross-entropy needs probabilities
     */
    public static double crossEntropy(Activation output, double[] z, double[] y, int k) {
        if (output == Activation.SIGMOID) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += y[j] * softplus(-z[j]) + (1 - y[j]) * softplus(z[j]);
            }
            return sum;
        }
        if (output != Activation.SOFTMAX) {
            throw new IllegalArgumentException("cross-entropy needs a sigmoid or softmax output, not " + output.id());
        }
        int top = 0;
        for (int j = 1; j < k; j++) {
            if (z[j] > z[top]) {
                top = j;
            }
        }
        double others = 0;
        for (int j = 0; j < k; j++) {
            if (j != top) {
                others += Math.exp(z[j] - z[top]);
            }
        }
        double logSum = Math.log1p(others);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (y[j] != 0) {
                sum += y[j] * ((z[top] - z[j]) + logSum);
            }
        }
        return sum;
    }

    /** {@code ln(1 + e^x)}, without overflow and without cancelling. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code Σ_{k≠j} a_k}: {@code 1 − a_j} of a softmax output, without cancelling. */
    private static double othersSum(double[] a, int j, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (i != j) {
                sum += a[i];
            }
        }
        return sum;
    }
}
