package io.backprop.spec;

import io.backprop.error.SpecException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The loss a network minimises, over a batch of {@code n} rows with {@code k} outputs, where
 * {@code ŷ} is the network's output and {@code y} the target.
 *
 * <p>Gradients are exactly {@code ∂L/∂θ} of these definitions, and SGD steps by {@code η·∂L/∂θ}.
 *
 * <p>Which output activations each loss takes: {@link #MSE} and {@link #SSE} any; {@link #XENT} a
 * sigmoid or a softmax only. Near saturation a squared-error loss and its gradients must keep 10
 * significant digits (see {@link Activation}), and a cross-entropy must stay finite (see {@link #XENT}).
 */
public enum Loss {
    /**
     * Mean squared error, {@code L = (1/n) Σ_rows (1/k) Σ_outputs (y − ŷ)²}: the article's; for one
     * output it is the plain mean of the squared errors. Any output activation.
     */
    MSE,
    /** Summed squared error, {@code L = Σ_rows Σ_outputs (y − ŷ)²}, with no averaging. Any output activation. */
    SSE,
    /**
     * Cross-entropy, {@code L = (1/n) Σ_rows ℓ}: after a softmax output {@code ℓ = −Σ y ln ŷ};
     * after a sigmoid output {@code ℓ = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]}. It needs probabilities, so
     * a spec accepts it only after a sigmoid or softmax output layer and refuses it after any other.
     *
     * <p>Where {@code ŷ} rounds to 0 or 1, {@code ln ŷ} or {@code ln(1 − ŷ)} of the rounded value is
     * infinite or keeps few digits, while {@code ℓ} is finite: the conformance kit demands it finite
     * and to full precision there (a sigmoid at {@code z = 800} with {@code y = 0} has {@code ℓ = 800};
     * a softmax over {@code z = (30, 0)} with {@code y = (1, 0)} has {@code ℓ = ln(1 + e^−30)} ≈ 9.4e-14,
     * to 12 digits). Take it from the weighted sums {@code z}, as
     * {@link io.backprop.spi.SaturatedOutputs#crossEntropy} does (the softplus form after a sigmoid,
     * log-sum-exp after a softmax).
     */
    XENT;

    /** The name used in model files and on the command line, such as {@code "mse"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the loss of a batch is averaged over its rows (so its gradient is too). */
    public boolean averagesRows() {
        return this != SSE;
    }

    /**
     * The loss with the given {@link #id()}.
     *
     * @param where names the field being read, for the error message
     * @throws SpecException naming the field, the value found and the accepted names
     */
    public static Loss fromId(String id, String where) {
        for (Loss l : values()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        String ids = Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(", "));
        throw new SpecException(where + ": unknown loss \"" + id + "\"; expected one of " + ids);
    }
}
