package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ModelFile} writes, and that it reads back what it wrote. */
class ModelFileTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(2)
            .layer(2, Activation.TANH)
            .layer(1, Activation.IDENTITY, false)
            .loss(Loss.SSE)
            .build();

    /** Values whose decimal forms are long, tiny, huge, subnormal or signed zero. */
    private static final Parameters AWKWARD = Parameters.of(
            LayerParameters.of(new double[][] {{0.1, 1e-300}, {Double.MIN_VALUE, -1.0 / 3}}, new double[] {Math.PI, -0.0}),
            LayerParameters.of(new double[][] {{Double.MAX_VALUE, -2.5e-8}}, null));

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesBitIdenticalParameters() {
        Path file = dir.resolve("model.json");

        ModelFile.write(file, SPEC, AWKWARD);
        Model read = ModelFile.read(file);

        assertThat(read.spec()).isEqualTo(SPEC);
        assertThat(read.parameters()).isPresent();
        assertThat(bits(read.parameters().get())).containsExactlyElementsOf(bits(AWKWARD));
        assertThat(read.parameters().get()).isEqualTo(AWKWARD);
    }

    @Test
    void negativeZeroKeepsItsSignThroughAFile() {
        Path file = dir.resolve("model.json");

        ModelFile.write(file, SPEC, AWKWARD);
        double bias = ModelFile.read(file).parameters().get().layer(0).bias(1);

        assertThat(Double.doubleToRawLongBits(bias)).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void aFileWhoseLayersHaveNoWeightsIsASpecOnly() {
        Model model = ModelFile.parse("""
                {"format": "backprop-model/1", "inputs": 3, "loss": "xent",
                 "layers": [{"units": 4, "activation": "relu"},
                            {"units": 2, "activation": "softmax", "bias": false}]}
                """, "spec.json");

        assertThat(model.parameters()).isEmpty();
        assertThat(model.spec()).isEqualTo(NetworkSpec.builder(3)
                .layer(4, Activation.RELU, true)
                .layer(2, Activation.SOFTMAX, false)
                .loss(Loss.XENT)
                .build());
    }

    @Test
    void aSpecOnlyModelIsWrittenWithoutWeightsAndReadsBackAsASpecOnly() throws IOException {
        Path file = dir.resolve("spec.json");

        ModelFile.write(file, Model.specOnly(SPEC));
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));

        for (JsonNode layer : root.get("layers")) {
            assertThat(layer.has("weights")).isFalse();
            assertThat(layer.has("biases")).isFalse();
        }
        assertThat(ModelFile.read(file)).isEqualTo(Model.specOnly(SPEC));
    }

    @Test
    void writesTheDocumentedJsonShape() throws IOException {
        Path file = dir.resolve("model.json");

        ModelFile.write(file, SPEC, AWKWARD);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));

        assertThat(fieldNames(root)).containsExactly("format", "inputs", "loss", "layers");
        assertThat(root.get("format").asText()).isEqualTo("backprop-model/1");
        assertThat(root.get("inputs").asInt()).isEqualTo(2);
        assertThat(root.get("loss").asText()).isEqualTo("sse");
        assertThat(root.get("layers").size()).isEqualTo(2);

        JsonNode hidden = root.get("layers").get(0);
        assertThat(fieldNames(hidden)).containsExactly("units", "activation", "bias", "weights", "biases");
        assertThat(hidden.get("units").asInt()).isEqualTo(2);
        assertThat(hidden.get("activation").asText()).isEqualTo("tanh");
        assertThat(hidden.get("bias").isBoolean()).isTrue();
        assertThat(hidden.get("bias").asBoolean()).isTrue();
        assertThat(hidden.get("weights").size()).isEqualTo(2);
        assertThat(hidden.get("weights").get(0).get(0).asDouble()).isEqualTo(0.1);
        assertThat(hidden.get("weights").get(0).get(1).asDouble()).isEqualTo(1e-300);
        assertThat(hidden.get("weights").get(1).get(0).asDouble()).isEqualTo(Double.MIN_VALUE);
        assertThat(hidden.get("biases").get(0).asDouble()).isEqualTo(Math.PI);

        JsonNode output = root.get("layers").get(1);
        assertThat(output.get("activation").asText()).isEqualTo("identity");
        assertThat(output.get("weights").size()).isEqualTo(1);
        assertThat(output.get("weights").get(0).size()).isEqualTo(2);
    }

    @Test
    void aLayerWithoutBiasIsWrittenWithBiasFalseAndNoBiasesKey() throws IOException {
        Path file = dir.resolve("model.json");

        ModelFile.write(file, SPEC, AWKWARD);
        JsonNode output = new ObjectMapper().readTree(Files.readString(file)).get("layers").get(1);

        assertThat(output.get("bias").asBoolean()).isFalse();
        assertThat(output.has("biases")).isFalse();
        assertThat(fieldNames(output)).containsExactly("units", "activation", "bias", "weights");
    }

    @Test
    void aLayerThatLeavesOutBiasHasBiases() {
        Model model = ModelFile.parse("""
                {"format": "backprop-model/1", "inputs": 1, "loss": "mse",
                 "layers": [{"units": 1, "activation": "sigmoid", "weights": [[0.5]], "biases": [-1]}]}
                """, "m.json");

        assertThat(model.spec().layer(0).bias()).isTrue();
        assertThat(model.parameters().get().layer(0).weight(0, 0)).isEqualTo(0.5);
        assertThat(model.parameters().get().layer(0).bias(0)).isEqualTo(-1.0);
    }

    @Test
    void weightsAreReadAsRowsPerNeuron() {
        Model model = ModelFile.parse("""
                {"format": "backprop-model/1", "inputs": 3, "loss": "mse",
                 "layers": [{"units": 2, "activation": "sigmoid", "bias": false,
                             "weights": [[1, 2, 3], [4, 5, 6]]}]}
                """, "m.json");

        LayerParameters layer = model.parameters().get().layer(0);
        assertThat(layer.weight(0, 2)).isEqualTo(3.0);
        assertThat(layer.weight(1, 0)).isEqualTo(4.0);
    }

    @Test
    void toJsonIsWhatWriteWrites() throws IOException {
        Path file = dir.resolve("model.json");

        ModelFile.write(file, SPEC, AWKWARD);

        assertThat(Files.readString(file)).isEqualTo(ModelFile.toJson(Model.of(SPEC, AWKWARD)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> bits(Parameters parameters) {
        List<Long> bits = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    bits.add(Double.doubleToRawLongBits(w));
                }
            }
            for (double b : layer.biases()) {
                bits.add(Double.doubleToRawLongBits(b));
            }
        }
        return bits;
    }
}
