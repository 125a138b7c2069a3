package io.backprop.reference.kernels;

import io.backprop.spec.Activation;
import io.backprop.spi.SaturatedOutputs;

/**
 * Each activation forward ({@code a = f(z)}) and backward ({@code ∂L/∂z} from {@code ∂L/∂a}), on
 * one value or on the first {@code n} entries of one row of a layer: what the fast backend applies
 * row by row between its matrix products ({@link MatrixKernels}) and in its per-sample step
 * ({@link RowKernels}).
 */
public final class ActivationKernels {
    private ActivationKernels() {
    }

    /** The article's sigmoid, {@code 1 / (1 + e^-z)}; {@code e^-z} overflowing to infinity still gives 0. */
    public static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * {@code f(z)} of one value, for every activation but softmax, whose outputs depend on the whole
     * layer.
     */
    public static double apply(Activation activation, double z) {
        return switch (activation) {
            case SIGMOID -> sigmoid(z);
            case TANH -> Math.tanh(z);
            case RELU -> z > 0 ? z : 0.0;
            case IDENTITY -> z;
            case SOFTMAX -> throw new IllegalArgumentException("softmax depends on the whole layer, not one value");
        };
    }

    /**
     * {@code ∂L/∂z = f'(z)·∂L/∂a} of one value, from {@code z} and {@code a = f(z)}, for every
     * activation but softmax; the same arithmetic as {@link #backward}.
     */
    public static double backward(Activation activation, double z, double a, double dLda) {
        return switch (activation) {
            case SIGMOID -> dLda * a * SaturatedOutputs.sigmoidComplement(z, a);
            case TANH -> dLda * SaturatedOutputs.tanhSlope(z, a);
            case RELU -> z > 0 ? dLda : 0.0;
            case IDENTITY -> dLda;
            case SOFTMAX -> throw new IllegalArgumentException("softmax depends on the whole layer, not one value");
        };
    }

    /** {@code a = f(z)}. */
    public static void forward(Activation activation, double[] z, double[] a, int n) {
        switch (activation) {
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    a[j] = sigmoid(z[j]);
                }
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    a[j] = Math.tanh(z[j]);
                }
            }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    a[j] = z[j] > 0 ? z[j] : 0.0;
                }
            }
            case IDENTITY -> System.arraycopy(z, 0, a, 0, n);
            case SOFTMAX -> softmax(z, a, n);
        }
    }

    /** Softmax shifted by the largest {@code z}, so that no {@code e^z} overflows. */
    private static void softmax(double[] z, double[] a, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            a[j] = Math.exp(z[j] - max);
            sum += a[j];
        }
        for (int j = 0; j < n; j++) {
            a[j] /= sum;
        }
    }

    /**
     * The chain rule through the activation: {@code ∂L/∂z_j = f'(z_j) · ∂L/∂a_j}, and for softmax,
     * whose outputs all depend on every {@code z}, {@code ∂L/∂z_j = a_j (∂L/∂a_j − Σ_k a_k ∂L/∂a_k)};
     * near saturation the slopes are taken as {@link SaturatedOutputs} does, so they keep their digits.
     */
    public static void backward(Activation activation, double[] z, double[] a, double[] dLda, double[] dLdz, int n) {
        switch (activation) {
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    dLdz[j] = dLda[j] * a[j] * SaturatedOutputs.sigmoidComplement(z[j], a[j]);
                }
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    dLdz[j] = dLda[j] * SaturatedOutputs.tanhSlope(z[j], a[j]);
                }
            }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    dLdz[j] = z[j] > 0 ? dLda[j] : 0.0;
                }
            }
            case IDENTITY -> System.arraycopy(dLda, 0, dLdz, 0, n);
            case SOFTMAX -> SaturatedOutputs.softmaxBackward(a, dLda, dLdz, n);
        }
    }
}
