package io.backprop.dl4j;

import io.backprop.spec.Activation;
import io.backprop.spi.SaturatedOutputs;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The API's squared error as a DL4J loss function: per row {@code Σ (ŷ − y)²}, divided by the number
 * of outputs for mse ({@code LossMSE}'s definition) or not for sse ({@code LossL2}'s), with
 * {@code ∂ℓ/∂z} through the output activation.
 *
 * <p>Why not DL4J's own: at an output near 1 (a confident sigmoid or softmax, a tanh near ±1) both
 * {@code ŷ − y} and the activation's slope are differences of nearly equal numbers, and
 * {@code LossMSE} with DL4J's activations loses their digits: on a saturated softmax its gradients
 * were 2e-10 off the exact ones (relative to the layer's largest), beyond the API's 1e-10. This loss
 * computes them from the output layer's weighted sums {@code z} as {@link SaturatedOutputs} does.
 * DL4J's {@code OutputLayer} still runs the forward pass, backprop and the update; like
 * {@link ExactCrossEntropy} it works in plain Java on the small {@code [rows, outputs]} arrays.
 */
public final class ExactSquaredError implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final boolean meanOverOutputs;

    /** @param meanOverOutputs divide each row's sum by the number of outputs: mse ({@code true}) or sse */
    public ExactSquaredError(boolean meanOverOutputs) {
        this.meanOverOutputs = meanOverOutputs;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] scores = rowScores(RowMajor.rows(labels), RowMajor.rows(preOutput), activation(activationFn));
        return Nd4j.create(scores, new long[] {scores.length, 1}, 'c');
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return score(rowScores(RowMajor.rows(labels), RowMajor.rows(preOutput), activation(activationFn)), average);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradient(RowMajor.rows(labels), RowMajor.rows(preOutput), activation(activationFn));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        double[][] y = RowMajor.rows(labels);
        double[][] z = RowMajor.rows(preOutput);
        Activation f = activation(activationFn);
        return new Pair<>(score(rowScores(y, z, f), average), gradient(y, z, f));
    }

    @Override
    public String name() {
        return meanOverOutputs ? "ExactSquaredError(mse)" : "ExactSquaredError(sse)";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactSquaredError other && other.meanOverOutputs == meanOverOutputs;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(meanOverOutputs);
    }

    /** Whether each row's sum is divided by the number of outputs (mse), or not (sse). */
    public boolean meanOverOutputs() {
        return meanOverOutputs;
    }

    private static Activation activation(IActivation activationFn) {
        Activation activation = Dl4jModels.apiActivation(activationFn);
        if (activation == null) {
            throw new IllegalArgumentException("ExactSquaredError: output activation " + activationFn
                    + "; expected sigmoid, softmax, tanh, relu or identity");
        }
        return activation;
    }

    private static double score(double[] rowScores, boolean average) {
        double sum = 0.0;
        for (double rowScore : rowScores) {
            sum += rowScore;
        }
        return average ? sum / rowScores.length : sum;
    }

    private double[] rowScores(double[][] y, double[][] z, Activation f) {
        double[] scores = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            int k = z[r].length;
            double[] a = outputs(f, z[r]);
            double sum = 0.0;
            for (int j = 0; j < k; j++) {
                double e = SaturatedOutputs.error(f, z[r], a, y[r], j, k);
                sum += e * e;
            }
            scores[r] = meanOverOutputs ? sum / k : sum;
        }
        return scores;
    }

    /** {@code ∂ℓ/∂z} of every row, as an array in DL4J's current workspace. */
    private INDArray gradient(double[][] y, double[][] z, Activation f) {
        int outputs = z.length == 0 ? 0 : z[0].length;
        double[] gradient = new double[z.length * outputs];
        double[] dLda = new double[outputs];
        for (int r = 0; r < z.length; r++) {
            double[] a = outputs(f, z[r]);
            for (int j = 0; j < outputs; j++) {
                double e = SaturatedOutputs.error(f, z[r], a, y[r], j, outputs);
                dLda[j] = meanOverOutputs ? 2 * e / outputs : 2 * e;
            }
            int offset = r * outputs;
            if (f == Activation.SOFTMAX) {
                double[] dLdz = new double[outputs];
                SaturatedOutputs.softmaxBackward(a, dLda, dLdz, outputs);
                System.arraycopy(dLdz, 0, gradient, offset, outputs);
            } else {
                for (int j = 0; j < outputs; j++) {
                    gradient[offset + j] = switch (f) {
                        case SIGMOID -> dLda[j] * a[j] * SaturatedOutputs.sigmoidComplement(z[r][j], a[j]);
                        case TANH -> dLda[j] * SaturatedOutputs.tanhSlope(z[r][j], a[j]);
                        case RELU -> z[r][j] > 0 ? dLda[j] : 0.0;
                        default -> dLda[j];
                    };
                }
            }
        }
        return Nd4j.create(gradient, new long[] {z.length, outputs}, 'c');
    }

    private static double[] outputs(Activation f, double[] z) {
        double[] a = new double[z.length];
        JavaActivations.activate(f, z, a);
        return a;
    }
}
