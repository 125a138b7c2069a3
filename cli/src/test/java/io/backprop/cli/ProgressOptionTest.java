package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --progress} on the commands that train, run in-process with stdout and stderr captured. */
class ProgressOptionTest {
    @TempDir
    Path dir;

    private Cli.Run train(String out, Object... more) {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Object[] base = {"train", "--model", dir.resolve("spec.json"), "--data", dir.resolve("people.csv"),
            "--out", dir.resolve(out), "--epochs", 300, "--backend", "reference"};
        Object[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    /** The bar's drawings on stderr, each after a carriage return. */
    private static List<String> frames(String err) {
        return Arrays.stream(err.strip().split("\r")).filter(f -> !f.isEmpty()).toList();
    }

    @Test
    void aBarOnStderrShowsEpochsLossRateAndTimeLeftWhileStdoutGetsTheSameLinesAsWithoutIt() {
        Cli.Run lines = train("lines.json", "--progress", "lines");
        Cli.Run bar = train("bar.json", "--progress", "bar");

        assertThat(bar.exitCode()).as(bar.toString()).isZero();
        assertThat(lines.err()).isEmpty();
        assertThat(bar.err()).startsWith("\r").endsWith(System.lineSeparator());
        String last = frames(bar.err()).get(frames(bar.err()).size() - 1);
        String finalLoss = lines.out().lines().filter(l -> l.startsWith("  epoch    300")).findFirst().orElseThrow()
                .replaceAll(".*loss ", "");
        assertThat(last).matches("epoch 300/300 │█+│ loss " + finalLoss.replace(".", "\\.")
                + " +[0-9.]+ epochs/s  0:00:00 left *");
        assertThat(bar.out().replace("bar.json", "OUT")).isEqualTo(lines.out().replace("lines.json", "OUT"));
        assertThat(Cli.readJson(dir.resolve("bar.json"))).isEqualTo(Cli.readJson(dir.resolve("lines.json")));
    }

    @Test
    void withJsonThereIsNoProgressAtAllEvenWhenABarIsAskedFor() {
        Cli.Run run = train("out.json", "--progress", "bar", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.json().get("loss")).hasSize(300);
    }

    @Test
    void progressNoneLeavesOnlyTheHeaderAndTheWrittenLine() {
        Cli.Run run = train("out.json", "--progress", "none");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("epoch    ").contains("training ").contains("wrote ");
    }

    @Test
    void theDemoDrawsItsBarOnStderrAndKeepsItsLossTableOnStdout() {
        Cli.Run lines = Cli.run("demo", "--progress", "lines");
        Cli.Run bar = Cli.run("demo", "--progress", "bar");

        assertThat(bar.exitCode()).as(bar.toString()).isZero();
        assertThat(frames(bar.err()).get(frames(bar.err()).size() - 1)).startsWith("epoch 1000/1000 │");
        assertThat(bar.out()).isEqualTo(lines.out()).contains("   1000  0.");
        Cli.Run json = Cli.run("demo", "--progress", "bar", "--json");
        assertThat(json.err()).isEmpty();
        assertThat(json.json().get("loss")).hasSize(1000);
    }

    @Test
    void anUnknownModeIsABadOptionValue() {
        Cli.Run run = train("out.json", "--progress", "fancy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--progress").contains("fancy");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
