package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.error.ModelFileException;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional "classes" and "standardize" fields of a model file: written, read back bit for bit, and checked. */
class ModelFileClassesAndStandardizationTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final Parameters PARAMETERS = Parameters.of(
            LayerParameters.of(new double[][] {{0.1, -1.0 / 3}}, new double[] {Math.PI}));
    /** Means and standard deviations whose decimal forms are long, tiny or huge. */
    private static final Standardization AWKWARD = Standardization.of(new double[] {141.25, -1e-300},
            new double[] {Math.sqrt(986.75 / 4), Double.MIN_VALUE});

    @TempDir
    Path dir;

    @Test
    void classesAndStandardizationReadBackBitForBit() {
        Path file = dir.resolve("model.json");
        Model model = Model.of(SPEC, PARAMETERS).withClasses(Optional.of(ClassLabels.of(List.of("M", "F"))))
                .withStandardization(Optional.of(AWKWARD));

        ModelFile.write(file, model);
        Model read = ModelFile.read(file);

        assertThat(read.classes()).contains(ClassLabels.of(List.of("M", "F")));
        assertThat(read.standardization()).contains(AWKWARD);
        assertThat(read.parameters()).contains(PARAMETERS);
        assertThat(ModelFile.toJson(read)).isEqualTo(ModelFile.toJson(model));
    }

    @Test
    void theFieldsAreWrittenAfterTheLossInTheirJsonShape() {
        Model model = Model.specOnly(SPEC).withClasses(Optional.of(ClassLabels.of(List.of("M", "F"))))
                .withStandardization(Optional.of(Standardization.of(new double[] {141.25, 66.75},
                        new double[] {2, 0.5})));

        assertThat(ModelFile.toJson(model)).contains("\"loss\" : \"mse\",\n  \"classes\" : [ \"M\", \"F\" ],\n"
                + "  \"standardize\" : {\n    \"mean\" : [ 141.25, 66.75 ],\n    \"std\" : [ 2.0, 0.5 ]\n  },\n");
    }

    @Test
    void aFileWithoutThemHasNeither() {
        Model model = ModelFile.parse(json(""), "m.json");

        assertThat(model.classes()).isEmpty();
        assertThat(model.standardization()).isEmpty();
        assertThat(ModelFile.toJson(model)).doesNotContain("classes").doesNotContain("standardize");
    }

    @Test
    void aSpecOnlyFileMayNameItsClasses() {
        Model model = ModelFile.parse("""
                {"format": "backprop-model/1", "inputs": 4, "loss": "xent", "classes": ["a", "b", "c"],
                 "layers": [{"units": 3, "activation": "softmax"}]}
                """, "spec.json");

        assertThat(model.classes().orElseThrow().names()).containsExactly("a", "b", "c");
    }

    @Test
    void badClassesAreRefusedNamingTheField() {
        refused("\"classes\": \"MF\"", "m.json: classes: found \"MF\"; expected an array of 2 classes for one output"
                + " (0 and 1), as distinct strings");
        refused("\"classes\": [\"M\", 1]", "m.json: classes[1]: found 1; expected a class name, a non-empty string");
        refused("\"classes\": [\"M\", \"\"]", "m.json: classes[1]: found \"\"; expected a class name, a non-empty string");
        refused("\"classes\": [\"M\", \"M\"]", "m.json: classes[1]: found \"M\" again; expected distinct class names");
        refused("\"classes\": [\"a\", \"b\", \"c\"]", "m.json: classes: found an array of 3 (a, b, c); the network"
                + " has 1 output; expected an array of 2 classes for one output (0 and 1), as distinct strings");
        refused("\"classes\": [\"a\"]", "m.json: classes: found 1 class (a); expected at least 2 distinct names;"
                + " expected an array of 2 classes for one output (0 and 1), as distinct strings");
    }

    @Test
    void badStandardizationIsRefusedNamingTheField() {
        refused("\"standardize\": [1, 2]", "m.json: standardize: found an array of 2; expected an object"
                + " {\"mean\": [...], \"std\": [...]} with one number each per input");
        refused("\"standardize\": {\"mean\": [1, 2]}", "m.json: standardize.std: missing; expected 2 numbers,"
                + " one per input");
        refused("\"standardize\": {\"mean\": [1], \"std\": [1, 1]}", "m.json: standardize.mean: found an array of 1;"
                + " expected 2 numbers, one per input");
        refused("\"standardize\": {\"mean\": [1, 2], \"std\": [1, \"x\"]}", "m.json: standardize.std[1]: found \"x\";"
                + " expected a finite number");
        refused("\"standardize\": {\"mean\": [1, 2], \"std\": [1, 0]}", "m.json: standardize.std[1]: found 0.0;"
                + " expected a standard deviation above 0");
        refused("\"standardize\": {\"mean\": [1, 2], \"std\": [1, -2]}", "m.json: standardize.std[1]: found -2.0;"
                + " expected a standard deviation above 0");
        refused("\"standardize\": {\"mean\": [1, 2], \"std\": [1, 1], \"scale\": 3}", "m.json: standardize.scale:"
                + " unknown field; expected only mean, std");
    }

    @Test
    void unknownTopFieldsAreStillRefused() {
        refused("\"labels\": [\"M\", \"F\"]", "m.json: labels: unknown field; expected only classes, format, inputs,"
                + " layers, loss, standardize, training");
    }

    private static void refused(String field, String message) {
        assertThatThrownBy(() -> ModelFile.parse(json(field + ","), "m.json"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(message);
    }

    private static String json(String extra) {
        return "{\"format\": \"backprop-model/1\", \"inputs\": 2, \"loss\": \"mse\", " + extra
                + " \"layers\": [{\"units\": 1, \"activation\": \"sigmoid\", \"weights\": [[1, 2]], \"biases\": [0]}]}";
    }
}
