package io.backprop.reference.kernels;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spi.SaturatedOutputs;

/**
 * Per-sample SGD on a small network, one row and one layer at a time, with the textbook's arithmetic
 * in the textbook's order. Where {@link MatrixKernels} pays for its transposes and blocks with long
 * vectorized loops, a network such as the article's 2-2-1 has loops of one to three iterations, so
 * here the passes that the textbook makes separately are fused, to enter fewer loops: the activation
 * is applied as each weighted sum is made, the loss's gradient and the output activation's are taken
 * in one pass, and the gradient passed to the layer below becomes that layer's {@code ∂L/∂z} in the
 * pass that steps the weights.
 *
 * <p>Arrays are as in {@link MatrixKernels}: {@code w[j][i]} is the weight from input {@code i} into
 * neuron {@code j}.
 */
public final class RowKernels {
    private RowKernels() {
    }

    /**
     * Feeds one row through a layer: {@code z[j] = b[j] + Σ_i w[j][i]·x[i]} and {@code a = f(z)}.
     *
     * @param b null for a layer without biases
     * @param complement for a sigmoid layer, {@code 1 − a} to full precision (unused otherwise)
     */
    public static void feedforward(double[][] w, double[] b, double[] x, int units, int inputs, Activation f,
                                   double[] z, double[] a, double[] complement) {
        if (f == Activation.SOFTMAX) {
            MatrixKernels.weightedSumsOfOneRow(w, b, x, units, inputs, z);
            ActivationKernels.forward(f, z, a, units);
            return;
        }
        if (f == Activation.SIGMOID) {
            // σ(z) = 1/(1 + t) with t = e^−z, so 1 − σ(z) = t·σ(z): the digits a saturated neuron's slope
            // needs, here for one multiply where SaturatedOutputs pays another e^z in backprop.
            for (int j = 0; j < units; j++) {
                double sum = MatrixKernels.weightedSum(w[j], b, j, x, inputs);
                double t = Math.exp(-sum);
                double sigmoid = 1.0 / (1.0 + t);
                z[j] = sum;
                a[j] = sigmoid;
                complement[j] = sigmoid > SaturatedOutputs.NEAR_ONE ? t * sigmoid : 1.0 - sigmoid;
            }
            return;
        }
        for (int j = 0; j < units; j++) {
            double sum = MatrixKernels.weightedSum(w[j], b, j, x, inputs);
            z[j] = sum;
            a[j] = ActivationKernels.apply(f, sum);
        }
    }

    /**
     * The output layer's {@code delta = ∂L/∂z} of one row with target {@code y}, as
     * {@link LossKernels#outputGradient} with a scale of 1 computes it.
     *
     * @param complement a sigmoid layer's {@code 1 − a}, from {@link #feedforward}
     * @param scratch working space of {@code k} values
     */
    public static void outputDelta(Loss loss, Activation f, double[] z, double[] a, double[] complement, double[] y,
                                   int k, double[] scratch, double[] delta) {
        if (loss == Loss.XENT || f == Activation.SOFTMAX) {
            LossKernels.outputGradient(loss, f, z, a, y, k, 1.0, scratch, delta);
            return;
        }
        // Dividing by k = 1 changes nothing, and a division is the slowest step of a one-output network's pass.
        boolean mean = loss == Loss.MSE && k > 1;
        for (int j = 0; j < k; j++) {
            if (f == Activation.SIGMOID) {
                double error = a[j] > SaturatedOutputs.NEAR_ONE ? (1.0 - y[j]) - complement[j] : a[j] - y[j];
                double dLda = mean ? 2 * error / k : 2 * error;
                delta[j] = dLda * a[j] * complement[j];
            } else {
                double error = SaturatedOutputs.error(f, z, a, y, j, k);
                double dLda = mean ? 2 * error / k : 2 * error;
                delta[j] = ActivationKernels.backward(f, z[j], a[j], dLda);
            }
        }
    }

    /**
     * Backprop and the SGD step of one layer for one row, from its {@code delta = ∂L/∂z}: each weight
     * {@code w[j][i] −= η·(delta[j]·x[i])}, each bias {@code b[j] −= η·delta[j]}, and, unless
     * {@code below} is null (the first layer), the layer below's {@code ∂L/∂z} into {@code below}:
     * {@code f'(z)·Σ_j w[j][i]·delta[j]}, each weight read before its step.
     *
     * @param x the layer's input: the row's features, or the outputs of the layer below
     * @param belowActivation the layer below's activation, {@code belowZ} its weighted sums and
     *     {@code belowComplement}, for a sigmoid, its {@code 1 − a} from {@link #feedforward}
     */
    public static void backpropAndStep(double[] delta, double[] x, double[][] w, double[] b, int units, int inputs,
                                       double learningRate, double[] below, Activation belowActivation,
                                       double[] belowZ, double[] belowComplement) {
        if (below == null) {
            for (int j = 0; j < units; j++) {
                double d = delta[j];
                double[] wj = w[j];
                for (int i = 0; i < inputs; i++) {
                    wj[i] -= learningRate * (d * x[i]);
                }
                if (b != null) {
                    b[j] -= learningRate * d;
                }
            }
            return;
        }
        int last = units - 1;
        for (int j = 0; j < last; j++) {
            double d = delta[j];
            double[] wj = w[j];
            if (j == 0) {
                for (int i = 0; i < inputs; i++) {
                    below[i] = wj[i] * d;
                    wj[i] -= learningRate * (d * x[i]);
                }
            } else {
                for (int i = 0; i < inputs; i++) {
                    below[i] = Math.fma(wj[i], d, below[i]);
                    wj[i] -= learningRate * (d * x[i]);
                }
            }
            if (b != null) {
                b[j] -= learningRate * d;
            }
        }
        // The last neuron completes each Σ_j w[j][i]·delta[j]; x is the layer below's output a, so that
        // sum, its ∂L/∂a, becomes its ∂L/∂z at once (softmax, which needs them all, afterwards).
        double d = delta[last];
        double[] wj = w[last];
        boolean softmax = belowActivation == Activation.SOFTMAX;
        boolean sigmoid = belowActivation == Activation.SIGMOID;
        for (int i = 0; i < inputs; i++) {
            double dLda = last == 0 ? wj[i] * d : Math.fma(wj[i], d, below[i]);
            below[i] = softmax ? dLda : sigmoid ? dLda * x[i] * belowComplement[i]
                    : ActivationKernels.backward(belowActivation, belowZ[i], x[i], dLda);
            wj[i] -= learningRate * (d * x[i]);
        }
        if (b != null) {
            b[last] -= learningRate * d;
        }
        if (softmax) {
            ActivationKernels.backward(belowActivation, belowZ, x, below, below, inputs);
        }
    }
}
