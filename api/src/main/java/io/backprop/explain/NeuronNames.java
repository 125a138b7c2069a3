package io.backprop.explain;

import io.backprop.spec.NetworkSpec;

/**
 * The article's names for every value of a network, extended to any shape.
 *
 * <p>Inputs are {@code x1, x2, …}; with one hidden layer its neurons are {@code h1, h2, …}; with
 * several, {@code hL_j} is neuron {@code j} of hidden layer {@code L} ({@code h2_1}); the output
 * neurons are {@code o1, o2, …} and their values {@code ŷ} (or {@code ŷ1, ŷ2, …} for several outputs).
 * Weights {@code w1, w2, …} are numbered layer by layer, neuron by neuron, input by input, so the
 * article's {@code w1} is x1→h1 and {@code w6} is h2→o1; biases {@code b1, b2, …} in the same order.
 */
public final class NeuronNames {
    private final NetworkSpec spec;
    private final int[] firstWeight;
    private final int[] firstBias;

    /** The names for a network of shape {@code spec}. */
    public NeuronNames(NetworkSpec spec) {
        this.spec = spec;
        firstWeight = new int[spec.depth()];
        firstBias = new int[spec.depth()];
        int weights = 0;
        int biases = 0;
        for (int l = 0; l < spec.depth(); l++) {
            firstWeight[l] = weights;
            firstBias[l] = biases;
            weights += spec.layer(l).units() * spec.inputsOf(l);
            biases += spec.layer(l).bias() ? spec.layer(l).units() : 0;
        }
    }

    /** {@code x1} for input 0. */
    public String input(int i) {
        return "x" + (i + 1);
    }

    /** {@code h1}, {@code h2_1} or {@code o1}: the name of neuron {@code j} of layer {@code l}. */
    public String neuron(int l, int j) {
        if (isOutput(l)) {
            return "o" + (j + 1);
        }
        return spec.depth() == 2 ? "h" + (j + 1) : "h" + (l + 1) + "_" + (j + 1);
    }

    /** The symbol of the neuron's output: its name, or {@code ŷ} ({@code ŷ1, ŷ2, …}) for an output neuron. */
    public String value(int l, int j) {
        if (isOutput(l)) {
            return spec.outputs() == 1 ? "ŷ" : "ŷ" + (j + 1);
        }
        return neuron(l, j);
    }

    /** The symbol of the {@code i}-th value layer {@code l} receives: an input or a neuron of the layer before. */
    public String into(int l, int i) {
        return l == 0 ? input(i) : value(l - 1, i);
    }

    /** {@code z_h1}: the neuron's weighted sum. */
    public String weightedSum(int l, int j) {
        return "z_" + neuron(l, j);
    }

    /** The weight from input {@code i} into neuron {@code j} of layer {@code l}, such as {@code w5}. */
    public String weight(int l, int j, int i) {
        return "w" + (firstWeight[l] + j * spec.inputsOf(l) + i + 1);
    }

    /** The bias of neuron {@code j} of layer {@code l}, such as {@code b3}. */
    public String bias(int l, int j) {
        return "b" + (firstBias[l] + j + 1);
    }

    /** {@code y}, or {@code y1, y2, …} for several outputs. */
    public String target(int k) {
        return spec.outputs() == 1 ? "y" : "y" + (k + 1);
    }

    /** {@code hidden layer}, {@code hidden layer 2} or {@code output layer}. */
    public String layer(int l) {
        if (isOutput(l)) {
            return "output layer";
        }
        return spec.depth() == 2 ? "hidden layer" : "hidden layer " + (l + 1);
    }

    private boolean isOutput(int l) {
        return l == spec.depth() - 1;
    }
}
