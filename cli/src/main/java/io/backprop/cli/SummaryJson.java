package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link ModelSummary} as {@code summary --json} prints it. Every key is always there, in the same
 * order ({@code "classes"} and {@code "standardize"} are null when the model has none), so that a
 * reader never has to ask whether a key exists.
 */
final class SummaryJson {
    private SummaryJson() {
    }

    static ObjectNode of(ModelSummary summary) {
        ObjectNode json = Json.object();
        json.put("network", summary.spec().toString());
        json.put("specOnly", summary.specOnly());
        json.put("inputs", summary.spec().inputs());
        json.put("outputs", summary.spec().outputs());
        ArrayNode layers = json.putArray("layers");
        for (ModelSummary.LayerRow row : summary.layers()) {
            layers.addObject()
                    .put("index", row.index())
                    .put("units", row.layer().units())
                    .put("inputs", row.inputs())
                    .put("activation", row.layer().activation().id())
                    .put("bias", row.layer().bias())
                    .put("weights", row.weights())
                    .put("biases", row.biases())
                    .put("parameters", row.parameters());
        }
        json.putObject("totals")
                .put("weights", summary.weights())
                .put("biases", summary.biases())
                .put("parameters", summary.parameters());
        json.put("loss", summary.spec().loss().id());
        summary.classes().ifPresentOrElse(c -> {
            ArrayNode names = json.putArray("classes");
            c.names().forEach(names::add);
        }, () -> json.putNull("classes"));
        summary.standardization().ifPresentOrElse(s -> {
            ObjectNode scaling = json.putObject("standardize");
            scaling.set("mean", Json.vector(s.mean()));
            scaling.set("std", Json.vector(s.std()));
        }, () -> json.putNull("standardize"));
        return json;
    }
}
