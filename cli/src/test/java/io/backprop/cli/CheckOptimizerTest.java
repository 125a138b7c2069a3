package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --epochs N} with train's optimizer, regularization and schedule options. */
class CheckOptimizerTest {
    private static final Net221 START = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);

    @TempDir
    Path dir;

    private Cli.Run check(Object... more) {
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        List<Object> args = new ArrayList<>(List.of("check", "--model", model, "--data", data, "--json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    /** The textbook backend's row of {@code kind}: the one every checkout has beside the fast reference. */
    private static JsonNode textbook(Cli.Run run, String kind) {
        for (JsonNode row : run.json().get("differences")) {
            if (row.get("backend").asText().equals("reference-textbook") && row.get("kind").asText().equals(kind)) {
                return row;
            }
        }
        throw new AssertionError("no reference-textbook row of " + kind + " in " + run);
    }

    @Test
    void theTrajectoriesCompareAfterEpochsOfAdamWithRegularizationAndASchedule() {
        Cli.Run run = check("--epochs", 20, "--optimizer", "adam", "--lr", 0.05, "--l2", 0.01, "--lr-schedule",
                "step:0.5:5");

        JsonNode row = textbook(run, "parameters after 20 epochs");
        assertThat(row.get("within").asBoolean()).as(run.toString()).isTrue();
        assertThat(row.get("worst").asDouble()).isLessThanOrEqualTo(row.get("tolerance").asDouble());
    }

    @Test
    void theTextNamesTheTrainingTheParametersAreComparedAfter() {
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run adam = Cli.run("check", "--model", model, "--data", data, "--epochs", 5, "--optimizer", "adam",
                "--beta2", 0.99, "--weight-decay", 0.1);
        Cli.Run none = Cli.run("check", "--model", model, "--data", data);

        assertThat(adam.exitCode()).as(adam.toString()).isZero();
        assertThat(adam.out().lines().toList()).contains("parameters compared after training: adam (beta1 0.9,"
                + " beta2 0.99, epsilon 1.0E-8), η = 0.001, weight decay 0.1 (times η), 5 epochs, batch size 1");
        assertThat(none.out()).doesNotContain("parameters compared after training");
    }

    @Test
    void anOptimizerOptionWithoutEpochsIsRefusedRatherThanIgnored() {
        Cli.Run run = check("--optimizer", "adam");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("backprop: --lr, --optimizer and their options set the training that"
                + " --epochs asks for; expected --epochs N with them (see: backprop check --help)");
    }

    @Test
    void aBadHyperparameterIsRefusedNamingItsOption() {
        Cli.Run run = check("--epochs", 5, "--optimizer", "rmsprop", "--beta1", 0.5);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("backprop: --beta1 is a hyperparameter of adam, not of rmsprop;"
                + " expected --optimizer adam, or no --beta1 (see: backprop check --help)");
    }
}
