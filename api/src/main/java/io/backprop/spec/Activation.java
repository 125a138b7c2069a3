package io.backprop.spec;

import io.backprop.error.SpecException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The activation function a layer applies to each neuron's weighted sum {@code z}.
 *
 * <p>Backends compute these; the definitions here are the contract every backend meets.
 *
 * <p><b>At saturation.</b> Where a sigmoid, tanh or softmax output {@code a} is near ±1, its distance
 * {@code 1 − a} is far smaller than {@code a}'s rounding: at {@code z = 30} a sigmoid's {@code 1 − a} is
 * {@code q = 1/(1 + e^30)} ≈ 9.4e-14, and {@code 1 − a} taken from the rounded {@code a} keeps 3 of its
 * digits. The slopes {@code a(1 − a)}, {@code 1 − a²} and the softmax's, and a squared-error loss's
 * {@code ŷ − y}, lose as many. The conformance kit (its {@code saturation.*} cases) demands 10
 * significant digits of such a loss and of its gradients, through an output layer and through a hidden
 * one: take {@code 1 − a} from {@code z} or from the layer's other outputs, as
 * {@link io.backprop.spi.SaturatedOutputs} does. The softmax is computed with the largest {@code z}
 * subtracted first, so that {@code z = (1000, 0)} gives {@code (1, 0)}, not NaN.
 */
public enum Activation {
    /** {@code f(z) = 1 / (1 + e^-z)}, with {@code f'(z) = f(z) (1 - f(z))}: the article's. */
    SIGMOID,
    /** {@code f(z) = tanh z}, with {@code f'(z) = 1 - f(z)^2}. */
    TANH,
    /** {@code f(z) = max(0, z)}, with {@code f'(z) = 1} for {@code z > 0} and {@code 0} otherwise. */
    RELU,
    /** {@code f(z) = z}. */
    IDENTITY,
    /**
     * {@code f(z)_j = e^(z_j) / sum_k e^(z_k)} over the layer's neurons; it needs at least two
     * units, since over one unit it is the constant 1.
     */
    SOFTMAX;

    /** The name used in model files and on the command line, such as {@code "sigmoid"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The activation with the given {@link #id()}.
     *
     * @param where names the field being read, for the error message
     * @throws SpecException naming the field, the value found and the accepted names
     */
    public static Activation fromId(String id, String where) {
        for (Activation a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new SpecException(where + ": unknown activation \"" + id + "\"; expected one of " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", "));
    }
}
