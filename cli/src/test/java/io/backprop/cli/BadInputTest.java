package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input exits 2 with one clear line on stderr, and never writes --out. */
class BadInputTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> badModels() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"format\": \"backprop-model/1\", \"inputs\": 2,", "not valid JSON"),
                Arguments.of("not JSON", "inputs = 2", "not valid JSON"),
                Arguments.of("another format version", Files.FEEDFORWARD.replace("backprop-model/1", "backprop-model/2"),
                        "format: found \"backprop-model/2\"; expected \"backprop-model/1\""),
                Arguments.of("weights of the wrong shape", Files.FEEDFORWARD.replace("[[0, 1]]", "[[0, 1, 2]]"),
                        "layers[1].weights[0]: found an array of 3; expected 2 numbers"),
                Arguments.of("an unknown activation", Files.FEEDFORWARD.replaceFirst("sigmoid", "sigmoidal"),
                        "layers[0].activation: unknown activation \"sigmoidal\""),
                Arguments.of("zero units", Files.SPEC_ONLY.replace("\"units\": 2", "\"units\": 0"),
                        "layers[0].units: found 0; expected a whole number, at least 1"),
                Arguments.of("a missing bias vector", Files.FEEDFORWARD.replace(", \"biases\": [0]", ""),
                        "layers[1].biases: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void aBadModelFileIsRefusedInOneLineNamingTheFileAndField(String what, String content, String message) {
        Path model = Files.write(dir, "model-" + what.replace(' ', '-') + ".json", content);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Path out = dir.resolve("never-" + what.replace(' ', '-') + ".json");

        Run run = Run.of("train", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());

        assertOneLineError(run, model.toString(), message);
        assertThat(out).doesNotExist();
    }

    static Stream<Arguments> badCsvFiles() {
        return Stream.of(
                Arguments.of("too few values", "weight,height,female\n-2,-1,1\n25,6\n", ":3: found 2 values; expected 3"),
                Arguments.of("a non-numeric cell", "weight,height,female\n-2,tall,1\n",
                        ":2:2 (height): found \"tall\"; expected a number"),
                Arguments.of("NaN", "weight,height,female\n-2,NaN,1\n", ":2:2 (height): found NaN; expected a finite number"),
                Arguments.of("infinity", "weight,height,female\n-2,-1,Infinity\n",
                        ":2:3 (female): found Infinity; expected a finite number"),
                Arguments.of("an empty file", "", ": empty; expected a header line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvFiles")
    void aBadCsvFileIsRefusedInOneLineNamingTheFileLineAndColumn(String what, String content, String message) {
        Path model = Files.write(dir, "spec.json", Files.SPEC_ONLY);
        Path data = Files.write(dir, "data-" + what.replace(' ', '-') + ".csv", content);
        Path out = dir.resolve("never.json");

        Run run = Run.of("train", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());

        assertOneLineError(run, data.toString(), message);
        assertThat(out).doesNotExist();
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--lr", "-0.1"), "learning rate: found -0.1; expected a positive, finite number"),
                Arguments.of(List.of("--lr", "fast"), "'fast' is not a double"),
                Arguments.of(List.of("--lr", "NaN"), "learning rate: found NaN"),
                Arguments.of(List.of("--batch-size", "0"), "batch size: found 0; expected a whole number of rows"),
                Arguments.of(List.of("--epochs", "0"), "epochs: found 0; expected at least 1"),
                Arguments.of(List.of("--backend", "nope"), "backend \"nope\" not found; the backends found are: dl4j, reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionIsRefusedInOneLine(List<String> option, String message) {
        Path model = Files.write(dir, "spec.json", Files.SPEC_ONLY);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Path out = dir.resolve("never.json");
        List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--data", data.toString(),
                "--out", out.toString()));
        args.addAll(option);

        Run run = Run.of(args.toArray(String[]::new));

        assertOneLineError(run, "", message);
        assertThat(out).doesNotExist();
    }

    @Test
    void aSpecOnlyModelIsRefusedByPredictAndGradient() {
        Path model = Files.write(dir, "spec.json", Files.SPEC_ONLY);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        for (String command : new String[] {"predict", "gradient"}) {
            Run run = Run.of(command, "--model", model.toString(), "--data", data.toString());
            assertOneLineError(run, model.toString(), "a spec only");
        }
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Run run = Run.of("predict", "--model", dir.resolve("missing.json").toString(), "--data", data.toString());
        assertOneLineError(run, "missing.json", "no such file");
    }

    @Test
    void trainingWhoseLossBecomesNanFailsAndLeavesAnExistingOutFileAsItWas() throws Exception {
        Path model = Files.write(dir, "linear.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "sse",
                 "layers": [{"units": 4, "activation": "identity"}, {"units": 1, "activation": "identity"}]}
                """);
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Path out = Files.write(dir, "precious.json", "an earlier model\n");
        long filesBefore;
        try (Stream<Path> files = java.nio.file.Files.list(dir)) {
            filesBefore = files.count();
        }

        Run run = Run.of("train", "--model", model.toString(), "--data", data.toString(), "--lr", "1000",
                "--epochs", "100", "--out", out.toString());

        assertOneLineError(run, "", "the loss became");
        assertThat(java.nio.file.Files.readString(out)).isEqualTo("an earlier model\n");
        try (Stream<Path> files = java.nio.file.Files.list(dir)) {
            assertThat(files.count()).as("no temporary file is left behind").isEqualTo(filesBefore);
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Run run = Run.of("predict", "--model", dir.resolve("missing.json").toString(), "--data", data.toString(),
                "--verbose");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().size()).isGreaterThan(1);
        assertThat(run.err()).contains("ModelFileException").contains("\tat ");
    }

    @Test
    void jsonModeKeepsStdoutEmptyOnError() {
        Path data = Files.write(dir, "people.csv", Files.PEOPLE);
        Run run = Run.of("predict", "--model", dir.resolve("missing.json").toString(), "--data", data.toString(),
                "--json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }

    private static void assertOneLineError(Run run, String where, String message) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.errLines()).as("stderr").hasSize(1);
        assertThat(run.err()).startsWith("backprop: ").contains(where).contains(message).doesNotContain("\tat ");
    }
}
