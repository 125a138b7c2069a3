package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.model.SavedTraining;
import io.backprop.optimizer.Optimizer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code train --resume} and {@code --checkpoint-every}: 100 epochs run as 60 then 40, through the
 * model file between, give the parameters of 100 in one go, bit for bit on one backend and within
 * the kit's trajectory tolerance across backends; a run killed at any moment leaves its last
 * checkpoint whole.
 */
class TrainResumeTest {
    private static final Net221 START = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    private Path people() {
        return Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
    }

    private Cli.Run train(Path model, String out, String backend, int epochs, String... more) {
        List<Object> args = new ArrayList<>(List.of("train", "--model", model, "--data", dir.resolve("people.csv"),
                "--out", dir.resolve(out), "--epochs", epochs, "--backend", backend, "--batch-size", 3, "--shuffle",
                "--seed", 7, "--json"));
        args.addAll(List.of(more));
        Cli.Run run = Cli.run(args.toArray());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    @ParameterizedTest(name = "{0} then {1}, {2}")
    @CsvSource({"reference, reference, adam", "reference, reference, nesterov", "dl4j, dl4j, rmsprop",
        "reference, dl4j, adam", "dl4j, reference, adam", "reference-textbook, reference, adagrad"})
    void sixtyThenFortyEpochsThroughTheFileAreAHundredInOneGo(String first, String then, String optimizer) {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        train(model, "whole.json", first, 100, "--optimizer", optimizer, "--l2", "0.001");
        train(model, "sixty.json", first, 60, "--optimizer", optimizer, "--l2", "0.001");
        train(dir.resolve("sixty.json"), "resumed.json", then, 40, "--resume");

        Model whole = ModelFile.read(dir.resolve("whole.json"));
        Model resumed = ModelFile.read(dir.resolve("resumed.json"));
        SavedTraining saved = resumed.training().orElseThrow();
        assertThat(saved.state().epoch()).isEqualTo(100);
        assertThat(saved.state().iteration()).isEqualTo(200);
        assertThat(saved.optimizer().name()).isEqualTo(optimizer);
        if (first.equals(then)) {
            assertThat(resumed.parameters()).isEqualTo(whole.parameters());
            assertThat(saved.state()).isEqualTo(whole.training().orElseThrow().state());
        } else {
            assertClose(resumed.parameters().orElseThrow(), whole.parameters().orElseThrow());
        }
    }

    @Test
    void resumingAFileWithoutTrainingStateOrWithAnotherOptimizerIsRefusedInOneLine() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Cli.Run none = Cli.run("train", "--model", model, "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("out.json"), "--resume");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLines()).containsExactly("backprop: " + model + ": holds no \"training\" entry; expected a"
                + " model written by train, which keeps where training stands, to --resume from");

        Cli.Run other = Cli.run("train", "--model", model, "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("out.json"), "--resume", "--optimizer", "adam");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.errLines().get(0)).startsWith("backprop: --resume goes on with the optimizer, schedule and"
                + " regularization --model was trained with");
        assertThat(Cli.listing(dir)).containsExactly("model.json", "people.csv");
    }

    @Test
    void everyTrainedModelKeepsItsTrainingStateAndANewRunStartsAfreshUnlessResumed() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        train(model, "a.json", "reference", 5, "--optimizer", "adam");
        SavedTraining saved = ModelFile.read(dir.resolve("a.json")).training().orElseThrow();
        assertThat(saved.optimizer()).isEqualTo(Optimizer.adam());
        assertThat(saved.learningRate()).isEqualTo(1e-3);
        assertThat(saved.state().epoch()).isEqualTo(5);

        Cli.Run again = Cli.run("train", "--model", dir.resolve("a.json"), "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("b.json"), "--epochs", 5);
        assertThat(again.out()).contains(dir.resolve("a.json") + " holds a training state; starting a new one"
                + " (--resume goes on from it)");
        SavedTraining fresh = ModelFile.read(dir.resolve("b.json")).training().orElseThrow();
        assertThat(fresh.optimizer()).isEqualTo(Optimizer.sgd());
        assertThat(fresh.state().epoch()).isEqualTo(5);
    }

    @Test
    void checkpointsAreTheRunAsItStoodAfterEveryNthEpoch() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        train(model, "ten.json", "reference", 10, "--optimizer", "adam");
        // The last checkpoint of a 12-epoch run is epoch 10's; the final write then replaces it with epoch 12's.
        train(model, "twelve.json", "reference", 12, "--optimizer", "adam", "--checkpoint-every", "5");
        Model twelve = ModelFile.read(dir.resolve("twelve.json"));
        assertThat(twelve.training().orElseThrow().state().epoch()).isEqualTo(12);
        train(dir.resolve("ten.json"), "resumed.json", "reference", 2, "--resume");
        assertThat(ModelFile.read(dir.resolve("resumed.json")).parameters()).isEqualTo(twelve.parameters());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety bound only: the test waits on the child's own lines
    void aRunKilledAnyMomentLeavesItsLastCheckpointWhole() throws Exception {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Path out = dir.resolve("checkpoint.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), BackpropCommand.class.getName(), "train", "--model",
                model.toString(), "--data", dir.resolve("people.csv").toString(), "--out", out.toString(),
                "--epochs", "100000000", "--optimizer", "adam", "--checkpoint-every", "1", "--progress", "lines",
                "--every", "1"));
        Process child = processes.start(new ProcessBuilder(command).redirectErrorStream(true));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            // Each checkpoint is written after its epoch's line: once epoch 50's line is out, 49 have been.
            while ((line = lines.readLine()) != null && !line.matches(" {2}epoch +50 .*")) {
                seen++;
            }
            assertThat(line).as("the child's output ended after %d lines", seen).isNotNull();
            StartedProcesses.killWithDescendants(child);
        }
        Model left = ModelFile.read(out);
        assertThat(left.training().orElseThrow().state().epoch()).isGreaterThanOrEqualTo(49);
        // Killed during a write, the child leaves its temporary file; the next write to the same file,
        // here the resumed run's, removes it.
        train(out, "checkpoint.json", "reference", 1, "--resume");
        assertThat(ModelFile.read(out).training().orElseThrow().state().epoch())
                .isEqualTo(left.training().orElseThrow().state().epoch() + 1);
        assertThat(Cli.listing(dir)).containsExactly("checkpoint.json", "model.json", "people.csv");
    }

    /** Each weight and bias within the kit's trajectory tolerance, relative to the larger of 1 and its size. */
    private static void assertClose(Parameters actual, Parameters expected) {
        for (int l = 0; l < expected.layers().size(); l++) {
            LayerParameters a = actual.layer(l);
            LayerParameters e = expected.layer(l);
            for (int j = 0; j < e.units(); j++) {
                for (int i = 0; i < e.inputs(); i++) {
                    assertThat(a.weight(j, i)).as("layer %d weight [%d][%d]", l, j, i)
                            .isCloseTo(e.weight(j, i), org.assertj.core.api.Assertions.within(
                                    Tolerances.TRAJECTORY * Math.max(1, Math.abs(e.weight(j, i)))));
                }
                if (e.hasBiases()) {
                    assertThat(a.bias(j)).as("layer %d bias [%d]", l, j).isCloseTo(e.bias(j),
                            org.assertj.core.api.Assertions.within(Tolerances.TRAJECTORY
                                    * Math.max(1, Math.abs(e.bias(j)))));
                }
            }
        }
    }
}
