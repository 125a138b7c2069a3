package io.backprop.dl4j;

import io.backprop.spec.Activation;
import io.backprop.spi.SaturatedOutputs;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The API's cross-entropy as a DL4J loss function, for an output layer with a sigmoid or softmax
 * activation.
 *
 * <p>Why not DL4J's own: {@code LossBinaryXENT} clips probabilities to {@code [1e-5, 1 − 1e-5]}
 * (without clipping, an output of exactly 1 gives NaN), and {@code LossMCXENT} clips to
 * {@code 1e-10}; both change the loss of confident predictions, which the API defines exactly.
 * This loss works from the output layer's weighted sums {@code z}: for a sigmoid,
 * {@code ℓ = Σ [y softplus(−z) + (1 − y) softplus(z)]} and {@code ∂ℓ/∂z = σ(z) − y}; for a softmax,
 * {@code ℓ = −Σ y (z − m − ln(1 + s))} ({@code m} the largest {@code z}, {@code s} the sum of
 * {@code e^(z − m)} over the other outputs) and {@code ∂ℓ/∂z = softmax(z) Σy − y}, that difference
 * taken as {@link SaturatedOutputs#error} does where an output is near 1. DL4J's
 * {@code OutputLayer} still runs the forward pass, backprop and the update.
 *
 * <p>Why in plain Java: the arrays are one row per example by one column per output, tiny beside
 * the layers' matrix products, and each ND4J operation has a fixed cost however small its array.
 * Written as some twenty ND4J operations this loss made DL4J's MLP 784-256-10 training step at
 * batch 64 about 8% slower than with {@code LossMCXENT}; in Java it is a few percent faster (see
 * the README). {@link Math#log1p} is also exact where ND4J's {@code log1p} computes {@code ln(1 + x)}.
 */
public final class ExactCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] scores = rowScores(rows(labels), rows(preOutput), isSoftmax(activationFn));
        return Nd4j.create(scores, new long[] {scores.length, 1}, 'c');
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return score(rowScores(rows(labels), rows(preOutput), isSoftmax(activationFn)),
                average);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradient(rows(labels), rows(preOutput), isSoftmax(activationFn));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        double[][] y = rows(labels);
        double[][] z = rows(preOutput);
        boolean softmax = isSoftmax(activationFn);
        return new Pair<>(score(rowScores(y, z, softmax), average), gradient(y, z, softmax));
    }

    @Override
    public String name() {
        return "ExactCrossEntropy";
    }

    @Override
    public String toString() {
        return "ExactCrossEntropy()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactCrossEntropy;
    }

    @Override
    public int hashCode() {
        return ExactCrossEntropy.class.hashCode();
    }

    /**
     * The matrix's rows, read from one row-major copy: {@code toDoubleMatrix} makes an ND4J view per
     * row, which cost more than the rest of this loss together.
     */
    private static double[][] rows(INDArray matrix) {
        return RowMajor.rows(matrix);
    }

    private static boolean isSoftmax(IActivation activationFn) {
        return activationFn instanceof ActivationSoftmax;
    }

    private static double score(double[] rowScores, boolean average) {
        double sum = 0.0;
        for (double rowScore : rowScores) {
            sum += rowScore;
        }
        return average ? sum / rowScores.length : sum;
    }

    /** Each row's loss. */
    private static double[] rowScores(double[][] y, double[][] z, boolean softmax) {
        double[] scores = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            scores[r] = softmax ? softmaxScore(y[r], z[r]) : sigmoidScore(y[r], z[r]);
        }
        return scores;
    }

    /** {@code Σ y softplus(−z) + (1 − y) softplus(z)}. */
    private static double sigmoidScore(double[] y, double[] z) {
        double sum = 0.0;
        for (int j = 0; j < z.length; j++) {
            sum += y[j] * softplus(-z[j]) + (1.0 - y[j]) * softplus(z[j]);
        }
        return sum;
    }

    /** {@code −Σ y ln softmax(z)}, with the log-sum taken as {@code log1p} of the outputs other than the largest. */
    private static double softmaxScore(double[] y, double[] z) {
        double top = max(z);
        // Every output at the maximum counts 1 into the sum; one of them is the "1 +" outside log1p.
        double others = -1.0;
        for (double value : z) {
            double shifted = value - top;
            others += shifted == 0.0 ? 1.0 : Math.exp(shifted);
        }
        double logSum = Math.log1p(others);
        double sum = 0.0;
        for (int j = 0; j < z.length; j++) {
            sum += y[j] * ((z[j] - top) - logSum);
        }
        return -sum;
    }

    /** {@code ∂ℓ/∂z}: {@code softmax(z) Σy − y} or {@code σ(z) − y}, as an array in DL4J's current workspace. */
    private static INDArray gradient(double[][] y, double[][] z, boolean softmax) {
        int outputs = z.length == 0 ? 0 : z[0].length;
        double[] gradient = new double[z.length * outputs];
        double[] exponentials = new double[outputs];
        double[] probabilities = new double[outputs];
        for (int r = 0; r < z.length; r++) {
            int offset = r * outputs;
            if (softmax) {
                double top = max(z[r]);
                double sum = 0.0;
                double targets = 0.0;
                for (int j = 0; j < outputs; j++) {
                    exponentials[j] = Math.exp(z[r][j] - top);
                    sum += exponentials[j];
                    targets += y[r][j];
                }
                for (int j = 0; j < outputs; j++) {
                    probabilities[j] = exponentials[j] / sum;
                }
                for (int j = 0; j < outputs; j++) {
                    // With targets summing to 1 that is the error ŷ − y, kept accurate near 1.
                    gradient[offset + j] = targets == 1.0
                            ? SaturatedOutputs.error(Activation.SOFTMAX, z[r], probabilities, y[r], j, outputs)
                            : probabilities[j] * targets - y[r][j];
                }
            } else {
                for (int j = 0; j < outputs; j++) {
                    probabilities[j] = 1.0 / (1.0 + Math.exp(-z[r][j]));
                }
                for (int j = 0; j < outputs; j++) {
                    gradient[offset + j] = SaturatedOutputs.error(Activation.SIGMOID, z[r], probabilities, y[r], j,
                            outputs);
                }
            }
        }
        return Nd4j.create(gradient, new long[] {z.length, outputs}, 'c');
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    /** {@code ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|)}, which neither overflows nor loses small values. */
    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
