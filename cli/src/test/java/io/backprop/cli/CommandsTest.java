package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands answer the article's examples with the article's numbers. */
class CommandsTest {
    @TempDir
    Path dir;

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void demoPrintsTheWorkedNumbersTheRunAndBothPredictions() {
        Run run = Run.of("demo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("0.9990889488055994")
                .contains("0.7216325609518421")
                .contains("  1000  ")
                .containsPattern("Emily .*: 0\\.9\\d\\d  F")
                .containsPattern("Frank .*: 0\\.0\\d\\d  M");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noArgumentsAtAllRunTheDemo() {
        Run run = Run.of();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Emily").contains("Frank");
    }

    @Test
    void demoAsJsonHasTheLossOfEveryEpochAndThePredictions() {
        JsonNode json = Run.of("demo", "--json").json();

        assertThat(json.get("loss")).hasSize(1000);
        assertThat(json.get("loss").get(999).asDouble()).isLessThan(json.get("loss").get(0).asDouble());
        assertThat(json.at("/predictions/Emily").asDouble()).isGreaterThan(0.5);
        assertThat(json.at("/predictions/Frank").asDouble()).isLessThan(0.5);
    }

    @Test
    void predictGivesTheArticlesFeedforwardForTwoAndThree() {
        Path model = Files.write(dir, "m.json", Files.FEEDFORWARD);
        Path data = Files.write(dir, "x.csv", "x1,x2\n2,3\n");

        Run run = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode outputs = run.json().get("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).get(0).asDouble()).isEqualTo(0.7216325609518421);
    }

    @Test
    void predictGivesOneRowPerDataRowAndIgnoresTargetColumns() {
        Path model = Files.write(dir, "m.json", Files.FEEDFORWARD);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);

        JsonNode outputs = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--json")
                .json().get("outputs");

        assertThat(outputs).hasSize(4);
        // Every neuron reads only its second input: h = σ(height), ŷ = σ(h).
        double[] heights = {-1, 6, 4, -6};
        for (int r = 0; r < 4; r++) {
            assertThat(outputs.get(r).get(0).asDouble()).isCloseTo(sigmoid(sigmoid(heights[r])), within(1e-15));
        }
    }

    @Test
    void gradientForAliceWithEveryWeightOneMatchesTheWorkedExample() {
        Path model = Files.write(dir, "m.json", Files.ALL_ONES);
        Path alice = Files.write(dir, "alice.csv", "weight,height,female\n-2,-1,1\n");

        JsonNode json = Run.of("gradient", "--model", model.toString(), "--data", alice.toString(), "--json").json();

        // By hand: h = σ(−3), ŷ = σ(2h), L = (1 − ŷ)², ∂L/∂w1 = −2(1 − ŷ) · ŷ(1 − ŷ) · h(1 − h) · x1.
        double h = sigmoid(-3);
        double y = sigmoid(2 * h);
        double dw1 = -2 * (1 - y) * y * (1 - y) * 1 * h * (1 - h) * -2;
        assertThat(json.get("loss").asDouble()).isCloseTo((1 - y) * (1 - y), within(1e-15));
        assertThat(json.at("/layers/0/weights/0/0").asDouble()).isCloseTo(dw1, within(1e-15)).isCloseTo(0.0214, within(1e-4));
        assertThat(json.at("/layers/0/biases")).hasSize(2);
        assertThat(json.at("/layers/1/weights/0")).hasSize(2);
    }

    @Test
    void gradientOfALayerWithoutBiasHasNoBiasesField() {
        Path model = Files.write(dir, "m.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "sse",
                 "layers": [{"units": 1, "activation": "identity", "bias": false, "weights": [[1, 2]]}]}
                """);
        Path data = Files.write(dir, "d.csv", "a,b,y\n1,1,0\n");

        JsonNode json = Run.of("gradient", "--model", model.toString(), "--data", data.toString(), "--json").json();

        // ŷ = 3, L = (0 − 3)² = 9, ∂L/∂w = 2(ŷ − y)·x = 6.
        assertThat(json.get("loss").asDouble()).isEqualTo(9.0);
        assertThat(json.at("/layers/0").has("biases")).isFalse();
        assertThat(json.at("/layers/0/weights/0/0").asDouble()).isEqualTo(6.0);
        assertThat(json.at("/layers/0/weights/0/1").asDouble()).isEqualTo(6.0);
    }

    @Test
    void trainFromASpecOnlyModelLearnsThePeopleAndWritesTheModel() {
        Path spec = Files.write(dir, "spec.json", Files.SPEC_ONLY);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Path out = dir.resolve("trained.json");

        Run run = Run.of("train", "--model", spec.toString(), "--data", data.toString(), "--lr", "0.1", "--epochs", "1000",
                "--batch-size", "1", "--out", out.toString(), "--seed", "1", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode loss = run.json().get("loss");
        assertThat(loss).hasSize(1000);
        assertThat(loss.get(999).asDouble()).isLessThan(loss.get(0).asDouble()).isLessThan(0.01);
        Model trained = ModelFile.read(out);
        assertThat(trained.parameters()).isPresent();
        Path newcomers = Files.write(dir, "new.csv", "weight,height\n-7,-3\n20,2\n");
        JsonNode outputs = Run.of("predict", "--model", out.toString(), "--data", newcomers.toString(), "--json")
                .json().get("outputs");
        assertThat(outputs.get(0).get(0).asDouble()).as("Emily").isGreaterThan(0.5);
        assertThat(outputs.get(1).get(0).asDouble()).as("Frank").isLessThan(0.5);
    }

    @Test
    void trainWithTheSameSeedTwiceWritesTheSameModel() throws Exception {
        Path spec = Files.write(dir, "spec.json", Files.SPEC_ONLY);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        for (String name : new String[] {"a.json", "b.json"}) {
            assertThat(Run.of("train", "--model", spec.toString(), "--data", data.toString(), "--epochs", "20",
                    "--batch-size", "3", "--shuffle", "--seed", "5", "--out", dir.resolve(name).toString()).exitCode())
                    .isZero();
        }
        assertThat(java.nio.file.Files.readString(dir.resolve("a.json")))
                .isEqualTo(java.nio.file.Files.readString(dir.resolve("b.json")));
    }

    @Test
    void fullBatchTrainingTakesOneStepPerEpoch() {
        Path model = Files.write(dir, "m.json", """
                {"format": "backprop-model/1", "inputs": 1, "loss": "sse",
                 "layers": [{"units": 1, "activation": "identity", "bias": false, "weights": [[0]]}]}
                """);
        Path data = Files.write(dir, "d.csv", "x,y\n1,2\n2,4\n");
        Path out = dir.resolve("out.json");

        Run run = Run.of("train", "--model", model.toString(), "--data", data.toString(), "--lr", "0.1",
                "--epochs", "1", "--batch-size", "all", "--out", out.toString(), "--json");

        // One full-batch step from w = 0: ∂L/∂w = Σ 2(w·x − y)·x = −20, so w = 0.1 · 20 = 2: the exact fit, loss 0.
        assertThat(run.exitCode()).isZero();
        assertThat(ModelFile.read(out).parameters().orElseThrow().layer(0).weight(0, 0)).isEqualTo(2.0);
        assertThat(run.json().get("loss").get(0).asDouble()).isEqualTo(0.0);
    }

    @Test
    void namedFeatureAndTargetColumnsAreUsed() {
        Path model = Files.write(dir, "m.json", Files.FEEDFORWARD);
        Path data = Files.write(dir, "d.csv", "label,b,a\n1,3,2\n");

        JsonNode outputs = Run.of("predict", "--model", model.toString(), "--data", data.toString(),
                "--features", "a,b", "--targets", "label", "--json").json().get("outputs");

        assertThat(outputs.get(0).get(0).asDouble()).isEqualTo(0.7216325609518421);
    }

    @Test
    void backendsListsTheReferenceBackendAsSelected() {
        JsonNode json = Run.of("backends", "--json").json();
        assertThat(json.get("selected").asText()).isEqualTo("reference");
        assertThat(json.get("backends").findValuesAsText("name")).contains("reference");
    }
}
