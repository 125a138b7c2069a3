package io.backprop.teaching;

import io.backprop.params.LayerParameters;

import io.backprop.params.Parameters;

import io.backprop.error.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The article's names for the nine parameters of its 2-2-1 network: {@code w1, w2} into h1,
 * {@code w3, w4} into h2, {@code w5, w6} into o1, and the biases {@code b1, b2, b3} of h1, h2, o1.
 *
 * <p>They read and write the same values as {@link LayerParameters#weight(int, int)}: {@code w1}
 * is layer 0's {@code weight(0, 0)}, {@code w6} is layer 1's {@code weight(0, 1)}.
 */
public final class ArticleNames {
    /** The names in the article's order. */
    public static final List<String> NAMES = List.of("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3");

    private ArticleNames() {
    }

    /** The value of the parameter the article calls {@code name}. */
    public static double get(Parameters parameters, String name) {
        Slot slot = slot(name, parameters);
        LayerParameters layer = parameters.layer(slot.layer);
        return slot.isBias ? layer.bias(slot.neuron) : layer.weight(slot.neuron, slot.input);
    }

    /** {@code parameters} with the parameter the article calls {@code name} set to {@code value}. */
    public static Parameters with(Parameters parameters, String name, double value) {
        Slot slot = slot(name, parameters);
        LayerParameters layer = parameters.layer(slot.layer);
        return parameters.withLayer(slot.layer, slot.isBias
                ? layer.withBias(slot.neuron, value)
                : layer.withWeight(slot.neuron, slot.input, value));
    }

    /** All nine values by name, in the article's order. */
    public static Map<String, Double> toMap(Parameters parameters) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            values.put(name, get(parameters, name));
        }
        return values;
    }

    /** The 2-2-1 parameters with the given nine values. */
    public static Parameters of(double w1, double w2, double w3, double w4, double w5, double w6,
                                double b1, double b2, double b3) {
        return Parameters.of(
                LayerParameters.of(new double[][] {{w1, w2}, {w3, w4}}, new double[] {b1, b2}),
                LayerParameters.of(new double[][] {{w5, w6}}, new double[] {b3}));
    }

    /** Whether {@code parameters} have the article's 2-2-1 shape with biases, so the names apply. */
    public static boolean apply(Parameters parameters) {
        return parameters.layers().size() == 2
                && shape(parameters.layer(0), 2, 2)
                && shape(parameters.layer(1), 1, 2);
    }

    private static boolean shape(LayerParameters layer, int units, int inputs) {
        return layer.units() == units && layer.inputs() == inputs && layer.hasBiases();
    }

    private record Slot(int layer, int neuron, int input, boolean isBias) {
    }

    private static Slot slot(String name, Parameters parameters) {
        if (!apply(parameters)) {
            throw new SpecException("the article's names w1…w6, b1…b3 apply only to a 2-2-1 network with biases;"
                    + " found " + parameters.layers().stream()
                            .map(l -> l.units() + " × " + l.inputs() + (l.hasBiases() ? "" : " without biases"))
                            .collect(Collectors.joining(", "))
                    + " (units × inputs)");
        }
        return switch (name) {
            case "w1" -> new Slot(0, 0, 0, false);
            case "w2" -> new Slot(0, 0, 1, false);
            case "w3" -> new Slot(0, 1, 0, false);
            case "w4" -> new Slot(0, 1, 1, false);
            case "w5" -> new Slot(1, 0, 0, false);
            case "w6" -> new Slot(1, 0, 1, false);
            case "b1" -> new Slot(0, 0, -1, true);
            case "b2" -> new Slot(0, 1, -1, true);
            case "b3" -> new Slot(1, 0, -1, true);
            default -> throw new SpecException("unknown parameter name \"" + name + "\"; expected one of " + NAMES);
        };
    }
}
