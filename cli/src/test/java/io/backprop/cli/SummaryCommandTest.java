package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code summary}: what a model file holds, layer by layer, as Keras's and DL4J's summary() print it. */
class SummaryCommandTest {
    private static final Path ARTICLE = Path.of("..", "examples", "article");

    /** Iris-shaped: a tanh layer, then softmax without biases, with its classes and a standardization. */
    private static final String IRIS = """
            {"format": "backprop-model/1", "inputs": 4, "loss": "xent",
             "classes": ["setosa", "versicolor", "virginica"],
             "standardize": {"mean": [5.84, 3.05, 3.76, 1.2], "std": [0.825, 0.432, 1.759, 0.761]},
             "layers": [{"units": 8, "activation": "tanh"}, {"units": 3, "activation": "softmax", "bias": false}]}
            """;

    private static final List<String> TOP_KEYS = List.of("network", "specOnly", "inputs", "outputs", "layers",
            "totals", "loss", "classes", "standardize");
    private static final List<String> LAYER_KEYS = List.of("index", "units", "inputs", "activation", "bias",
            "weights", "biases", "parameters");

    @TempDir
    Path dir;

    @Test
    void theArticlesNetworkHasNineParametersInTwoLayers() {
        Cli.Run run = Cli.run("summary", "--model", ARTICLE.resolve("spec.json"), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        assertThat(json.get("network").asText()).isEqualTo("2 inputs → 2 sigmoid → 1 sigmoid, loss mse");
        assertThat(json.get("specOnly").asBoolean()).isTrue();
        assertThat(row(json.get("layers").get(0))).containsExactly("0", "2", "2", "sigmoid", "true", "4", "2", "6");
        assertThat(row(json.get("layers").get(1))).containsExactly("1", "1", "2", "sigmoid", "true", "2", "1", "3");
        assertThat(json.get("totals").get("weights").asLong()).isEqualTo(6);
        assertThat(json.get("totals").get("biases").asLong()).isEqualTo(3);
        assertThat(json.get("totals").get("parameters").asLong()).isEqualTo(9);
        assertThat(json.get("loss").asText()).isEqualTo("mse");
    }

    @Test
    void theTableHasOneRowPerLayerAndTheTotals() {
        Cli.Run run = Cli.run("summary", "--model", ARTICLE.resolve("feedforward.json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("feedforward.json").contains("2 inputs → 2 sigmoid → 1 sigmoid, loss mse");
        assertThat(run.out()).contains("holds its weights and biases").doesNotContain("spec only");
        int header = indexOf(lines, "layer");
        assertThat(cells(lines.get(header))).containsExactly("layer", "units", "inputs", "activation", "bias",
                "weights", "biases", "parameters");
        assertThat(cells(lines.get(header + 2))).containsExactly("0", "2", "2", "sigmoid", "yes", "4", "2", "6");
        assertThat(cells(lines.get(header + 3))).containsExactly("1", "1", "2", "sigmoid", "yes", "2", "1", "3");
        assertThat(cells(lines.get(header + 5))).containsExactly("total", "6", "3", "9");
        assertThat(run.out()).contains("parameters: 9 (6 weights, 3 biases)").contains("loss: mse")
                .contains("classes: none").contains("scaling: none");
    }

    @Test
    void aSpecOnlyIsSaidToBeOne() {
        Cli.Run run = Cli.run("summary", "--model", ARTICLE.resolve("spec.json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("a spec only").contains("parameters: 9 (6 weights, 3 biases)");
    }

    @Test
    void aSoftmaxModelShowsItsClassesAndItsStandardization() {
        Path model = Cli.write(dir, "iris.json", IRIS);

        Cli.Run text = Cli.run("summary", "--model", model);
        Cli.Run json = Cli.run("summary", "--model", model, "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        List<String> lines = text.out().lines().toList();
        int header = indexOf(lines, "layer");
        // 4·8 weights and 8 biases; 8·3 weights and no biases.
        assertThat(cells(lines.get(header + 2))).containsExactly("0", "8", "4", "tanh", "yes", "32", "8", "40");
        assertThat(cells(lines.get(header + 3))).containsExactly("1", "3", "8", "softmax", "no", "24", "0", "24");
        assertThat(text.out()).contains("parameters: 64 (56 weights, 8 biases)")
                .contains("loss: xent")
                .contains("classes: setosa = o1, versicolor = o2, virginica = o3")
                .contains("(x − mean) / std");
        assertThat(lines).anySatisfy(l -> assertThat(cells(l)).containsExactly("x1", "mean", "5.84", "std", "0.825"))
                .anySatisfy(l -> assertThat(cells(l)).containsExactly("x4", "mean", "1.2", "std", "0.761"));

        JsonNode summary = json.json();
        assertThat(summary.get("classes")).extracting(JsonNode::asText)
                .containsExactly("setosa", "versicolor", "virginica");
        assertThat(Cli.doubles(summary.get("standardize").get("mean"))).containsExactly(5.84, 3.05, 3.76, 1.2);
        assertThat(Cli.doubles(summary.get("standardize").get("std"))).containsExactly(0.825, 0.432, 1.759, 0.761);
        assertThat(summary.get("layers").get(1).get("bias").asBoolean()).isFalse();
        assertThat(summary.get("layers").get(1).get("biases").asLong()).isZero();
        assertThat(summary.get("totals").get("parameters").asLong()).isEqualTo(64);
        assertThat(summary.get("outputs").asInt()).isEqualTo(3);
    }

    @Test
    void oneOutputWithTwoClassesSaysWhichIsOne() {
        Path model = Cli.write(dir, "people.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "mse", "classes": ["M", "F"],
                 "layers": [{"units": 2, "activation": "sigmoid"}, {"units": 1, "activation": "sigmoid"}]}
                """);

        Cli.Run run = Cli.run("summary", "--model", model);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("classes: M = 0, F = 1");
    }

    @Test
    void theScalingOfManyInputsIsCutShortInTheTableAndWholeInTheJson() {
        String means = String.join(", ", java.util.Collections.nCopies(20, "0.5"));
        String stds = String.join(", ", java.util.Collections.nCopies(20, "2"));
        Path model = Cli.write(dir, "wide.json", """
                {"format": "backprop-model/1", "inputs": 20, "loss": "mse",
                 "standardize": {"mean": [%s], "std": [%s]},
                 "layers": [{"units": 1, "activation": "identity"}]}
                """.formatted(means, stds));

        Cli.Run text = Cli.run("summary", "--model", model);
        Cli.Run json = Cli.run("summary", "--model", model, "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("x12").doesNotContain("x13").contains("… 8 more (all of them: --json)");
        assertThat(json.json().get("standardize").get("mean")).hasSize(20);
    }

    @Test
    void theJsonHasTheSameKeysInTheSameOrderWhateverTheModelHolds() {
        Cli.Run plain = Cli.run("summary", "--model", ARTICLE.resolve("spec.json"), "--json");
        Cli.Run iris = Cli.run("summary", "--model", Cli.write(dir, "iris.json", IRIS), "--json");

        for (Cli.Run run : List.of(plain, iris)) {
            JsonNode json = run.json();
            assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(TOP_KEYS);
            assertThat(json.get("totals").fieldNames()).toIterable().containsExactly("weights", "biases", "parameters");
            for (JsonNode layer : json.get("layers")) {
                assertThat(layer.fieldNames()).toIterable().containsExactlyElementsOf(LAYER_KEYS);
            }
        }
        // Absent, not left out: a reader finds every key in every summary.
        assertThat(plain.json().get("classes").isNull()).isTrue();
        assertThat(plain.json().get("standardize").isNull()).isTrue();
        assertThat(iris.json().get("standardize").fieldNames()).toIterable().containsExactly("mean", "std");
    }

    @Test
    void aMissingModelIsOneLineAndExitTwo() {
        Cli.Run run = Cli.run("summary", "--model", dir.resolve("none.json"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("backprop: ").contains("none.json");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theReadmeShowsWhatTheCommandPrintsForTheRawTable() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("$ ./backprop summary --model raw.json"));
        block = block.substring(block.indexOf('\n') + 1, block.indexOf("```"));
        Path raw = dir.resolve("raw.json");
        // The README's train command; the summary does not depend on how long it trains.
        Cli.Run train = Cli.run("train", "--model", ARTICLE.resolve("spec.json"), "--data",
                ARTICLE.resolve("people-raw.csv"), "--features", "weight_lb,height_in", "--targets", "gender",
                "--classes", "M,F", "--standardize", "--epochs", "1", "--out", raw, "--progress", "none");
        assertThat(train.exitCode()).as(train.toString()).isZero();

        Cli.Run run = Cli.run("summary", "--model", raw);

        List<String> printed = run.out().lines().skip(1).toList();
        List<String> shown = block.lines().skip(1).toList();
        assertThat(printed).isEqualTo(shown);
    }

    private static List<String> row(JsonNode layer) {
        List<String> values = new ArrayList<>();
        layer.elements().forEachRemaining(v -> values.add(v.asText()));
        return values;
    }

    private static int indexOf(List<String> lines, String firstCell) {
        for (int k = 0; k < lines.size(); k++) {
            List<String> cells = cells(lines.get(k));
            if (!cells.isEmpty() && cells.get(0).equals(firstCell)) {
                return k;
            }
        }
        throw new AssertionError("no line starts with " + firstCell + " in\n" + String.join("\n", lines));
    }

    private static List<String> cells(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }
}
