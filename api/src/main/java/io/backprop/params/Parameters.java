package io.backprop.params;

import io.backprop.error.SpecException;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Every weight and bias of a network, layer by layer, as a backend-neutral immutable value.
 *
 * <p>Gradients have this shape too: the gradient of a weight sits where the weight sits.
 */
public final class Parameters {
    private final List<LayerParameters> layers;

    private Parameters(List<LayerParameters> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Parameters from their layers, first hidden layer first. */
    public static Parameters of(List<LayerParameters> layers) {
        if (layers.isEmpty()) {
            throw new SpecException("layers: found none; expected at least one layer");
        }
        return new Parameters(layers);
    }

    /** Parameters from their layers, first hidden layer first. */
    public static Parameters of(LayerParameters... layers) {
        return of(List.of(layers));
    }

    /** The layers in feedforward order. */
    public List<LayerParameters> layers() {
        return layers;
    }

    /** The layer at {@code index}. */
    public LayerParameters layer(int index) {
        return layers.get(index);
    }

    /** These parameters with layer {@code index} replaced. */
    public Parameters withLayer(int index, LayerParameters layer) {
        List<LayerParameters> copy = new ArrayList<>(layers);
        copy.set(index, layer);
        return new Parameters(copy);
    }

    /** Whether every weight and bias is finite (neither NaN nor infinite). */
    public boolean allFinite() {
        for (LayerParameters layer : layers) {
            if (!layer.allFinite()) {
                return false;
            }
        }
        return true;
    }

    /** The largest magnitude of any weight or bias. */
    public double largestMagnitude() {
        double largest = 0;
        for (LayerParameters layer : layers) {
            largest = Math.max(largest, layer.largestMagnitude());
        }
        return largest;
    }

    /**
     * Checks that these parameters have exactly the shape {@code spec} asks for.
     *
     * @throws SpecException naming the first layer whose weights or biases have the wrong shape
     */
    public Parameters checkFits(NetworkSpec spec) {
        if (layers.size() != spec.depth()) {
            throw new SpecException("layers: found parameters for " + layers.size() + " layers; expected "
                    + spec.depth());
        }
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec expected = spec.layer(l);
            LayerParameters found = layers.get(l);
            if (found.units() != expected.units() || found.inputs() != spec.inputsOf(l)) {
                throw new SpecException("layers[" + l + "].weights: found " + found.units() + " × " + found.inputs()
                        + "; expected " + expected.units() + " × " + spec.inputsOf(l) + " (units × inputs)");
            }
            if (found.hasBiases() != expected.bias()) {
                throw new SpecException("layers[" + l + "].biases: " + (expected.bias()
                        ? "missing; expected " + expected.units() + " values, since the layer has \"bias\": true"
                        : "present; expected none, since the layer has \"bias\": false"));
            }
        }
        return this;
    }

    /** Equal when every layer is equal, value for value, bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters other && layers.equals(other.layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    @Override
    public String toString() {
        return layers.toString();
    }
}
