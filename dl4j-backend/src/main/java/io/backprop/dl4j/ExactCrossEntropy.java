package io.backprop.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The API's cross-entropy as a DL4J loss function, for an output layer with a sigmoid or softmax
 * activation, written with ND4J operations.
 *
 * <p>Why not DL4J's own: {@code LossBinaryXENT} clips probabilities to {@code [1e-5, 1 − 1e-5]}
 * (without clipping, an output of exactly 1 gives NaN), and {@code LossMCXENT} clips to
 * {@code 1e-10}; both change the loss of confident predictions, which the API defines exactly.
 * This loss works from the output layer's weighted sums {@code z}: for a sigmoid,
 * {@code ℓ = Σ [y softplus(−z) + (1 − y) softplus(z)]} and {@code ∂ℓ/∂z = σ(z) − y}; for a softmax,
 * {@code ℓ = −Σ y (z − m − ln(1 + s))} ({@code m} the largest {@code z}, {@code s} the sum of
 * {@code e^(z − m)} over the other outputs) and {@code ∂ℓ/∂z = softmax(z) Σy − y}. DL4J's
 * {@code OutputLayer} still runs the forward pass, backprop and the update.
 */
public final class ExactCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray perOutput = activationFn instanceof ActivationSoftmax
                ? softmaxScores(labels, preOutput)
                : sigmoidScores(labels, preOutput);
        return perOutput.sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        if (activationFn instanceof ActivationSoftmax) {
            return output.mulColumnVector(labels.sum(true, 1)).subi(labels);
        }
        return output.subi(labels);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
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

    /** {@code y softplus(−z) + (1 − y) softplus(z)} per output. */
    private static INDArray sigmoidScores(INDArray labels, INDArray z) {
        INDArray positive = softplus(z.neg()).muli(labels);
        INDArray negative = softplus(z).muli(labels.rsub(1.0));
        return positive.addi(negative);
    }

    /** {@code −y ln softmax(z)} per output, with the log-sum taken as {@code log1p} of the other outputs. */
    private static INDArray softmaxScores(INDArray labels, INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray exponentials = Transforms.exp(shifted, true);
        INDArray isTop = shifted.eq(0.0).castTo(DataType.DOUBLE);
        // Every output at the maximum counts 1 into the sum; one of them is the "1 +" outside log1p.
        INDArray others = exponentials.mul(isTop.rsub(1.0)).sum(true, 1).addi(isTop.sum(true, 1).subi(1.0));
        INDArray logSoftmax = shifted.subColumnVector(log1p(others));
        return logSoftmax.muli(labels).negi();
    }

    /** {@code ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|)}, which neither overflows nor loses small values. */
    private static INDArray softplus(INDArray x) {
        INDArray tail = log1p(Transforms.exp(Transforms.abs(x, true).negi(), false));
        return Transforms.relu(x, true).addi(tail);
    }

    /**
     * {@code ln(1 + x)} to a few units in the last place for small {@code x}, which ND4J's own
     * {@code log1p} (computed as {@code ln(1 + x)}) is not: with {@code u = 1 + x} rounded,
     * {@code ln(1 + x) = ln(u) · x / (u − 1)}, and {@code x} itself where {@code u} rounds to 1.
     */
    private static INDArray log1p(INDArray x) {
        INDArray u = x.add(1.0);
        INDArray result = Transforms.log(u, true).muli(x).divi(u.subi(1.0));
        BooleanIndexing.replaceWhere(result, x, Conditions.isNan());
        return result;
    }
}
