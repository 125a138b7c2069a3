package io.backprop.spec;

import java.util.Objects;

/**
 * One dense layer: its number of neurons, their activation, and whether each neuron has a bias.
 *
 * <p>Its constructor checks nothing beyond nulls; {@link NetworkSpec.Builder#build()} validates
 * the whole network and says which layer is wrong.
 *
 * @param units the number of neurons
 * @param activation applied to each neuron's weighted sum
 * @param bias whether each neuron adds a bias to its weighted sum
 */
public record LayerSpec(int units, Activation activation, boolean bias) {
    public LayerSpec {
        Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String toString() {
        return units + " " + activation.id() + (bias ? "" : " (no bias)");
    }
}
