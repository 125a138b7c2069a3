package io.backprop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;

/** The JSON the commands print with {@code --json}. */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Layers in the model file's shape: {@code weights} and, for a layer with biases, {@code biases}. */
    static ArrayNode layers(Parameters parameters) {
        ArrayNode layers = array();
        for (LayerParameters layer : parameters.layers()) {
            ObjectNode node = layers.addObject();
            node.set("weights", matrix(layer.weights()));
            if (layer.hasBiases()) {
                node.set("biases", vector(layer.biases()));
            }
        }
        return layers;
    }

    /** A JSON array of numbers, each written so that it reads back as the same double. */
    static ArrayNode vector(double[] values) {
        ArrayNode array = array();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    /** A JSON array of rows of numbers. */
    static ArrayNode matrix(double[][] rows) {
        ArrayNode array = array();
        for (double[] row : rows) {
            array.add(vector(row));
        }
        return array;
    }

    /** A JSON string, quoted and escaped as the commands' documents write it. */
    static JsonNode string(String value) {
        return MAPPER.getNodeFactory().textNode(value);
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }
}
