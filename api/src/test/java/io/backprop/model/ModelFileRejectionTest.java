package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad model file is refused with a {@link ModelFileException} that says where, what and what instead. */
class ModelFileRejectionTest {
    /** A valid 2-2-1 file; tests replace one part of it. */
    private static final String ARTICLE = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [
               {"units": 2, "activation": "sigmoid", "bias": true, "weights": [[1, 2], [3, 4]], "biases": [7, 8]},
               {"units": 1, "activation": "sigmoid", "bias": true, "weights": [[5, 6]], "biases": [9]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void theArticleFileItselfIsAccepted() throws IOException {
        assertThat(ModelFile.read(file(ARTICLE)).parameters()).isPresent();
    }

    @Test
    void truncatedJsonNamesTheLineAndColumnWhereItEnds() throws IOException {
        // Line 2 is 13 characters long, so the input ends at line 2, column 14.
        Path file = file("{\"format\": \"backprop-model/1\",\n \"inputs\": 2,");

        refused(file).hasMessageStartingWith(file + ":2:14: ")
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("end-of-input")
                .hasMessageContaining("expected a backprop-model/1 JSON object");
    }

    @Test
    void textThatIsNotJsonNamesTheFirstLine() throws IOException {
        Path file = file("hello world");

        refused(file).hasMessageMatching(java.util.regex.Pattern.quote(file.toString()) + ":1:\\d+: not valid JSON .*")
                .hasMessageContaining("'hello'")
                .hasMessageContaining("expected a backprop-model/1 JSON object");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = file("");

        refused(file).hasMessage(file + ": empty; expected a backprop-model/1 JSON object");
    }

    @Test
    void aFileOfBlanksIsRefusedAsEmpty() throws IOException {
        Path file = file(" \n\t\n");

        refused(file).hasMessage(file + ": empty; expected a backprop-model/1 JSON object");
    }

    @Test
    void aJsonArrayIsRefused() throws IOException {
        Path file = file("[" + ARTICLE + "]");

        refused(file).hasMessage(file + ": found an array of 1; expected a JSON object");
    }

    @Test
    void twoObjectsInOneFileAreRefused() throws IOException {
        Path file = file(ARTICLE + ARTICLE);

        refused(file).hasMessageStartingWith(file + ":").hasMessageContaining("not valid JSON");
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("backprop-model/1", "backprop-model/2"));

        refused(file).hasMessageStartingWith(file + ": format: ")
                .hasMessageContaining("found \"backprop-model/2\"")
                .hasMessageContaining("expected \"backprop-model/1\"");
    }

    @Test
    void aMissingFormatIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("\"format\": \"backprop-model/1\", ", ""));

