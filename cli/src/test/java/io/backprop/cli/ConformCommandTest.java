package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.Kit;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop conform}: the kit on an installed backend, without JUnit. */
class ConformCommandTest {
    /** Not a time limit on the test: only what keeps a hung child from hanging the build. */
    private static final Duration SAFETY_BOUND = Duration.ofMinutes(10);

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @TempDir
    Path dir;

    /** The reference backend with every weight 1% larger: a backend that computes something else. */
    public static final class Skewed implements Backend {
        @Override
        public String name() {
            return "skewed";
        }

        @Override
        public String description() {
            return "the reference backend with every weight 1% larger";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            List<LayerParameters> layers = new ArrayList<>();
            for (LayerParameters layer : parameters.layers()) {
                double[][] weights = layer.weights();
                for (double[] row : weights) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] *= 1.01;
                    }
                }
                layers.add(LayerParameters.of(weights, layer.hasBiases() ? layer.biases() : null));
            }
            return Backends.named("reference").create(spec, Parameters.of(layers));
        }
    }

    @Test
    void theReferenceBackendPassesEveryCaseAndTheReportIsWrittenBesideTheSummary() {
        Path out = dir.resolve("reports");
        Cli.Run run = Cli.run("conform", "--backend", "reference", "--out", out);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        int cases = Kit.cases().size();
        assertThat(run.out()).startsWith("# Conformance of `reference`\n")
                .contains(", float64 profile (tolerances: outputs 1e-12, ")
                // reference has no native model format: the one optional case does not apply.
                .contains("**" + cases + " cases: " + (cases - 1) + " passed, 0 failed, 0 skipped, 1 not applicable."
                        + " Result: passed.**")
                .contains("| article | 7 | 7 | 0 | 0 | 0 |")
                .contains("| `registration.native-format` | the backend offers no native model format |")
                .endsWith("written: " + out.resolve("reference.json") + ", " + out.resolve("reference.md") + "\n");
        assertThat(Cli.listing(out)).containsExactly("reference.json", "reference.md");
        JsonNode report = Cli.readJson(out.resolve("reference.json"));
        assertThat(report.get("format").asText()).isEqualTo("backprop-conformance-report/1");
        assertThat(report.get("kitVersion").asText()).isEqualTo(System.getProperty("backprop.pom.version"));
        assertThat(report.get("backend").asText()).isEqualTo("reference");
        assertThat(report.get("profile").asText()).isEqualTo("float64");
        assertThat(report.get("result").asText()).isEqualTo("passed");
        assertThat(report.at("/counts/passed").asInt()).isEqualTo(cases - 1);
        assertThat(report.at("/counts/notApplicable").asInt()).isEqualTo(1);
        assertThat(report.get("cases").get(0).get("id").asText()).isEqualTo("article.neuron");
    }

    @Test
    void jsonPrintsTheReportAsWrittenAndNothingElse() throws Exception {
        Cli.Run run = Cli.run("conform", "--backend", "reference-textbook", "--json", "--out", dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json()).isEqualTo(Cli.readJson(dir.resolve("reference-textbook.json")));
        assertThat(run.json().get("backend").asText()).isEqualTo("reference-textbook");
    }

    @Test
    void theFloat32ProfileIsNamedInTheReport() {
        Cli.Run run = Cli.run("conform", "--backend", "reference", "--profile", "float32", "--json", "--out", dir);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("profile").asText()).isEqualTo("float32");
        assertThat(run.json().at("/tolerances/outputs").asDouble()).isEqualTo(0x1p-11);
    }

    @Test
    void aCaseThatFailsExitsTwoWithOneLineAndTheReportSaysWhat() {
        Path out = dir.resolve("reports");
        Cli.Run run = BrokenProviders.listed(dir.resolve("providers"), () -> Cli.run("conform", "--backend", "skewed",
                "--out", out), Skewed.class.getName());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .matches("backprop: \\d+ of " + Kit.cases().size() + " conformance cases failed on skewed, first"
                        + " article\\.neuron: output\\[0\\]\\[0\\]: worst difference .*; tolerance 1e-12 \\(see "
                        + java.util.regex.Pattern.quote(out.resolve("skewed.md").toString()) + "\\)");
        assertThat(run.out()).contains("Result: failed.").contains("## Failed\n");
        JsonNode report = Cli.readJson(out.resolve("skewed.json"));
        assertThat(report.get("result").asText()).isEqualTo("failed");
        JsonNode neuron = report.get("cases").get(0);
        assertThat(neuron.get("status").asText()).isEqualTo("failed");
        assertThat(neuron.get("worst").asDouble()).isPositive();
        assertThat(neuron.get("tolerance").asDouble()).isEqualTo(1e-12);
    }

    @Test
    void anUnknownBackendIsOneLineAndNothingIsWritten() {
        Path out = dir.resolve("reports");
        Cli.Run run = Cli.run("conform", "--backend", "nope", "--out", out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("backprop: backend \"nope\" not found");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeAnyCaseRuns() throws Exception {
        Path file = Cli.write(dir, "taken", "a file");
        Cli.Run run = Cli.run("conform", "--backend", "reference", "--out", file);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("backprop: --out " + file + ": is a file; expected a directory,"
                + " or a new name");
        assertThat(Files.readString(file)).isEqualTo("a file");
    }

    @Test
    void itRunsWithoutJUnitOnTheClassPathAsTheCommandShips() throws Exception {
        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isJUnit(Path.of(entry).getFileName().toString()))
                .filter(entry -> !entry.endsWith("test-classes"))
                .toList();
        assertThat(classPath).as("the class path, JUnit left out").isNotEmpty()
                .noneMatch(entry -> entry.contains("junit"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", String.join(File.pathSeparator, classPath), BackpropCommand.class.getName(),
                "conform", "--backend", "reference", "--out", "reports");
        Process process = processes.start(new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()));

        assertThat(process.waitFor(SAFETY_BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("the command ends").isTrue();
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; stderr: %s", said).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("Result: passed.");
        assertThat(Cli.readJson(dir.resolve("reports").resolve("reference.json")).get("result").asText())
                .isEqualTo("passed");
    }

    /** Whether a class-path entry is JUnit's, or a library only JUnit brings. */
    private static boolean isJUnit(String name) {
        return name.startsWith("junit-") || name.startsWith("opentest4j-") || name.startsWith("apiguardian-")
                || name.startsWith("surefire") || name.startsWith("assertj-");
    }
}
