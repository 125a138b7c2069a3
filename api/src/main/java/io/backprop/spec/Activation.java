package io.backprop.spec;

import io.backprop.error.SpecException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The activation function a layer applies to each neuron's weighted sum {@code z}.
 *
 * <p>Backends compute these; the definitions here are the contract every backend meets.
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