        refused(file).hasMessage(file + ": format: missing; expected \"backprop-model/1\"");
    }

    @Test
    void aWeightMatrixWithTooFewRowsIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("[[1, 2], [3, 4]]", "[[1, 2]]"));

        refused(file).hasMessageStartingWith(file + ": layers[0].weights: ")
                .hasMessageContaining("found an array of 1")
                .hasMessageContaining("expected 2 rows (one per unit) of 2 numbers (one per input)");
    }

    @Test
    void aWeightRowOfTheWrongLengthIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("[[5, 6]]", "[[5, 6, 7]]"));

        refused(file).hasMessage(file + ": layers[1].weights[0]: found an array of 3; expected 2 numbers, one per input");
    }

    @Test
    void anUnknownActivationIsRefusedListingTheKnownOnes() throws IOException {
        Path file = file(ARTICLE.replaceFirst("\"sigmoid\"", "\"swish\""));

        refused(file).hasMessageStartingWith(file + ": layers[0].activation: ")
                .hasMessageContaining("\"swish\"")
                .hasMessageContaining("sigmoid, tanh, relu, identity, softmax");
    }

    @Test
    void anUnknownLossIsRefusedListingTheKnownOnes() throws IOException {
        Path file = file(ARTICLE.replace("\"mse\"", "\"hinge\""));

        refused(file).hasMessageStartingWith(file + ": loss: ")
                .hasMessageContaining("\"hinge\"")
                .hasMessageContaining("mse, sse, xent");
    }

    @Test
    void zeroUnitsAreRefused() throws IOException {
        Path file = file("""
                {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
                 "layers": [{"units": 0, "activation": "sigmoid"}]}
                """);

        refused(file).hasMessage(file + ": layers[0].units: found 0; expected a whole number, at least 1");
    }

    @Test
    void zeroInputsAreRefused() throws IOException {
        Path file = file(ARTICLE.replace("\"inputs\": 2", "\"inputs\": 0"));

        refused(file).hasMessage(file + ": inputs: found 0; expected a whole number, at least 1");
    }

    @Test
    void aMissingBiasVectorIsRefusedWhenBiasIsTrue() throws IOException {
        Path file = file(ARTICLE.replace(", \"biases\": [9]", ""));

        refused(file).hasMessageStartingWith(file + ": layers[1].biases: missing")
                .hasMessageContaining("expected 1 numbers")
                .hasMessageContaining("\"bias\": true");
    }

    @Test
    void biasesAreRefusedWhenBiasIsFalse() throws IOException {
        Path file = file(ARTICLE.replace("\"bias\": true, \"weights\": [[5, 6]]", "\"bias\": false, \"weights\": [[5, 6]]"));

        refused(file).hasMessage(file + ": layers[1].biases: present; expected none, since the layer has \"bias\": false");
    }

    @Test
    void aBiasVectorOfTheWrongLengthIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("[7, 8]", "[7, 8, 9]"));

        refused(file).hasMessage(file + ": layers[0].biases: found an array of 3; expected 2 numbers, one per unit");
    }

    @Test
    void weightsOnSomeLayersOnlyAreRefused() throws IOException {
        Path file = file(ARTICLE.replace(", \"weights\": [[5, 6]], \"biases\": [9]", ""));

        refused(file).hasMessageStartingWith(file + ": layers[1].weights: missing")
                .hasMessageContaining("expected weights on every layer, or on none for a spec only");
    }

    @Test
    void weightsOnALaterLayerOfASpecOnlyAreRefused() throws IOException {
        Path file = file(ARTICLE.replace(", \"weights\": [[1, 2], [3, 4]], \"biases\": [7, 8]", ""));

        refused(file).hasMessageStartingWith(file + ": layers[1].weights: present")
                .hasMessageContaining("expected weights on every layer, or on none for a spec only");
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedListingTheKnownOnes() throws IOException {
        Path file = file(ARTICLE.replace("\"inputs\": 2,", "\"inputs\": 2, \"optimizer\": \"adam\","));

        refused(file).hasMessage(file + ": optimizer: unknown field; expected only classes, format, inputs, layers, loss, standardize, training");
    }

    @Test
    void anUnknownLayerFieldIsRefusedNamingTheLayer() throws IOException {
        Path file = file(ARTICLE.replace("{\"units\": 1,", "{\"dropout\": 0.5, \"units\": 1,"));

        refused(file).hasMessage(file + ": layers[1].dropout: unknown field;"
                + " expected only activation, bias, biases, units, weights");
    }

    @Test
    void aNonNumericWeightIsRefusedNamingItsPlace() throws IOException {
        Path file = file(ARTICLE.replace("[[1, 2], [3, 4]]", "[[1, 2], [3, \"four\"]]"));

        refused(file).hasMessage(file + ": layers[0].weights[1][1]: found \"four\"; expected a finite number");
    }

    @Test
    void aWeightTooLargeForADoubleIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("[[5, 6]]", "[[5, 1e400]]"));

        refused(file).hasMessage(file + ": layers[1].weights[0][1]: found a number beyond the range of a double;"
                + " expected a finite number");
    }

    @Test
    void aDuplicateFieldIsRefused() throws IOException {
        Path file = file(ARTICLE.replace("\"inputs\": 2,", "\"inputs\": 2, \"inputs\": 3,"));

        refused(file).hasMessageStartingWith(file + ":1:")
                .hasMessageContaining("Duplicate field 'inputs'");
    }

    @Test
    void softmaxOverOneUnitIsRefusedNamingTheLayer() throws IOException {
        Path file = file(ARTICLE.replace("{\"units\": 1, \"activation\": \"sigmoid\"", "{\"units\": 1, \"activation\": \"softmax\""));

        refused(file).hasMessageStartingWith(file + ": layers[1].activation: softmax over 1 unit");
    }

    @Test
    void aFileThatDoesNotExistIsRefused() {
        Path file = dir.resolve("absent.json");

        refused(file).hasMessage(file + ": no such file; expected a backprop-model/1 model file");
    }

    private Path file(String content) throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, content);
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ModelFileException.class);
    }
}
