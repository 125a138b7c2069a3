package io.backprop.pytorch;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spi.SaturatedOutputs;

/**
 * The output layer's loss and {@code ∂L/∂z}, in Java, from the weighted sums {@code z} and outputs
 * {@code ŷ} PyTorch computed, as the API defines them.
 *
 * <p>Why not PyTorch's: at a saturated output both the error {@code ŷ − y} and the slope
 * {@code ŷ(1 − ŷ)} are differences of nearly equal numbers when taken from the rounded {@code ŷ}, and
 * a cross-entropy of an output that rounds to 0 or 1 is infinite; autograd takes them that way (a
 * prototype failed the kit's five {@code saturation.*} cases so). Here {@code 1 − ŷ} comes from
 * {@code z} or from the other softmax outputs ({@link SaturatedOutputs}). The arrays are
 * {@code [rows × outputs]}, row-major, small beside the layers' matrices.
 */
final class OutputLayer {
    private final Activation activation;
    private final Loss loss;
    private final int outputs;

    OutputLayer(Activation activation, Loss loss, int outputs) {
        this.activation = activation;
        this.loss = loss;
        this.outputs = outputs;
    }

    /** The batch's loss: the rows' mean for mse and xent, their sum for sse. */
    double loss(double[] z, double[] a, double[] y, int rows) {
        double[] zRow = new double[outputs];
        double[] aRow = new double[outputs];
        double[] yRow = new double[outputs];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            row(z, r, zRow);
            row(a, r, aRow);
            row(y, r, yRow);
            sum += rowLoss(zRow, aRow, yRow);
        }
        return loss.averagesRows() ? sum / rows : sum;
    }

    private double rowLoss(double[] z, double[] a, double[] y) {
        if (loss == Loss.XENT) {
            return SaturatedOutputs.crossEntropy(activation, z, y, outputs);
        }
        double sum = 0;
        for (int j = 0; j < outputs; j++) {
            double e = SaturatedOutputs.error(activation, z, a, y, j, outputs);
            sum += e * e;
        }
        return loss == Loss.MSE ? sum / outputs : sum;
    }

    /** {@code ∂L/∂z} of the batch's loss, {@code [rows × outputs]}, the rows' mean already taken. */
    double[] dLdz(double[] z, double[] a, double[] y, int rows) {
        double share = loss.averagesRows() ? 1.0 / rows : 1.0;
        double[] gradient = new double[rows * outputs];
        double[] zRow = new double[outputs];
        double[] aRow = new double[outputs];
        double[] yRow = new double[outputs];
        double[] dLda = new double[outputs];
        double[] dLdzRow = new double[outputs];
        for (int r = 0; r < rows; r++) {
            row(z, r, zRow);
            row(a, r, aRow);
            row(y, r, yRow);
            if (loss == Loss.XENT) {
                crossEntropyGradient(zRow, aRow, yRow, dLdzRow);
            } else {
                for (int j = 0; j < outputs; j++) {
                    double e = SaturatedOutputs.error(activation, zRow, aRow, yRow, j, outputs);
                    dLda[j] = loss == Loss.MSE ? 2 * e / outputs : 2 * e;
                }
                throughActivation(zRow, aRow, dLda, dLdzRow);
            }
            for (int j = 0; j < outputs; j++) {
                gradient[r * outputs + j] = share * dLdzRow[j];
            }
        }
        return gradient;
    }

    /**
     * Cross-entropy's {@code ∂ℓ/∂z = ŷ − y} after a sigmoid, and after a softmax whose targets sum to
     * 1; {@code ŷ·Σy − y} after a softmax whose targets do not (the derivative of {@code −Σ y ln ŷ}).
     */
    private void crossEntropyGradient(double[] z, double[] a, double[] y, double[] dLdz) {
        double targets = 1;
        if (activation == Activation.SOFTMAX) {
            targets = 0;
            for (int j = 0; j < outputs; j++) {
                targets += y[j];
            }
        }
        for (int j = 0; j < outputs; j++) {
            dLdz[j] = targets == 1 ? SaturatedOutputs.error(activation, z, a, y, j, outputs) : a[j] * targets - y[j];
        }
    }

    /** {@code ∂L/∂z} from {@code ∂L/∂a}, each slope with its digits near saturation. */
    private void throughActivation(double[] z, double[] a, double[] dLda, double[] dLdz) {
        if (activation == Activation.SOFTMAX) {
            SaturatedOutputs.softmaxBackward(a, dLda, dLdz, outputs);
            return;
        }
        for (int j = 0; j < outputs; j++) {
            dLdz[j] = switch (activation) {
                case SIGMOID -> dLda[j] * a[j] * SaturatedOutputs.sigmoidComplement(z[j], a[j]);
                case TANH -> dLda[j] * SaturatedOutputs.tanhSlope(z[j], a[j]);
                case RELU -> z[j] > 0 ? dLda[j] : 0.0;
                default -> dLda[j];
            };
        }
    }

    private void row(double[] values, int r, double[] row) {
        System.arraycopy(values, r * outputs, row, 0, outputs);
    }
}
