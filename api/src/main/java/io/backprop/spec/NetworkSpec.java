package io.backprop.spec;

import io.backprop.error.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of a feedforward network: how many inputs it takes, its dense layers in order (the
 * last one is the output layer), and the loss it is trained on.
 *
 * <p>Build one with {@link #builder(int)}; an invalid spec fails when built:
 *
 * <pre>{@code
 * NetworkSpec article = NetworkSpec.builder(2)
 *     .layer(2, Activation.SIGMOID)
 *     .layer(1, Activation.SIGMOID)
 *     .loss(Loss.MSE)
 *     .build();
 * }</pre>
 */
public final class NetworkSpec {
    /**
     * The most weights and biases a network may hold: the longest array the JVM allocates, since
     * backends keep them in one array (this JVM refuses lengths within a few of
     * {@code Integer.MAX_VALUE}).
     */
    public static final int MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    private final int inputs;
    private final List<LayerSpec> layers;
    private final Loss loss;

    private NetworkSpec(int inputs, List<LayerSpec> layers, Loss loss) {
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
        this.loss = loss;
    }

    /** Starts a spec for a network taking {@code inputs} features per row. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** The number of features each row gives the first layer. */
    public int inputs() {
        return inputs;
    }

    /** The layers in feedforward order; the last is the output layer. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** The layer at {@code index}, 0 being the first hidden (or only) layer. */
    public LayerSpec layer(int index) {
        return layers.get(index);
    }

    /** The number of layers. */
    public int depth() {
        return layers.size();
    }

    /** The number of values each neuron of layer {@code index} receives. */
    public int inputsOf(int index) {
        return index == 0 ? inputs : layers.get(index - 1).units();
    }

    /** The number of outputs of the network: the units of its last layer. */
    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }

    /** The loss the network is trained on. */
    public Loss loss() {
        return loss;
    }

    /** The number of weights and biases in all layers; at most {@link #MAX_PARAMETERS}, as {@link Builder#build()} checks. */
    public int parameterCount() {
        return (int) parameterCount(inputs, layers);
    }

    /** The number of weights and biases, in {@code long} so that no size overflows before it is checked. */
    private static long parameterCount(int inputs, List<LayerSpec> layers) {
        long count = 0;
        long into = inputs;
        for (LayerSpec layer : layers) {
            count += layer.units() * into + (layer.bias() ? layer.units() : 0);
            into = layer.units();
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec other
                && inputs == other.inputs
                && layers.equals(other.layers)
                && loss == other.loss;
    }

    @Override
    public int hashCode() {
        return (inputs * 31 + layers.hashCode()) * 31 + loss.hashCode();
    }

    /** For example {@code "2 inputs → 2 sigmoid → 1 sigmoid, loss mse"}. */
    @Override
    public String toString() {
        return inputs + " inputs → "
                + layers.stream().map(LayerSpec::toString).collect(Collectors.joining(" → "))
                + ", loss " + loss.id();
    }

    /** Collects layers and a loss, and validates them all in {@link #build()}. */
    public static final class Builder {
        private final int inputs;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Loss loss;

        private Builder(int inputs) {
            this.inputs = inputs;
        }

        /** Appends a layer of {@code units} neurons, each with a bias. */
        public Builder layer(int units, Activation activation) {
            return layer(units, activation, true);
        }

        /** Appends a layer of {@code units} neurons, with or without biases. */
        public Builder layer(int units, Activation activation, boolean bias) {
            if (activation == null) {
                throw new SpecException("layers[" + layers.size() + "].activation: missing; expected one of "
                        + Activation.ids());
            }
            layers.add(new LayerSpec(units, activation, bias));
            return this;
        }

        /** Appends a layer. */
        public Builder layer(LayerSpec layer) {
            layers.add(layer);
            return this;
        }

        /** Sets the loss the network is trained on. */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Validates and returns the spec.
         *
         * @throws SpecException naming the first field that is wrong, what it holds and what is expected
         */
        public NetworkSpec build() {
            if (inputs < 1) {
                throw new SpecException("inputs: found " + inputs + "; expected at least 1");
            }
            if (layers.isEmpty()) {
                throw new SpecException("layers: found none; expected at least one layer");
            }
            for (int l = 0; l < layers.size(); l++) {
                LayerSpec layer = layers.get(l);
                if (layer.units() < 1) {
                    throw new SpecException("layers[" + l + "].units: found " + layer.units()
                            + "; expected at least 1");
                }
                if (layer.activation() == Activation.SOFTMAX && layer.units() < 2) {
                    throw new SpecException("layers[" + l + "].activation: softmax over 1 unit is always 1;"
                            + " expected at least 2 units, or sigmoid for a single output");
                }
            }
            checkSize();
            if (loss == null) {
                throw new SpecException("loss: missing; expected one of mse, sse, xent");
            }
            Activation output = layers.get(layers.size() - 1).activation();
            if (loss == Loss.XENT && output != Activation.SIGMOID && output != Activation.SOFTMAX) {
                throw new SpecException("loss: xent needs probabilities out of the network, but layers["
                        + (layers.size() - 1) + "].activation is " + output.id()
                        + "; expected a sigmoid or softmax output layer, or the loss mse or sse");
            }
            return new NetworkSpec(inputs, layers, loss);
        }

        /** Refuses a network whose weights and biases cannot be held, naming the layer that makes it so. */
        private void checkSize() {
            long total = 0;
            long into = inputs;
            for (int l = 0; l < layers.size(); l++) {
                LayerSpec layer = layers.get(l);
                long weights = layer.units() * into;
                total += weights + (layer.bias() ? layer.units() : 0);
                if (total > MAX_PARAMETERS) {
                    throw new SpecException(String.format(Locale.ROOT, "layers[%d]: %,d units × %,d inputs = %,d weights"
                            + " bring the network to %,d weights and biases; expected at most %,d in all", l,
                            layer.units(), into, weights, total, MAX_PARAMETERS));
                }
                into = layer.units();
            }
        }
    }
}
