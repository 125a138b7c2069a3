package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplainCommandTest {
    private static final Net221 ALL_ONES = Net221.of(1, 1, 1, 1, 1, 1, 0, 0, 0);

    @TempDir
    Path dir;

    private Path allOnes() {
        return Cli.write(dir, "all-ones.json", ALL_ONES.modelJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "dl4j"})
    void aliceThroughTheAllOnesNetworkShowsTheArticlesWorkedNumbers(String backend) {
        Cli.Run run = Cli.run("explain", "--model", allOnes(), "--input", "-2,-1", "--target", "1",
                "--backend", backend);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        // The article's numbers, each as it prints them.
        assertThat(run.out())
                .contains("on the " + backend + " backend")
                .contains("h1 = sigmoid(z_h1) = 0.0474  [")
                .contains("ŷ = sigmoid(z_o1) = 0.524  [")
                .contains("∂L/∂ŷ = −2 (y − ŷ) = -0.952  [")
                .contains("∂ŷ/∂h1 = w5 × sigmoid'(z_o1) = 0.249  [")
                .contains("∂h1/∂w1 = x1 × sigmoid'(z_h1) = -0.0904  [")
                .contains("∂L/∂w1 = ∂L/∂ŷ × ∂ŷ/∂h1 × ∂h1/∂w1")
                .contains("= -0.952 × 0.249 × -0.0904 = 0.0214 with the factors as printed")
                // Unrounded, ∂L/∂w1 is 0.0215 to three figures; the README's value for Alice.
                .contains("exactly 0.021469535265811");
        String w1 = run.out().lines().dropWhile(l -> !l.contains("∂L/∂w1 = ∂L/∂ŷ")).skip(2).findFirst().orElseThrow();
        double product = Double.parseDouble(w1.substring(w1.indexOf("exactly ") + 8, w1.indexOf(';')));
        double gradient = Double.parseDouble(w1.substring(w1.indexOf("gradient: ") + 10).strip());
        assertThat(product).isCloseTo(0.021469535265811107, within(1e-15));
        assertThat(gradient).isCloseTo(product, within(1e-15));
    }

    @Test
    void theReadmeShowsWhatTheCommandPrintsLineForLine() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("$ ./backprop explain --model examples/article/all-ones.json"));
        block = block.substring(block.indexOf('\n') + 1, block.indexOf("```"));

        Cli.Run run = Cli.run("explain", "--model", allOnes(), "--input", "-2,-1", "--target", "1");

        List<String> printed = run.out().lines().toList();
        List<String> shown = block.lines().filter(l -> !l.strip().equals("…")).toList();
        assertThat(shown).hasSizeGreaterThan(20);
        assertThat(printed).containsSubsequence(shown);
    }

    @Test
    void jsonHasTheSameValuesAsDataAndItsGradientsAreTheGradientCommands() {
        Path model = Cli.write(dir, "model.json",
                Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25).modelJson());
        Path row = Cli.write(dir, "row.csv", "weight,height,gender\n1.5,-0.5,0\n");

        JsonNode json = Cli.run("explain", "--model", model, "--input", "1.5,-0.5", "--target", "0", "--json").json();
        JsonNode gradient = Cli.run("gradient", "--model", model, "--data", row, "--json").json();

        assertThat(json.fieldNames()).toIterable().containsExactly("backend", "network", "input", "target",
                "summarised", "weightsAndBiases", "layers", "loss", "lossFormula", "notes", "derivatives",
                "parameters");
        assertThat(json.get("backend").asText()).isEqualTo("reference");
        assertThat(Cli.doubles(json.get("input"))).containsExactly(1.5, -0.5);
        assertThat(json.get("summarised").asBoolean()).isFalse();
        assertThat(json.get("layers").get(0).get("neurons").get(0).get("name").asText()).isEqualTo("h1");
        assertThat(json.get("layers").get(1).get("neurons").get(0).get("symbol").asText()).isEqualTo("ŷ");
        assertThat(json.get("loss").asDouble()).isCloseTo(gradient.get("loss").asDouble(), within(1e-15));
        assertThat(json.get("derivatives").get(0).get("name").asText()).isEqualTo("∂L/∂ŷ");
        List<String> names = new ArrayList<>();
        json.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).containsExactly("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3");
        double[] expected = Net221.fromLayers(gradient.get("layers")).flat();
        for (int k = 0; k < expected.length; k++) {
            JsonNode p = json.get("parameters").get(k);
            assertThat(p.get("gradient").asDouble()).as(p.get("name").asText()).isEqualTo(expected[k]);
            assertThat(p.get("product").asDouble()).as(p.get("name").asText())
                    .isCloseTo(expected[k], within(1e-12 * Math.abs(expected[k])));
            assertThat(p.get("chain")).hasSameSizeAs(p.get("factors")).hasSameSizeAs(p.get("printedFactors"));
        }
        assertThat(json.get("parameters").get(0).get("chain").toString())
                .isEqualTo("[\"∂L/∂ŷ\",\"∂ŷ/∂h1\",\"∂h1/∂w1\"]");
    }

    @Test
    void withoutATargetItFeedsForwardAndSaysWhatTheTargetWouldAdd() {
        Cli.Run run = Cli.run("explain", "--model", allOnes(), "--input", "-2,-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("ŷ = sigmoid(z_o1) = 0.524").doesNotContain("loss:").doesNotContain("∂L/∂ŷ");
        assertThat(run.out().strip()).endsWith("--target adds the loss and the chain rule: every partial derivative"
                + " back from the loss, and ∂L/∂w for every weight and bias");
        JsonNode json = Cli.run("explain", "--model", allOnes(), "--input", "-2,-1", "--json").json();
        assertThat(json.has("loss")).isFalse();
        assertThat(json.has("target")).isFalse();
        assertThat(json.get("layers").get(1).get("neurons").get(0).get("output").asDouble())
                .isCloseTo(Net221.sigmoid(2 * Net221.sigmoid(-3)), within(1e-15));
    }

    @Test
    void aNeuronFeedingSeveralGetsItsOwnDerivativeASumAndHiddenLayersAreNamedByNumber() {
        Path model = Cli.write(dir, "deep.json", """
                {"format": "backprop-model/1", "inputs": 1, "loss": "sse",
                 "layers": [{"units": 1, "activation": "tanh", "weights": [[0.5]], "biases": [0.1]},
                            {"units": 2, "activation": "relu", "weights": [[1], [-2]], "biases": [0, 0.5]},
                            {"units": 1, "activation": "identity", "weights": [[0.7, -0.3]], "biases": [0]}]}
                """);

        Cli.Run run = Cli.run("explain", "--model", model, "--input", "2", "--target", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("z_h2_1 = w2·h1_1 + b2 = ")
                .contains("∂L/∂h1_1 = ∂L/∂ŷ × ∂ŷ/∂h2_1 × ∂h2_1/∂h1_1 + ∂L/∂ŷ × ∂ŷ/∂h2_2 × ∂h2_2/∂h1_1 = ")
                .contains("∂L/∂w1 = ∂L/∂h1_1 × ∂h1_1/∂w1")
                .contains("sums over the neurons they feed");
    }

    @Test
    void aNetworkTooLargeToPrintIsSummarisedPerLayerSayingSo() {
        StringBuilder weights = new StringBuilder();
        for (int j = 0; j < 13; j++) {
            weights.append(j > 0 ? ", " : "").append("[").append(0.1 * (j - 6)).append("]");
        }
        Path model = Cli.write(dir, "wide.json", """
                {"format": "backprop-model/1", "inputs": 1, "loss": "mse",
                 "layers": [{"units": 13, "activation": "tanh", "bias": false, "weights": [%s]},
                            {"units": 1, "activation": "sigmoid", "bias": false, "weights": [[%s]]}]}
                """.formatted(weights, "1, ".repeat(12) + "1"));

        Cli.Run run = Cli.run("explain", "--model", model, "--input", "1", "--target", "1");
        JsonNode json = Cli.run("explain", "--model", model, "--input", "1", "--target", "1", "--json").json();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("summarised per layer: too large to print readably, with 13 neurons in the"
                        + " hidden layer")
                .contains("hidden layer (13 tanh): z from -0.6 to 0.6")
                .contains("largest |∂L/∂θ|: ∂L/∂w1");
        assertThat(json.get("summarised").asBoolean()).isTrue();
        assertThat(json.get("layers").get(0).get("z").get("max").asDouble()).isCloseTo(0.6, within(1e-15));
        assertThat(json.has("parameters")).isFalse();
    }

    @Test
    void aWrongNumberOfInputsOrTargetsIsOneLineNamingTheOptionAndExitsTwo() {
        Path model = allOnes();

        Cli.Run inputs = Cli.run("explain", "--model", model, "--input", "1,2,3");
        Cli.Run targets = Cli.run("explain", "--model", model, "--input", "1,2", "--target", "1,0");

        assertThat(inputs.exitCode()).isEqualTo(2);
        assertThat(inputs.out()).isEmpty();
        assertThat(inputs.errLines()).containsExactly(
                "backprop: --input: found 3 values; expected 2, one per input of " + model);
        assertThat(targets.exitCode()).isEqualTo(2);
        assertThat(targets.errLines()).containsExactly(
                "backprop: --target: found 2 values; expected 1, one per output of " + model);
    }

    @Test
    void aValueThatIsNotANumberIsOneLineAndExitsTwo() {
        Cli.Run run = Cli.run("explain", "--model", allOnes(), "--input", "-2,tall");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--input").contains("tall");
    }

    @Test
    void aSpecOnlyModelIsRefusedAsPredictRefusesIt() {
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run run = Cli.run("explain", "--model", spec, "--input", "1,2", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("backprop: " + spec + ": a spec only (its layers have no"
                + " \"weights\"); `explain` needs a model with weights: train one first with `backprop train`");
    }
}
