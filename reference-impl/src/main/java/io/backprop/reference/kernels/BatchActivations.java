package io.backprop.reference.kernels;

import io.backprop.spec.Activation;

/**
 * Each activation over a batch: forward ({@code A = f(Z)}) and backward ({@code ∂L/∂Z} from
 * {@code ∂L/∂A}, in place), on the first {@code rows × units} entries of row-major arrays. The same
 * formulas as the textbook's, sigmoid and softmax guarded the same way.
 */
public final class BatchActivations {
    private BatchActivations() {
    }

    /** {@code a = f(z)} for every row. */
    public static void forward(Activation activation, double[] z, double[] a, int rows, int units) {
        int n = rows * units;
        switch (activation) {
            case SIGMOID -> {
                for (int k = 0; k < n; k++) {
                    a[k] = 1.0 / (1.0 + Math.exp(-z[k]));
                }
            }
            case TANH -> {
                for (int k = 0; k < n; k++) {
                    a[k] = Math.tanh(z[k]);
                }
            }
            case RELU -> {
                for (int k = 0; k < n; k++) {
                    a[k] = z[k] > 0 ? z[k] : 0.0;
                }
            }
            case IDENTITY -> System.arraycopy(z, 0, a, 0, n);
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    softmax(z, a, r * units, units);
                }
            }
        }
    }

    /** Softmax of one row shifted by its largest {@code z}, so that no {@code e^z} overflows. */
    private static void softmax(double[] z, double[] a, int from, int units) {
        int to = from + units;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = from; k < to; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = from; k < to; k++) {
            a[k] = Math.exp(z[k] - max);
            sum += a[k];
        }
        for (int k = from; k < to; k++) {
            a[k] /= sum;
        }
    }

    /**
     * Turns {@code d} from {@code ∂L/∂a} into {@code ∂L/∂z} in place: {@code f'(z)·∂L/∂a}, and for
     * softmax {@code a_j (∂L/∂a_j − Σ_k a_k ∂L/∂a_k)} within each row.
     */
    public static void backward(Activation activation, double[] z, double[] a, double[] d, int rows, int units) {
        int n = rows * units;
        switch (activation) {
            case SIGMOID -> {
                for (int k = 0; k < n; k++) {
                    d[k] = d[k] * a[k] * (1 - a[k]);
                }
            }
            case TANH -> {
                for (int k = 0; k < n; k++) {
                    d[k] = d[k] * (1 - a[k] * a[k]);
                }
            }
            case RELU -> {
                for (int k = 0; k < n; k++) {
                    d[k] = z[k] > 0 ? d[k] : 0.0;
                }
            }
            case IDENTITY -> {
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int from = r * units;
                    double dot = 0;
                    for (int k = from; k < from + units; k++) {
                        dot += a[k] * d[k];
                    }
                    for (int k = from; k < from + units; k++) {
                        d[k] = a[k] * (d[k] - dot);
                    }
                }
            }
        }
    }
}
