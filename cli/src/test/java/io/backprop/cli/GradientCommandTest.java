package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientCommandTest {
    private static final Net221 SOME_NET = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);

    @TempDir
    Path dir;

    @Test
    void forAliceAloneWithWeightsOneAndBiasesZeroTheDerivativeByW1IsTheArticles0214() {
        Path model = Cli.write(dir, "model.json", Net221.of(1, 1, 1, 1, 1, 1, 0, 0, 0).modelJson());
        Path data = Cli.write(dir, "alice.csv", "weight,height,gender\n-2,-1,1\n");

        Cli.Run run = Cli.run("gradient", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        double dLdw1 = run.json().get("layers").get(0).get("weights").get(0).get(0).asDouble();
        // The article multiplies factors rounded to 0.952, 0.249 and 0.0904 and gets 0.0214.
        assertThat(dLdw1).isCloseTo(0.0214, within(0.0002));
        // Its factors unrounded: ∂L/∂ŷ · ∂ŷ/∂h1 · ∂h1/∂w1.
        double h1 = Net221.sigmoid(-2 - 1);
        double y = Net221.sigmoid(h1 + h1);
        double byHand = (-2 * (1 - y)) * (1 * y * (1 - y)) * (-2 * h1 * (1 - h1));
        assertThat(dLdw1).isCloseTo(byHand, within(1e-15));
    }

    @Test
    void jsonHasTheBatchLossAndEveryGradientInTheModelFilesShape() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("gradient", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("loss", "layers");
        assertThat(json.get("loss").asDouble())
                .isCloseTo(SOME_NET.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
        JsonNode layers = json.get("layers");
        assertThat(layers).hasSize(2);
        assertThat(layers.get(0).get("weights")).hasSize(2);
        assertThat(layers.get(0).get("weights").get(0)).hasSize(2);
        assertThat(layers.get(0).get("biases")).hasSize(2);
        assertThat(layers.get(1).get("weights")).hasSize(1);
        assertThat(layers.get(1).get("weights").get(0)).hasSize(2);
        assertThat(layers.get(1).get("biases")).hasSize(1);
        double[] expected = SOME_NET.gradient(Net221.PEOPLE, Net221.FEMALE).flat();
        double[] actual = Net221.fromLayers(layers).flat();
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("the article's parameter #%d", k + 1).isCloseTo(expected[k], within(1e-14));
        }
    }

    @Test
    void aLayerWithoutBiasHasNoBiasesInTheJson() {
        // One identity neuron without bias, summed squared error: L = Σ (y − w·x)², ∂L/∂w_i = Σ −2 (y − w·x) x_i.
        Path model = Cli.write(dir, "linear.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "sse",
                 "layers": [{"units": 1, "activation": "identity", "bias": false, "weights": [[0.5, -1.5]]}]}
                """);
        Path data = Cli.write(dir, "linear.csv", "a,b,y\n1,2,3\n-1,4,0.5\n");

        Cli.Run run = Cli.run("gradient", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode layer = run.json().get("layers").get(0);
        assertThat(layer.fieldNames()).toIterable().containsExactly("weights");
        double e1 = 3 - (0.5 * 1 - 1.5 * 2);
        double e2 = 0.5 - (0.5 * -1 - 1.5 * 4);
        assertThat(run.json().get("loss").asDouble()).isCloseTo(e1 * e1 + e2 * e2, within(1e-12));
        assertThat(layer.get("weights").get(0).get(0).asDouble()).isCloseTo(-2 * e1 * 1 - 2 * e2 * -1, within(1e-12));
        assertThat(layer.get("weights").get(0).get(1).asDouble()).isCloseTo(-2 * e1 * 2 - 2 * e2 * 4, within(1e-12));
    }

    @Test
    void namedFeatureAndTargetColumnsAreUsedAndOtherColumnsIgnored() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", """
                id,female,height,weight
                1,1,-1,-2
                2,0,6,25
                3,0,4,17
                4,1,-6,-15
                """);

        Cli.Run run = Cli.run("gradient", "--model", model, "--data", data,
                "--features", "weight,height", "--targets", "female", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("loss").asDouble())
                .isCloseTo(SOME_NET.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
        double[] expected = SOME_NET.gradient(Net221.PEOPLE, Net221.FEMALE).flat();
        double[] actual = Net221.fromLayers(run.json().get("layers")).flat();
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).isCloseTo(expected[k], within(1e-14));
        }
    }

    @Test
    void withoutJsonPrintsTheLossAndTheGradientInTheArticlesNames() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("gradient", "--model", model, "--data", data);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String first = run.out().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("loss (mse over 4 rows): ");
        double loss = Double.parseDouble(first.substring("loss (mse over 4 rows): ".length()));
        assertThat(loss).isCloseTo(SOME_NET.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
        String w1Line = run.out().lines().filter(l -> l.strip().startsWith("∂L/∂w1 = ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(w1Line.strip().substring("∂L/∂w1 = ".length())))
                .isCloseTo(SOME_NET.gradient(Net221.PEOPLE, Net221.FEMALE).w()[0][0], within(1e-14));
    }
}
