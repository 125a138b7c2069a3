package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that fails writes nothing and leaves nothing: every output is checked before training,
 * the picture is drawn before the model is written, and a diverged run writes no model. Each failure
 * is one line and exit 2.
 */
class FailureLeavesNothingTest {
    private static final String OLD = "the model trained yesterday\n";

    @TempDir
    Path dir;

    private Path out;

    private Cli.Run train(Object... more) {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        out = Cli.write(dir, "out.json", OLD);
        Object[] base = {"train", "--model", spec, "--data", dir.resolve("people.csv"), "--out", out, "--epochs", 20};
        Object[] args = new Object[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private void assertFailedInOneLineLeaving(Cli.Run run, String message, String... files) throws IOException {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString().contains(message)
                .doesNotContain("Exception");
        assertThat(Files.readString(out)).isEqualTo(OLD);
        assertThat(Cli.listing(dir)).containsExactlyInAnyOrder(files);
    }

    @Test
    void aPlotPathThatIsADirectoryFailsBeforeTraining() throws IOException {
        Files.createDirectory(dir.resolve("loss.png"));
        Cli.Run run = train("--plot", dir.resolve("loss.png"));
        assertFailedInOneLineLeaving(run, "--plot " + dir.resolve("loss.png") + ": cannot be written (is a directory",
                "loss.png", "out.json", "people.csv", "spec.json");
        assertThat(run.out()).doesNotContain("training");
    }

    @Test
    void aPlotWhereNoFileCanBeMadeFailsBeforeTraining() throws IOException {
        Path sys = Path.of("/sys/kernel");
        assumeTrue(Files.isDirectory(sys), "a /sys file system");
        Cli.Run run = train("--plot", sys.resolve("loss.png"));
        assertFailedInOneLineLeaving(run, "--plot /sys/kernel/loss.png: cannot be written", "out.json", "people.csv",
                "spec.json");
    }

    @Test
    void aPlotWithoutALossToDrawFailsBeforeTraining() throws IOException {
        Cli.Run run = train("--loss-every", 50, "--plot", dir.resolve("loss.png"));
        assertFailedInOneLineLeaving(run, ": no loss to draw, since --loss-every 50 is beyond --epochs 20",
                "out.json", "people.csv", "spec.json");
    }

    @Test
    void anOutThatIsADeviceIsRefusedAndTheDeviceLeftAlone() {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "a /dev/null device");
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run run = Cli.run("train", "--model", spec, "--data", dir.resolve("people.csv"), "--out", devNull,
                "--epochs", 1);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("backprop: /dev/null: cannot be written (is a character device, not a regular file;"
                        + " expected a regular file or a new name)");
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }

    @Test
    void aRunThatDivergesBetweenLossesFailsAndWritesNothing() throws IOException {
        // A linear unit with η = 0.5 on these features overflows to NaN well before epoch 500; no loss is computed.
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path linear = Cli.write(dir, "linear.json", "{\"format\": \"backprop-model/1\", \"inputs\": 2, \"loss\":"
                + " \"mse\", \"layers\": [{\"units\": 1, \"activation\": \"identity\"}]}");
        out = Cli.write(dir, "out.json", OLD);

        Cli.Run run = Cli.run("train", "--model", linear, "--data", dir.resolve("people.csv"), "--out", out,
                "--epochs", 500, "--lr", 0.5, "--loss-every", 1000, "--json");

        assertFailedInOneLineLeaving(run, "backprop: training: the parameters became NaN or infinite between epochs 1"
                + " and 500; expected finite weights and biases (a smaller learning rate than 0.5 may help)",
                "linear.json", "out.json", "people.csv");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void parametersLargeEnoughToHaveDivergedAreWrittenWithAWarning() throws IOException {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        // Weights near 1e20 and a learning rate that keeps them finite: the model is written, with a warning.
        Path big = Cli.write(dir, "big.json", Net221.of(1e20, 1, 1, 1, 1, 1, 0, 0, 0).modelJson());
        Cli.Run run = Cli.run("train", "--model", big, "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("trained.json"), "--epochs", 1, "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: warning: a weight or bias reached 1.00e+20; at that size float64 cannot tell"
                        + " apart values closer than 1.64e+04");
        assertThat(dir.resolve("trained.json")).exists();
    }

    @Test
    void runningOutOfMemoryIsOneLineNamingWhatAndWhatToSet() {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        // The most weights a network may hold: 16 GB of doubles, beyond any test JVM's heap.
        Path huge = Cli.write(dir, "huge.json", "{\"format\": \"backprop-model/1\", \"inputs\": 1, \"loss\": \"mse\","
                + " \"layers\": [{\"units\": 2147483639, \"activation\": \"identity\", \"bias\": false}]}");
        assumeTrue(Runtime.getRuntime().maxMemory() < 8L * 2147483639L, "a heap smaller than the network");

        Cli.Run run = Cli.run("train", "--model", huge, "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("trained.json"), "--epochs", 1);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: out of memory while setting up 2,147,483,639 weights and biases: the Java heap"
                        + " holds at most ")
                .contains("; give it more with BACKPROP_HEAP=");
        assertThat(dir.resolve("trained.json")).doesNotExist();
    }

    @Test
    void aMultiLineMessageIsPrintedOnOneLine() {
        Path model = Cli.write(dir, "model.json", "{\"format\": \"backprop-model/1\\nsecond line\"}");
        Cli.Run run = Cli.run("predict", "--model", model, "--data", Cli.write(dir, "d.csv", "a,b\n1,2\n"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("found \"backprop-model/1\\nsecond line\"");
    }

    @Test
    void aDataFileWithoutLineEndsIsRefusedAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "/dev/zero");
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Cli.Run run = Cli.run("train", "--model", spec, "--data", zero, "--out", dir.resolve("o.json"),
                "--max-line-length", 4096);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("backprop: /dev/zero:1: a line longer than 4096 characters; expected CSV lines of at most"
                        + " 4096 characters (the command's --max-line-length raises the limit)");
    }
}
