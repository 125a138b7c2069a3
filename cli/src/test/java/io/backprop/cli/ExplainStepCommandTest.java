package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code explain --lr}: the step the article ends with, by the optimizer's definition and by the backend. */
class ExplainStepCommandTest {
    private static final Net221 ALL_ONES = Net221.of(1, 1, 1, 1, 1, 1, 0, 0, 0);

    @TempDir
    Path dir;

    private Path allOnes() {
        return Cli.write(dir, "all-ones.json", ALL_ONES.modelJson());
    }

    private Cli.Run alice(Object... more) {
        List<Object> args = new ArrayList<>(List.of("explain", "--model", allOnes(), "--input", "-2,-1", "--target",
                "1"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "dl4j"})
    void sgdEndsWithTheArticlesStepEachNewValueNextToTheBackendsOwn(String backend) {
        Cli.Run run = alice("--lr", "0.1", "--backend", backend);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("one step of sgd from a fresh state, η = 0.1\n")
                .contains("  w1 ← w1 − η·∂L/∂w1 = 0.998  [")
                .contains("  b3 ← b3 − η·∂L/∂b3 = 0.0238  [");
        String w1 = run.out().lines().filter(l -> l.startsWith("  w1 ← ")).findFirst().orElseThrow();
        double definition = Double.parseDouble(w1.substring(w1.indexOf('[') + 1, w1.indexOf(';')));
        double byBackend = Double.parseDouble(w1.substring(w1.indexOf("the backend: ") + 13, w1.indexOf(']')));
        assertThat(definition).isCloseTo(1 - 0.1 * 0.021469535265811107, within(1e-15));
        assertThat(byBackend).isCloseTo(definition, within(1e-12));
    }

    @Test
    void adamShowsItsQuantitiesAndRegularizationItsTerms() {
        Cli.Run run = alice("--lr", "0.01", "--optimizer", "adam", "--l2", "0.01", "--weight-decay", "0.1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("one step of adam (beta1 0.9, beta2 0.999, epsilon 1.0E-8) from a fresh state, η = 0.01,"
                        + " l2 0.01, weight decay 0.1 (times η)")
                .contains("  w1: g = ∂L/∂w1 + λ₂·w1 = ")
                .contains("      m = β1·0 + (1 − β1)·g = ")
                .contains("      v = β2·0 + (1 − β2)·g² = ")
                .contains("      α = η·√(1 − β2) / (1 − β1) = 0.00316  [")
                .contains("      u = α·m / (√v + ε) = ")
                .contains("      w1 ← w1 − (u + λ_wd·η·w1) = ")
                // L2 and weight decay are on the weights only, so the biases take adam's step alone.
                .contains("  b1: m = β1·0 + (1 − β1)·∂L/∂b1 = ")
                .contains("      b1 ← b1 − u = ");
    }

    @Test
    void theReadmesStepIsWhatTheCommandPrintsLineForLine() throws java.io.IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String command = "$ ./backprop explain --model examples/article/all-ones.json --input -2,-1 --target 1 --lr";
        String block = readme.substring(readme.indexOf(command));
        block = block.substring(block.indexOf('\n') + 1, block.indexOf("```"));

        Cli.Run run = alice("--lr", "0.01", "--optimizer", "adam");

        List<String> shown = block.lines().filter(l -> !l.strip().equals("…")).toList();
        assertThat(shown).hasSizeGreaterThan(5);
        assertThat(run.out().lines().toList()).containsSubsequence(shown);
    }

    @Test
    void jsonAddsTheStepAndLeavesEveryOtherKeyAsItWas() {
        JsonNode without = alice("--json").json();
        JsonNode with = alice("--json", "--lr", "0.1", "--optimizer", "nesterov").json();

        List<String> keys = new ArrayList<>();
        with.fieldNames().forEachRemaining(keys::add);
        List<String> before = new ArrayList<>();
        without.fieldNames().forEachRemaining(before::add);
        assertThat(keys).containsExactlyElementsOf(concat(before, "step"));
        for (String key : before) {
            assertThat(with.get(key)).as(key).isEqualTo(without.get(key));
        }
        JsonNode step = with.get("step");
        assertThat(step.get("optimizer").asText()).isEqualTo("nesterov");
        assertThat(step.get("hyperparameters").get("momentum").asDouble()).isEqualTo(0.9);
        assertThat(step.get("learningRate").asDouble()).isEqualTo(0.1);
        JsonNode w1 = step.get("parameters").get(0);
        assertThat(w1.get("name").asText()).isEqualTo("w1");
        assertThat(w1.get("terms").get(0).get("name").asText()).isEqualTo("v'");
        double gradient = with.get("parameters").get(0).get("gradient").asDouble();
        assertThat(w1.get("terms").get(0).get("value").asDouble()).isCloseTo(-0.1 * gradient, within(1e-18));
        assertThat(w1.get("formula").asText()).isEqualTo("w1 − u");
        assertThat(w1.get("updated").asDouble()).isCloseTo(w1.get("backend").asDouble(), within(1e-12));
        assertThat(step.get("largestDifference").asDouble()).isLessThan(1e-12);
    }

    @Test
    void aSummarisedNetworkSaysHowFarTheDefinitionIsFromTheBackend() {
        StringBuilder weights = new StringBuilder();
        for (int j = 0; j < 13; j++) {
            weights.append(j > 0 ? ", " : "").append("[").append(0.1 * (j - 6)).append("]");
        }
        Path model = Cli.write(dir, "wide.json", """
                {"format": "backprop-model/1", "inputs": 1, "loss": "mse",
                 "layers": [{"units": 13, "activation": "tanh", "bias": false, "weights": [%s]},
                            {"units": 1, "activation": "sigmoid", "bias": false, "weights": [[%s]]}]}
                """.formatted(weights, "1, ".repeat(12) + "1"));

        Cli.Run run = Cli.run("explain", "--model", model, "--input", "1", "--target", "1", "--lr", "0.1",
                "--optimizer", "rmsprop");
        JsonNode json = Cli.run("explain", "--model", model, "--input", "1", "--target", "1", "--lr", "0.1",
                "--json").json();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("one step of rmsprop (decay 0.95, epsilon 1.0E-8) from a fresh state, η = 0.1:"
                + " the new values by its definition and by the backend's own step differ by at most ");
        assertThat(json.get("step").get("largestDifference").asDouble()).isLessThan(1e-12);
        assertThat(json.get("step").has("parameters")).isFalse();
    }

    @Test
    void withoutLrThereIsNoStepAndItsOptionsAreRefusedNotIgnored() {
        Cli.Run plain = alice();
        Cli.Run optimizer = alice("--optimizer", "adam");
        Cli.Run noTarget = Cli.run("explain", "--model", allOnes(), "--input", "-2,-1", "--lr", "0.1");
        Cli.Run badRate = alice("--lr", "0");

        assertThat(plain.out()).doesNotContain("one step");
        assertThat(optimizer.exitCode()).isEqualTo(2);
        assertThat(optimizer.out()).isEmpty();
        assertThat(optimizer.errLines()).containsExactly("backprop: --optimizer and its options set the step that --lr"
                + " asks for; expected --lr η with them (see: backprop explain --help)");
        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.errLines()).containsExactly("backprop: --lr takes a step on the row's loss; expected"
                + " --target with it (see: backprop explain --help)");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.err()).contains("--lr").contains("learning rate: found 0.0");
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
