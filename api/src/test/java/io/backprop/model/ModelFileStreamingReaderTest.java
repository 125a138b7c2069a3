package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.ModelFileException;
import org.junit.jupiter.api.Test;

/**
 * What the streaming reader must say as the tree reader before it did: arrays of numbers are read
 * into arrays as they are parsed, and each message below is the one {@code readTree} led to.
 */
class ModelFileStreamingReaderTest {
    private static final String HEAD = "{\"format\": \"backprop-model/1\", \"inputs\": 2, \"loss\": \"mse\", ";
    private static final String LAYERS = "\"layers\": [{\"units\": 1, \"activation\": \"sigmoid\", \"weights\": [[1, 2]],"
            + " \"biases\": [0]}]";

    @Test
    void aTokenAfterTheObjectIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> ModelFile.parse("{} {}", "m.json"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("m.json:1:4: not valid JSON (Trailing token (of type START_OBJECT) found after value (bound"
                        + " as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                        + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`); expected a backprop-model/1 JSON object");
    }

    @Test
    void aNumberInAnArrayOfNamesIsQuotedAsWritten() {
        assertThatThrownBy(() -> ModelFile.parse(HEAD + LAYERS + ", \"classes\": [1, 2]}", "m.json"))
                .hasMessage("m.json: classes[0]: found 1; expected a class name, a non-empty string");
        assertThatThrownBy(() -> ModelFile.parse(HEAD + LAYERS + ", \"classes\": [\"a\", 2.50]}", "m.json"))
                .hasMessage("m.json: classes[1]: found 2.5; expected a class name, a non-empty string");
    }

    @Test
    void anArrayOfNumbersThenSomethingElseNamesTheElement() {
        assertThatThrownBy(() -> ModelFile.parse(HEAD + "\"layers\": [{\"units\": 1, \"activation\": \"sigmoid\","
                + " \"weights\": [[1.5, 7, \"x\"]], \"biases\": [0]}]}", "m.json"))
                .hasMessage("m.json: layers[0].weights[0]: found an array of 3; expected 2 numbers, one per input");
        assertThatThrownBy(() -> ModelFile.parse(HEAD + "\"layers\": [{\"units\": 1, \"activation\": \"sigmoid\","
                + " \"weights\": [[1.5, \"x\"]], \"biases\": [0]}]}", "m.json"))
                .hasMessage("m.json: layers[0].weights[0][1]: found \"x\"; expected a finite number");
        assertThatThrownBy(() -> ModelFile.parse(HEAD + "\"layers\": [{\"units\": 1, \"activation\": \"sigmoid\","
                + " \"weights\": [[1, 2]], \"biases\": [1e400]}]}", "m.json"))
                .hasMessage("m.json: layers[0].biases[0]: found a number beyond the range of a double; expected a"
                        + " finite number");
    }

    @Test
    void aFieldAfterTheWeightsIsStillCheckedFirst() {
        assertThatThrownBy(() -> ModelFile.parse(HEAD + "\"layers\": [{\"units\": 1, \"activation\": \"sigmoid\","
                + " \"weights\": [[1, 1e400]], \"biases\": [0]}], \"x\": 1}", "m.json"))
                .hasMessage("m.json: x: unknown field; expected only classes, format, inputs, layers, loss, standardize,"
                        + " training");
    }

    @Test
    void aNumberTooLongIsRefusedInsideAnArrayToo() {
        assertThatThrownBy(() -> ModelFile.parse("{\"format\": [1.5, 2, 1" + "1".repeat(1200) + "]}", "m.json"))
                .hasMessage("m.json: holds a number longer than 1000 characters; expected a backprop-model/1 model file");
    }
}
