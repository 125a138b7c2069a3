package io.backprop.reference.kernels;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;

/**
 * The loss of a batch's rows and its gradient with respect to the output layer's weighted sums,
 * on row-major arrays of {@code rows × outputs}: the textbook's formulas, row by row. Cross-entropy is
 * computed from {@code z} (log-softmax, softplus), so a rounded output of exactly 0 or 1 keeps a
 * finite loss and the exact gradient {@code ŷ − y}.
 */
public final class BatchLosses {
    private BatchLosses() {
    }

    /** {@code Σ ℓ} over the rows (not yet averaged). */
    public static double sum(Loss loss, Activation output, double[] z, double[] yHat, double[] y, int rows,
                             int outputs) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int from = r * outputs;
            sum += switch (loss) {
                case MSE -> squaredError(yHat, y, from, outputs) / outputs;
                case SSE -> squaredError(yHat, y, from, outputs);
                case XENT -> output == Activation.SOFTMAX
                        ? softmaxCrossEntropy(z, y, from, outputs)
                        : sigmoidCrossEntropy(z, y, from, outputs);
            };
        }
        return sum;
    }

    /**
     * {@code ∂ℓ/∂z} of every row, each times {@code scale} (the batch's averaging factor), into
     * {@code delta}.
     */
    public static void outputGradient(Loss loss, Activation output, double[] z, double[] yHat, double[] y,
                                      int rows, int outputs, double scale, double[] delta) {
        int n = rows * outputs;
        if (loss == Loss.XENT) {
            // d/dz of -Σ y ln softmax(z) is ŷ Σy − y; of the sigmoid cross-entropy, ŷ − y.
            for (int r = 0; r < rows; r++) {
                int from = r * outputs;
                double targetSum = 1;
                if (output == Activation.SOFTMAX) {
                    targetSum = 0;
                    for (int k = from; k < from + outputs; k++) {
                        targetSum += y[k];
                    }
                }
                for (int k = from; k < from + outputs; k++) {
                    delta[k] = scale * (yHat[k] * targetSum - y[k]);
                }
            }
            return;
        }
        int divisor = loss == Loss.MSE ? outputs : 1;
        for (int k = 0; k < n; k++) {
            delta[k] = scale * (-2 * (y[k] - yHat[k]) / divisor);
        }
        BatchActivations.backward(output, z, yHat, delta, rows, outputs);
    }

    private static double squaredError(double[] yHat, double[] y, int from, int outputs) {
        double sum = 0;
        for (int k = from; k < from + outputs; k++) {
            double e = y[k] - yHat[k];
            sum += e * e;
        }
        return sum;
    }

    /** {@code −Σ y_j ln softmax(z)_j}, with {@code ln softmax(z)_j = z_j − m − log1p(Σ_{k≠top} e^(z_k − m))}. */
    private static double softmaxCrossEntropy(double[] z, double[] y, int from, int outputs) {
        int top = from;
        for (int k = from + 1; k < from + outputs; k++) {
            if (z[k] > z[top]) {
                top = k;
            }
        }
        double max = z[top];
        double others = 0;
        for (int k = from; k < from + outputs; k++) {
            if (k != top) {
                others += Math.exp(z[k] - max);
            }
        }
        double logSum = Math.log1p(others);
        double loss = 0;
        for (int k = from; k < from + outputs; k++) {
            if (y[k] != 0) {
                loss -= y[k] * (z[k] - max - logSum);
            }
        }
        return loss;
    }

    /** {@code Σ [y softplus(−z) + (1 − y) softplus(z)]}. */
    private static double sigmoidCrossEntropy(double[] z, double[] y, int from, int outputs) {
        double loss = 0;
        for (int k = from; k < from + outputs; k++) {
            if (y[k] != 0) {
                loss += y[k] * softplus(-z[k]);
            }
            if (y[k] != 1) {
                loss += (1 - y[k]) * softplus(z[k]);
            }
        }
        return loss;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
