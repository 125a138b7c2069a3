package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plot} on train, demo and check: the pictures are written, and bad paths are refused with nothing written. */
class PlotTest {
    @TempDir
    Path dir;

    private Cli.Run train(String backend, Path plot) {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        return Cli.run("train", "--model", spec, "--data", data, "--epochs", 200, "--out", dir.resolve("out.json"),
                "--plot", plot, "--backend", backend);
    }

    @Test
    void trainDrawsTheLossCurveOnTheReferenceBackend() {
        Path png = dir.resolve("loss.png");

        Cli.Run run = train("reference", png);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("loss curve " + png);
        Pictures.readPng(png);
    }

    @Test
    void trainDrawsTheLossCurveOnDl4j() {
        Path png = dir.resolve("loss.png");

        Cli.Run run = train("dl4j", png);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Pictures.readPng(png);
    }

    @Test
    void demoDrawsTheLossCurveOnBothBackends() {
        for (String backend : new String[] {"reference", "dl4j"}) {
            Path png = dir.resolve(backend + ".png");

            Cli.Run run = Cli.run("demo", "--epochs", 100, "--plot", png, "--backend", backend, "--json");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().get("loss")).hasSize(100);
            Pictures.readPng(png);
        }
    }

    @Test
    void aPlotThatIsNotAPngIsRefusedBeforeTrainingAndNothingIsWritten() {
        Cli.Run run = train("reference", dir.resolve("loss.svg"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--plot").contains("found the extension .svg").contains("expected .png");
        assertThat(run.out()).isEmpty();
        assertThat(Cli.listing(dir)).containsExactly("people.csv", "spec.json");
    }

    @Test
    void aPlotInAMissingDirectoryIsRefusedAndNothingIsWritten() {
        Cli.Run run = Cli.run("demo", "--plot", dir.resolve("missing/loss.png"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--plot").contains("does not exist");
        assertThat(run.out()).isEmpty();
        assertThat(Cli.listing(dir)).isEmpty();
    }

    @Test
    void aFailedTrainingRunDrawsNoPicture() {
        Path data = Cli.write(dir, "people.csv", "weight,height,gender\n-2,-1,1\n25,six,0\n");
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run run = Cli.run("train", "--model", spec, "--data", data, "--out", dir.resolve("out.json"),
                "--plot", dir.resolve("loss.png"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(Files.exists(dir.resolve("loss.png"))).isFalse();
        assertThat(Cli.listing(dir)).containsExactly("people.csv", "spec.json");
    }

    @Test
    void checkDrawsTheDifferencesPerParameter() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path model = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Path png = dir.resolve("diff.png");

        Cli.Run run = Cli.run("check", "--model", model, "--data", data, "--epochs", 20, "--plot", png);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Pictures.readPng(png);
    }

    @Test
    void checkRefusesAPlotThatIsNotAPng() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path model = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run run = Cli.run("check", "--model", model, "--data", data, "--plot", dir.resolve("diff"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--plot").contains("found no extension").contains("expected .png");
        assertThat(Cli.listing(dir)).containsExactly("people.csv", "spec.json");
    }
}
