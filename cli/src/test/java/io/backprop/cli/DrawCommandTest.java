package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class DrawCommandTest {
    /** The article's 2-2-1 with a different value for each parameter, w2 and w5 negative. */
    private static final String SIGNED = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [
               {"units": 2, "activation": "sigmoid", "bias": true, "weights": [[0.5, -1.25], [2, 0.75]], "biases": [0.1, -0.2]},
               {"units": 1, "activation": "sigmoid", "bias": true, "weights": [[-3, 1.5]], "biases": [0.3]}]}
            """;

    /** The article's raw table, standardized as train --standardize fits it (README, "The model file"). */
    private static final String STANDARDIZED = SIGNED.replaceFirst("\\{", "{\"standardize\": {\"mean\": [141.25, 66.75], "
            + "\"std\": [15.706288549495072, 4.656984002549289]}, ");

    @TempDir
    Path dir;

    @Test
    void theArticlesNetworkIsDrawnToAnSvgWithItsNamesWeightsAndBiasesAsText() {
        Path model = Cli.write(dir, "m.json", SIGNED);
        Path svg = dir.resolve("net.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> texts = Pictures.texts(Pictures.readSvg(svg));
        assertThat(texts).contains("x1", "x2", "h1", "h2", "o1");
        // Numbered as the README's model file says: h1 has [w1, w2], h2 [w3, w4], o1 [w5, w6].
        assertThat(texts).contains("w1 = 0.50", "w2 = -1.25", "w3 = 2.00", "w4 = 0.75", "w5 = -3.00", "w6 = 1.50",
                "b1 = 0.10", "b2 = -0.20", "b3 = 0.30");
    }

    @Test
    void aPositiveAndANegativeWeightAreDrawnInDifferentColours() {
        Path model = Cli.write(dir, "m.json", SIGNED);
        Path svg = dir.resolve("net.svg");

        Cli.run("draw", "--model", model, "--out", svg);

        Document document = Pictures.readSvg(svg);
        String positive = Pictures.stroke(document, "edge-w1");
        assertThat(Pictures.stroke(document, "edge-w3")).isEqualTo(positive);
        assertThat(Pictures.stroke(document, "edge-w2")).isNotEqualTo(positive)
                .isEqualTo(Pictures.stroke(document, "edge-w5"));
    }

    @Test
    void aPngIsDrawnByTheSameRoutineWhenTheExtensionSaysSo() {
        Path model = Cli.write(dir, "m.json", SIGNED);
        Path png = dir.resolve("net.PNG");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", png, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("format").asText()).isEqualTo("png");
        Pictures.readPng(png);
    }

    @Test
    void theOutputNeuronsAreLabelledWithTheModelsClasses() {
        Path oneOutput = Cli.write(dir, "people.json", SIGNED.replaceFirst("\\{", "{\"classes\": [\"M\", \"F\"], "));
        Path threeOutputs = Cli.write(dir, "iris.json", """
                {"format": "backprop-model/1", "inputs": 4, "loss": "xent", "classes": ["setosa", "versicolor", "virginica"],
                 "layers": [{"units": 8, "activation": "tanh"}, {"units": 3, "activation": "softmax"}]}
                """);

        Cli.Run people = Cli.run("draw", "--model", oneOutput, "--out", dir.resolve("people.svg"));
        Cli.Run iris = Cli.run("draw", "--model", threeOutputs, "--out", dir.resolve("iris.svg"));

        assertThat(people.exitCode()).as(people.toString()).isZero();
        assertThat(iris.exitCode()).as(iris.toString()).isZero();
        assertThat(Pictures.texts(Pictures.readSvg(dir.resolve("people.svg")))).contains("o1", "F = 1, M = 0");
        assertThat(Pictures.texts(Pictures.readSvg(dir.resolve("iris.svg"))))
                .contains("o1", "o2", "o3", "setosa", "versicolor", "virginica");
        Path plain = Cli.write(dir, "plain.json", SIGNED);
        assertThat(Cli.run("draw", "--model", plain, "--out", dir.resolve("plain.svg")).exitCode()).isZero();
        assertThat(Pictures.texts(Pictures.readSvg(dir.resolve("plain.svg")))).as("a model without classes")
                .noneMatch(text -> text.contains(" = 1, "));
    }

    @Test
    void aSpecOnlyIsDrawnWithoutValuesAndSaysSo() {
        Path model = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Path svg = dir.resolve("spec.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> texts = Pictures.texts(Pictures.readSvg(svg));
        assertThat(texts).contains("x1", "h2", "o1", "w1", "w6", "b3");
        assertThat(texts).noneMatch(t -> t.matches("[wb]\\d+ = .*"));
        assertThat(String.join("\n", texts)).contains("spec only");
    }

    @Test
    void aLargeLayerShowsAReadableSubsetAndSaysHowManyMore() {
        Path model = Cli.write(dir, "wide.json", """
                {"format": "backprop-model/1", "inputs": 3, "loss": "mse",
                 "layers": [{"units": 40, "activation": "tanh", "bias": true},
                            {"units": 2, "activation": "identity", "bias": true}]}
                """);
        Path svg = dir.resolve("wide.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> texts = Pictures.texts(Pictures.readSvg(svg));
        assertThat(texts).contains("h1", "h12", "… 28 more", "o2").doesNotContain("h13");
        assertThat(String.join("\n", texts)).contains("show their first 12");
    }

    @Test
    void weightsWhoseLabelsWouldOverlapAreLeftUnlabelledAndTheDiagramSaysSo() {
        // 3 → 4 → 3 → 2: the labels of the edges between 3 inputs and 4 neurons cannot all sit apart.
        Path model = Cli.write(dir, "deep.json", """
                {"format": "backprop-model/1", "inputs": 3, "loss": "mse",
                 "layers": [
                   {"units": 4, "activation": "tanh", "bias": true,
                    "weights": [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], "biases": [0, 0, 0, 0]},
                   {"units": 3, "activation": "tanh", "bias": false,
                    "weights": [[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]},
                   {"units": 2, "activation": "identity", "bias": true,
                    "weights": [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], "biases": [0, 0]}]}
                """);
        Path svg = dir.resolve("deep.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> texts = Pictures.texts(Pictures.readSvg(svg));
        assertThat(texts).contains("x3", "h1_1", "h1_4", "h2_1", "h2_3", "o2");
        assertThat(texts).noneMatch(t -> t.matches("[wb]\\d+ = .*"));
        assertThat(String.join("\n", texts)).contains("Too many weights to label readably");
    }

    @Test
    void theInputsAreNamedByTheFeatureColumnsGivenAndKeepTheirSymbols() {
        Path model = Cli.write(dir, "m.json", SIGNED);
        Path svg = dir.resolve("net.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg, "--features", "weight_lb,height_in");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Document document = Pictures.readSvg(svg);
        // x1 and x2 stay in the circles: the weights' names (w1 is x1→h1) refer to them.
        assertThat(Pictures.texts(document)).contains("x1", "x2", "weight_lb", "height_in");
        assertThat(textX(document, "weight_lb")).as("drawn inside the picture").isNotNegative();
    }

    @Test
    void withoutFeatureNamesOrScalingTheInputsAreX1AndX2Alone() {
        Path model = Cli.write(dir, "m.json", SIGNED);
        Path svg = dir.resolve("net.svg");

        Cli.run("draw", "--model", model, "--out", svg);

        List<String> texts = Pictures.texts(Pictures.readSvg(svg));
        assertThat(texts).contains("x1", "x2").noneMatch(t -> t.contains("standardized"));
    }

    @Test
    void theModelsStandardizationIsShownBesideEachInput() {
        Path model = Cli.write(dir, "raw.json", STANDARDIZED);
        Path svg = dir.resolve("raw.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Document document = Pictures.readSvg(svg);
        List<String> texts = Pictures.texts(document);
        // To 5 significant figures: 15.706288549495072 is 15.706, 4.656984002549289 is 4.657.
        assertThat(texts).contains("standardized: (x − 141.25) / 15.706", "standardized: (x − 66.75) / 4.657");
        assertThat(String.join("\n", texts)).contains("(x − mean) / std");
        assertThat(textX(document, "standardized: (x − 141.25) / 15.706")).as("drawn inside the picture")
                .isNotNegative();
    }

    @Test
    void namesAndStandardizationTogether() {
        Path model = Cli.write(dir, "raw.json", STANDARDIZED);
        Path svg = dir.resolve("raw.svg");

        Cli.Run run = Cli.run("draw", "--model", model, "--out", svg, "--features", "weight_lb,height_in");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Pictures.texts(Pictures.readSvg(svg))).contains("x1", "weight_lb",
                "standardized: (x − 141.25) / 15.706", "height_in", "standardized: (x − 66.75) / 4.657");
    }

    @Test
    void featureNamesThatAreNotOnePerInputAreRefusedNamingTheOption() {
        Path model = Cli.write(dir, "m.json", SIGNED);

        Cli.Run one = Cli.run("draw", "--model", model, "--out", dir.resolve("net.svg"), "--features", "weight_lb");
        Cli.Run blank = Cli.run("draw", "--model", model, "--out", dir.resolve("net.svg"), "--features", "a,");

        for (Cli.Run run : List.of(one, blank)) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).startsWith("backprop: ").contains("--features").contains("2 inputs");
        }
        assertThat(Cli.listing(dir)).containsExactly("m.json");
    }

    @Test
    void anOutOfAnotherKindIsRefusedNamingOutAndTheAcceptedExtensions() {
        Path model = Cli.write(dir, "m.json", SIGNED);

        Cli.Run run = Cli.run("draw", "--model", model, "--out", dir.resolve("net.gif"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--out").contains(".gif").contains(".svg or .png");
        assertThat(Cli.listing(dir)).containsExactly("m.json");
    }

    @Test
    void aMissingDirectoryIsRefusedAndABadModelDrawsNothing() throws Exception {
        Path model = Cli.write(dir, "m.json", SIGNED);
        Cli.Run missing = Cli.run("draw", "--model", model, "--out", dir.resolve("no/such/net.svg"));
        Path broken = Cli.write(dir, "broken.json", "{\"format\": \"backprop-model/1\", \"inputs\": 2");
        Cli.Run bad = Cli.run("draw", "--model", broken, "--out", dir.resolve("net.svg"));

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1);
        assertThat(missing.err()).contains("--out").contains("does not exist");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(Files.exists(dir.resolve("net.svg"))).isFalse();
        assertThat(Cli.listing(dir)).containsExactly("broken.json", "m.json");
    }

    /** The x of the {@code <text>} element that reads {@code content}. */
    private static double textX(Document svg, String content) {
        org.w3c.dom.NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        for (int k = 0; k < nodes.getLength(); k++) {
            if (nodes.item(k).getTextContent().equals(content)) {
                return Double.parseDouble(((org.w3c.dom.Element) nodes.item(k)).getAttribute("x"));
            }
        }
        throw new AssertionError("no text " + content);
    }
}
