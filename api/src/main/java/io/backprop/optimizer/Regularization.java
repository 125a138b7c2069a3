package io.backprop.optimizer;

import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;

/**
 * L2 and weight decay, as Deeplearning4j 1.0.0-M2.1's {@code L2Regularization} and
 * {@code WeightDecay}: L2 is added to the gradient before the optimizer ({@code g ← g + λ₂·θ}),
 * weight decay to the optimizer's update after it ({@code u ← u + λ_wd·η·θ}, or {@code λ_wd·θ}
 * when it is not applied with the learning rate). Each applies to weights unless its bias
 * coefficient is given, which applies to biases.
 *
 * <p>{@link io.backprop.Network#loss} stays the data loss; the penalty these add to DL4J's
 * {@code score()}, {@link #penalty}, is reported beside it.
 *
 * @param l2 {@code λ₂} on weights
 * @param l2Bias {@code λ₂} on biases
 * @param weightDecay {@code λ_wd} on weights
 * @param weightDecayBias {@code λ_wd} on biases
 * @param weightDecayWithLearningRate whether weight decay is multiplied by the step's learning rate
 *     (DL4J's {@code applyLR}, true by default)
 */
public record Regularization(double l2, double l2Bias, double weightDecay, double weightDecayBias,
                             boolean weightDecayWithLearningRate) {
    /** No regularization, the default. */
    public static final Regularization NONE = new Regularization(0, 0, 0, 0, true);

    public Regularization {
        Ranges.notNegative("regularization", "l2", l2);
        Ranges.notNegative("regularization", "l2Bias", l2Bias);
        Ranges.notNegative("regularization", "weightDecay", weightDecay);
        Ranges.notNegative("regularization", "weightDecayBias", weightDecayBias);
    }

    /** L2 on weights only. */
    public static Regularization l2(double lambda) {
        return NONE.withL2(lambda);
    }

    /** Weight decay on weights only, applied with the learning rate. */
    public static Regularization weightDecay(double lambda) {
        return NONE.withWeightDecay(lambda);
    }

    public Regularization withL2(double lambda) {
        return new Regularization(lambda, l2Bias, weightDecay, weightDecayBias, weightDecayWithLearningRate);
    }

    public Regularization withL2Bias(double lambda) {
        return new Regularization(l2, lambda, weightDecay, weightDecayBias, weightDecayWithLearningRate);
    }

    public Regularization withWeightDecay(double lambda) {
        return new Regularization(l2, l2Bias, lambda, weightDecayBias, weightDecayWithLearningRate);
    }

    public Regularization withWeightDecayBias(double lambda) {
        return new Regularization(l2, l2Bias, weightDecay, lambda, weightDecayWithLearningRate);
    }

    /** Weight decay multiplied by the learning rate ({@code true}, DL4J's default) or not. */
    public Regularization withWeightDecayWithLearningRate(boolean withLearningRate) {
        return new Regularization(l2, l2Bias, weightDecay, weightDecayBias, withLearningRate);
    }

    /** The coefficients that are not 0, such as {@code l2 1.0E-4, weight decay 0.01 (without η)}. */
    @Override
    public String toString() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (l2 != 0) {
            parts.add("l2 " + l2);
        }
        if (l2Bias != 0) {
            parts.add("l2 on biases " + l2Bias);
        }
        if (weightDecay != 0) {
            parts.add("weight decay " + weightDecay);
        }
        if (weightDecayBias != 0) {
            parts.add("weight decay on biases " + weightDecayBias);
        }
        if (parts.isEmpty()) {
            return "no regularization";
        }
        return String.join(", ", parts) + (weightDecay != 0 || weightDecayBias != 0
                ? (weightDecayWithLearningRate ? " (times η)" : " (without η)") : "");
    }

    /** Whether it changes nothing. */
    public boolean isNone() {
        return l2 == 0 && l2Bias == 0 && weightDecay == 0 && weightDecayBias == 0;
    }

    /** {@code λ₂} of weights or of biases. */
    public double l2For(boolean biases) {
        return biases ? l2Bias : l2;
    }

    /** The coefficient of {@code θ} added to the update of weights or biases at a step of learning rate {@code η}. */
    public double decayFor(boolean biases, double learningRate) {
        double lambda = biases ? weightDecayBias : weightDecay;
        return weightDecayWithLearningRate ? lambda * learningRate : lambda;
    }

    /**
     * What DL4J's {@code score()} adds to the data loss: {@code ½·λ·‖θ‖²} for each regularizer on the
     * values it applies to, not divided by the batch size.
     */
    public double penalty(Parameters parameters) {
        if (isNone()) {
            return 0;
        }
        double weights = 0;
        double biases = 0;
        for (LayerParameters layer : parameters.layers()) {
            for (int j = 0; j < layer.units(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    weights += layer.weight(j, i) * layer.weight(j, i);
                }
                if (layer.hasBiases()) {
                    biases += layer.bias(j) * layer.bias(j);
                }
            }
        }
        return 0.5 * (l2 + weightDecay) * weights + 0.5 * (l2Bias + weightDecayBias) * biases;
    }
}
