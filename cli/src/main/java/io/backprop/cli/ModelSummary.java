package io.backprop.cli;

import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.model.Model;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a model file holds, counted layer by layer, as Keras's {@code model.summary()} and DL4J's
 * {@code MultiLayerNetwork.summary()} count it: the numbers {@code summary} prints, and nothing
 * about how it prints them.
 *
 * @param spec the network's shape and loss
 * @param specOnly whether the file is a spec only, without weights and biases
 * @param layers one row per layer, in feedforward order
 * @param classes the model's class names, if it has them
 * @param standardization the model's feature scaling, if it has one
 */
record ModelSummary(NetworkSpec spec, boolean specOnly, List<LayerRow> layers, Optional<ClassLabels> classes,
                    Optional<Standardization> standardization) {
    /**
     * One layer: {@code weights} is {@code units × inputs}, {@code biases} is {@code units} with
     * biases and 0 without. Counts are {@code long}, as a sum of layers needs, though a network
     * holds at most {@link NetworkSpec#MAX_PARAMETERS}.
     *
     * @param index the layer's place in the model file's {@code "layers"}, 0 for the first
     */
    record LayerRow(int index, LayerSpec layer, int inputs) {
        long weights() {
            return (long) layer.units() * inputs;
        }

        long biases() {
            return layer.bias() ? layer.units() : 0;
        }

        long parameters() {
            return weights() + biases();
        }
    }

    static ModelSummary of(Model model) {
        NetworkSpec spec = model.spec();
        List<LayerRow> rows = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            rows.add(new LayerRow(l, spec.layer(l), spec.inputsOf(l)));
        }
        return new ModelSummary(spec, model.parameters().isEmpty(), List.copyOf(rows), model.classes(),
                model.standardization());
    }

    long weights() {
        return layers.stream().mapToLong(LayerRow::weights).sum();
    }

    long biases() {
        return layers.stream().mapToLong(LayerRow::biases).sum();
    }

    long parameters() {
        return weights() + biases();
    }
}
