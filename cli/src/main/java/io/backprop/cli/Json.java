package io.backprop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.model.ModelFile;
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
            node.set("weights", ModelFile.matrix(layer.weights()));
            if (layer.hasBiases()) {
                node.set("biases", ModelFile.vector(layer.biases()));
            }
        }
        return layers;
    }

    static String text(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }
}
