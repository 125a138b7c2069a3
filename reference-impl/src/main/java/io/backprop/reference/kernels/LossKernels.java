package io.backprop.reference.kernels;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spi.SaturatedOutputs;

/**
 * The loss of one row, {@code ℓ}, and its gradient with respect to the output layer's weighted
 * sums, {@code ∂ℓ/∂z}. A batch's loss is {@code (1/n) Σ ℓ} for mse and xent, {@code Σ ℓ} for sse.
 *
 * <p>Cross-entropy, which a spec allows only after a sigmoid or softmax output, is computed from
 * {@code z}, not from {@code ŷ}, so that an output rounded to exactly 0 or 1 still gives a finite
 * loss and the exact gradient {@code ŷ − y}.
 */
public final class LossKernels {
    private LossKernels() {
    }

    /** {@code ℓ} for one row of {@code k} outputs. */
    public static double rowLoss(Loss loss, Activation output, double[] z, double[] yHat, double[] y, int k) {
        switch (loss) {
            case MSE:
                return squaredError(output, z, yHat, y, k) / k;
            case SSE:
                return squaredError(output, z, yHat, y, k);
            case XENT:
                // The spec allows xent only after a sigmoid or softmax output.
                return output == Activation.SOFTMAX ? softmaxCrossEntropy(z, y, k) : sigmoidCrossEntropy(z, y, k);
            default:
                throw new AssertionError(loss);
        }
    }

    /**
     * {@code ∂ℓ/∂z} of the output layer, into {@code dLdz}, each entry times {@code scale} (the
     * batch's averaging factor); {@code dLda} is working space of {@code k} entries.
     */
    public static void outputGradient(Loss loss, Activation output, double[] z, double[] yHat, double[] y, int k,
                               double scale, double[] dLda, double[] dLdz) {
        if (loss == Loss.XENT) {
            // d/dz of -Σ y ln softmax(z) is ŷ Σy − y; of the sigmoid cross-entropy, ŷ − y.
            double targetSum = 1;
            if (output == Activation.SOFTMAX) {
                targetSum = 0;
                for (int j = 0; j < k; j++) {
                    targetSum += y[j];
                }
            }
            for (int j = 0; j < k; j++) {
                // With targets summing to 1 (always for a sigmoid) that is the error ŷ − y, kept accurate near 1.
                dLdz[j] = scale * (targetSum == 1 ? SaturatedOutputs.error(output, z, yHat, y, j, k)
                        : yHat[j] * targetSum - y[j]);
            }
            return;
        }
        for (int j = 0; j < k; j++) {
            double error = SaturatedOutputs.error(output, z, yHat, y, j, k);
            dLda[j] = scale * switch (loss) {
                case MSE -> 2 * error / k;
                case SSE -> 2 * error;
                case XENT -> throw new AssertionError("handled above");
            };
        }
        ActivationKernels.backward(output, z, yHat, dLda, dLdz, k);
    }

    /** {@code Σ (ŷ − y)²}, each error with the digits a saturated output keeps ({@link SaturatedOutputs#error}). */
    private static double squaredError(Activation output, double[] z, double[] yHat, double[] y, int k) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double e = SaturatedOutputs.error(output, z, yHat, y, j, k);
            sum += e * e;
        }
        return sum;
    }

    /**
     * {@code −Σ y_j ln softmax(z)_j}, with {@code ln softmax(z)_j = z_j − m − ln(1 + s)}, where
     * {@code m} is the largest {@code z} and {@code s} the sum of {@code e^(z_k − m)} over the other
     * outputs: {@code log1p} keeps the digits of a confident prediction's tiny loss.
     */
    private static double softmaxCrossEntropy(double[] z, double[] y, int k) {
        int top = 0;
        for (int j = 1; j < k; j++) {
            if (z[j] > z[top]) {
                top = j;
            }
        }
        double max = z[top];
        double others = 0;
        for (int j = 0; j < k; j++) {
            if (j != top) {
                others += Math.exp(z[j] - max);
            }
        }
        double logSum = Math.log1p(others);
        double loss = 0;
        for (int j = 0; j < k; j++) {
            if (y[j] != 0) {
                loss -= y[j] * (z[j] - max - logSum);
            }
        }
        return loss;
    }

    /** {@code −Σ [y ln σ(z) + (1 − y) ln(1 − σ(z))]}, as {@code Σ [y softplus(−z) + (1 − y) softplus(z)]}. */
    private static double sigmoidCrossEntropy(double[] z, double[] y, int k) {
        double loss = 0;
        for (int j = 0; j < k; j++) {
            if (y[j] != 0) {
                loss += y[j] * softplus(-z[j]);
            }
            if (y[j] != 1) {
                loss += (1 - y[j]) * softplus(z[j]);
            }
        }
        return loss;
    }

    /** {@code ln(1 + e^x)} without overflow for large {@code x} or loss of digits for very negative {@code x}. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
