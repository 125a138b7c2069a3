package io.backprop.teaching;

import io.backprop.params.LayerParameters;

import io.backprop.params.Parameters;

import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The article's names carried over to any feedforward network, so that explanations, pictures and
 * reports say {@code w5} and {@code h1} rather than "layer 1, weight(0, 0)".
 *
 * <p>Inputs are {@code x1, x2, …}. With one hidden layer its neurons are {@code h1, h2, …}; with
 * several, {@code hL_j} is neuron {@code j} of hidden layer {@code L} ({@code h2_1}). The output
 * layer's neurons are {@code o1, o2, …} and their values {@code ŷ} ({@code ŷ1, ŷ2, …} for several
 * outputs). Weights are {@code w1, w2, …}, counted layer by layer, neuron by neuron, input by input
 * (so {@code w1} is x1→h1, {@code w2} x2→h1, {@code w3} x1→h2); biases are {@code b1, b2, …},
 * counted the same way over the layers that have biases. For the article's 2-2-1 network these are
 * exactly the article's names, w1…w6 and b1…b3.
 */
public final class ParameterNames {
    private final NetworkSpec spec;

    private ParameterNames(NetworkSpec spec) {
        this.spec = spec;
    }

    /** The names of the inputs, neurons and parameters of networks of {@code spec}. */
    public static ParameterNames of(NetworkSpec spec) {
        return new ParameterNames(spec);
    }

    /** Input {@code i} (from 0): {@code x1, x2, …}. */
    public String input(int i) {
        return "x" + (i + 1);
    }

    /** Neuron {@code j} (from 0) of layer {@code layer}: {@code h1}, {@code h2_1} or {@code o1}. */
    public String neuron(int layer, int j) {
        if (isOutput(layer)) {
            return "o" + (j + 1);
        }
        return spec.depth() == 2 ? "h" + (j + 1) : "h" + (layer + 1) + "_" + (j + 1);
    }

    /** The symbol of the neuron's output: its name, or {@code ŷ} ({@code ŷ1, ŷ2, …}) for an output neuron. */
    public String value(int layer, int j) {
        if (isOutput(layer)) {
            return spec.outputs() == 1 ? "ŷ" : "ŷ" + (j + 1);
        }
        return neuron(layer, j);
    }

    /** {@code z_h1}: the neuron's weighted sum. */
    public String weightedSum(int layer, int j) {
        return "z_" + neuron(layer, j);
    }

    /** Target {@code k}: {@code y}, or {@code y1, y2, …} for several outputs. */
    public String target(int k) {
        return spec.outputs() == 1 ? "y" : "y" + (k + 1);
    }

    /** {@code hidden layer}, {@code hidden layer 2} or {@code output layer}. */
    public String layer(int layer) {
        if (isOutput(layer)) {
            return "output layer";
        }
        return spec.depth() == 2 ? "hidden layer" : "hidden layer " + (layer + 1);
    }

    private boolean isOutput(int layer) {
        return layer == spec.depth() - 1;
    }

    /** The name of what feeds input {@code i} of layer {@code layer}: an input, or a neuron of the layer before. */
    public String source(int layer, int i) {
        return layer == 0 ? input(i) : value(layer - 1, i);
    }

    /** The weight from input {@code i} into neuron {@code j} of layer {@code layer}. */
    public String weight(int layer, int j, int i) {
        int before = 0;
        for (int l = 0; l < layer; l++) {
            before += spec.layer(l).units() * spec.inputsOf(l);
        }
        return "w" + (before + j * spec.inputsOf(layer) + i + 1);
    }

    /** The bias of neuron {@code j} of layer {@code layer}, which must have biases. */
    public String bias(int layer, int j) {
        if (!spec.layer(layer).bias()) {
            throw new IllegalArgumentException("layer " + layer + " has no biases");
        }
        int before = 0;
        for (int l = 0; l < layer; l++) {
            before += spec.layer(l).bias() ? spec.layer(l).units() : 0;
        }
        return "b" + (before + j + 1);
    }

    /** Every parameter's name, the weights first ({@code w1, w2, …}), then the biases ({@code b1, …}). */
    public List<String> all() {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            for (int j = 0; j < spec.layer(l).units(); j++) {
                for (int i = 0; i < spec.inputsOf(l); i++) {
                    names.add(weight(l, j, i));
                }
            }
        }
        for (int l = 0; l < spec.depth(); l++) {
            for (int j = 0; spec.layer(l).bias() && j < spec.layer(l).units(); j++) {
                names.add(bias(l, j));
            }
        }
        return names;
    }

    /** Every parameter's value in the order of {@link #all()}. */
    public static double[] values(Parameters parameters) {
        List<Double> values = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            for (int j = 0; j < layer.units(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    values.add(layer.weight(j, i));
                }
            }
        }
        for (LayerParameters layer : parameters.layers()) {
            for (int j = 0; layer.hasBiases() && j < layer.units(); j++) {
                values.add(layer.bias(j));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
