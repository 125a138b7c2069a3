package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input exits 2 with one line on stderr that says where the problem is, prints
 * nothing on stdout with --json, adds a stack trace only with --verbose, and never touches --out.
 */
class BadInputTest {
    private static final String MODEL = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25).modelJson();
    private static final String CSV = ArticleFiles.PEOPLE;
    private static final String OUT_BYTES = "{\"an\": \"existing file that a failed run must keep\"}\n";

    @TempDir
    Path dir;

    /** One bad input, run as one command; {@code fragments} must all be in the error line. */
    record Case(String description, String command, String model, String csv, List<String> args,
                List<String> fragments) {
        @Override
        public String toString() {
            return description + " [" + command + "]";
        }
    }

    private static String model(String layers) {
        return "{\"format\": \"backprop-model/1\", \"inputs\": 2, \"loss\": \"mse\",\n \"layers\": " + layers + "}\n";
    }

    private static final String HIDDEN = "{\"units\": 2, \"activation\": \"sigmoid\", \"weights\": [[0, 1], [0, 1]], "
            + "\"biases\": [0, 0]}";
    private static final String OUTPUT = "{\"units\": 1, \"activation\": \"sigmoid\", \"weights\": [[0, 1]], "
            + "\"biases\": [0]}";

    /** Bad model or data files: every command that reads them refuses them. */
    private static List<Case> badFiles() {
        List<Case> files = new ArrayList<>();
        files.add(new Case("a truncated model file", null,
                "{\"format\": \"backprop-model/1\", \"inputs\": 2,\n \"loss\": \"mse\", \"layers\": [{\"units\": 2,", CSV,
                List.of(), List.of("model.json:2:", "not valid JSON")));
        files.add(new Case("a model file that is not JSON", null, "weights = 1, 2\n", CSV,
                List.of(), List.of("model.json:1:", "not valid JSON")));
        files.add(new Case("an empty model file", null, "", CSV, List.of(), List.of("model.json", "empty")));
        files.add(new Case("another format version", null,
                MODEL.replace("backprop-model/1", "backprop-model/2"), CSV,
                List.of(), List.of("model.json", "format", "backprop-model/2")));
        files.add(new Case("a weights row of the wrong length", null,
                model("[" + HIDDEN.replace("[[0, 1], [0, 1]]", "[[0, 1, 2], [0, 1, 2]]") + ", " + OUTPUT + "]"), CSV,
                List.of(), List.of("model.json", "layers[0].weights[0]", "expected 2 numbers")));
        files.add(new Case("a weights matrix with too few rows", null,
                model("[" + HIDDEN.replace("[[0, 1], [0, 1]]", "[[0, 1]]") + ", " + OUTPUT + "]"), CSV,
                List.of(), List.of("model.json", "layers[0].weights", "expected 2 rows")));
        files.add(new Case("an unknown activation", null,
                model("[" + HIDDEN + ", " + OUTPUT.replace("sigmoid", "sigmoidal") + "]"), CSV,
                List.of(), List.of("model.json", "layers[1].activation", "sigmoidal")));
        files.add(new Case("a layer of zero units", null,
                model("[" + HIDDEN.replace("\"units\": 2", "\"units\": 0") + ", " + OUTPUT + "]"), CSV,
                List.of(), List.of("model.json", "layers[0].units", "found 0")));
        files.add(new Case("a missing bias vector", null,
                model("[" + HIDDEN + ", " + OUTPUT.replace(", \"biases\": [0]", "") + "]"), CSV,
                List.of(), List.of("model.json", "layers[1].biases", "missing")));
        files.add(new Case("a misspelt field", null,
                model("[" + HIDDEN.replace("\"weights\"", "\"weigths\"") + ", " + OUTPUT + "]"), CSV,
                List.of(), List.of("model.json", "layers[0].weigths", "unknown field")));
        files.add(new Case("biases on a layer without bias", null,
                model("[" + HIDDEN.replace("\"units\": 2,", "\"units\": 2, \"bias\": false,") + ", " + OUTPUT + "]"),
                CSV, List.of(), List.of("model.json", "layers[0].biases", "\"bias\": false")));
        files.add(new Case("no model file", null, null, CSV, List.of(), List.of("model.json", "no such file")));
        files.add(new Case("a CSV row with too few values", null, MODEL,
                "weight,height,gender\n-2,-1,1\n25,6\n", List.of(), List.of("data.csv:3", "found 2 values")));
        files.add(new Case("a non-numeric cell", null, MODEL,
                "weight,height,gender\n-2,tall,1\n", List.of(), List.of("data.csv:2:2", "height", "tall")));
        files.add(new Case("NaN in the CSV", null, MODEL,
                "weight,height,gender\n-2,-1,1\nNaN,6,0\n", List.of(), List.of("data.csv:3:1", "weight", "NaN")));
        files.add(new Case("infinity in the CSV", null, MODEL,
                "weight,height,gender\n-2,-Infinity,1\n", List.of(), List.of("data.csv:2:2", "height", "Infinity")));
        files.add(new Case("a number too large for a double in the CSV", null, MODEL,
                "weight,height,gender\n-2,-1,1e999\n", List.of(), List.of("data.csv:2:3", "gender", "finite")));
        files.add(new Case("an empty CSV file", null, MODEL, "", List.of(), List.of("data.csv", "empty")));
        files.add(new Case("a CSV file with a header only", null, MODEL, "weight,height,gender\n",
                List.of(), List.of("data.csv", "no rows")));
        files.add(new Case("a feature column that does not exist", null, MODEL, CSV,
                List.of("--features", "weight,age"), List.of("data.csv", "\"age\"", "weight, height, gender")));
        files.add(new Case("a CSV with fewer columns than the network has inputs", null, MODEL, "weight\n-2\n",
                List.of(), List.of("data.csv", "found 1 columns", "2 inputs")));
        files.add(new Case("a class named twice in the model file", null,
                MODEL.replace("\"loss\": \"mse\",", "\"loss\": \"mse\", \"classes\": [\"M\", \"M\"],"), CSV,
                List.of(), List.of("model.json", "classes[1]", "distinct")));
        files.add(new Case("three classes in the model file for one output", null,
                MODEL.replace("\"loss\": \"mse\",", "\"loss\": \"mse\", \"classes\": [\"a\", \"b\", \"c\"],"), CSV,
                List.of(), List.of("model.json", "classes", "1 output", "2 classes")));
        files.add(new Case("a standard deviation of 0 in the model file", null,
                MODEL.replace("\"loss\": \"mse\",",
                        "\"loss\": \"mse\", \"standardize\": {\"mean\": [0, 0], \"std\": [0, 1]},"), CSV,
                List.of(), List.of("model.json", "standardize.std[0]", "above 0")));
        files.add(new Case("a standardization of the wrong length in the model file", null,
                MODEL.replace("\"loss\": \"mse\",",
                        "\"loss\": \"mse\", \"standardize\": {\"mean\": [0], \"std\": [1, 1]},"), CSV,
                List.of(), List.of("model.json", "standardize.mean", "expected 2 numbers")));
        files.add(new Case("a class the model does not know", null,
                MODEL.replace("\"loss\": \"mse\",", "\"loss\": \"mse\", \"classes\": [\"M\", \"F\"],"),
                "weight,height,gender\n-2,-1,F\n25,6,X\n", List.of(),
                List.of("data.csv:3:3", "gender", "\"X\"", "M, F")));
        files.add(new Case("an unknown backend", null, MODEL, CSV, List.of("--backend", "nope"),
                List.of("\"nope\"", "reference")));
        return files;
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String command : List.of("predict", "gradient", "train")) {
            for (Case c : badFiles()) {
                cases.add(new Case(c.description, command, c.model, c.csv, c.args, c.fragments));
            }
        }
        for (String command : List.of("predict", "gradient")) {
            cases.add(new Case("a spec-only model", command, Net221.SPEC_JSON, CSV, List.of(),
                    List.of("model.json", "spec only", "weights")));
        }
        for (String command : List.of("gradient", "train")) {
            cases.add(new Case("data without a target column", command, MODEL, "weight,height\n-2,-1\n", List.of(),
                    List.of("data.csv", "found 0 target columns", "1 outputs")));
        }
        cases.add(new Case("three classes for one output", "train", MODEL,
                "weight,height,gender\n-2,-1,F\n25,6,M\n17,4,X\n", List.of(),
                List.of("data.csv:4:3", "gender", "class number 3", "2 classes", "--classes")));
        cases.add(new Case("a class not among --classes", "train", MODEL,
                "weight,height,gender\n-2,-1,F\n25,6,X\n", List.of("--classes", "M,F"),
                List.of("data.csv:3:3", "gender", "\"X\"", "M, F")));
        cases.add(new Case("--classes naming three classes for one output", "train", MODEL,
                "weight,height,gender\n-2,-1,F\n25,6,M\n", List.of("--classes", "M,F,X"),
                List.of("--classes", "found 3 classes", "1 output")));
        cases.add(new Case("--classes for numeric targets", "train", MODEL, CSV, List.of("--classes", "M,F"),
                List.of("data.csv", "--classes", "numbers")));
        cases.add(new Case("--classes other than the model's", "train",
                MODEL.replace("\"loss\": \"mse\",", "\"loss\": \"mse\", \"classes\": [\"M\", \"F\"],"),
                "weight,height,gender\n-2,-1,F\n25,6,M\n", List.of("--classes", "F,M"),
                List.of("--classes", "model.json", "M, F")));
        cases.add(new Case("a negative learning rate", "train", MODEL, CSV, List.of("--lr", "-0.5"),
                List.of("--lr", "-0.5")));
        cases.add(new Case("a zero learning rate", "train", MODEL, CSV, List.of("--lr", "0"),
                List.of("--lr", "found 0.0")));
        cases.add(new Case("a non-numeric learning rate", "train", MODEL, CSV, List.of("--lr", "fast"),
                List.of("--lr", "fast")));
        cases.add(new Case("a batch size of 0", "train", MODEL, CSV, List.of("--batch-size", "0"),
                List.of("--batch-size", "0")));
        cases.add(new Case("a non-numeric batch size", "train", MODEL, CSV, List.of("--batch-size", "some"),
                List.of("--batch-size", "some")));
        cases.add(new Case("zero epochs", "train", MODEL, CSV, List.of("--epochs", "0"),
                List.of("--epochs", "found 0")));
        cases.add(new Case("an unknown backend for a spec only", "train", Net221.SPEC_JSON, CSV,
                List.of("--backend", "nope"), List.of("\"nope\"", "reference")));
        // Two identity layers on summed squared error with η = 1e10: every step multiplies the weights
        // by about 1e10, so the loss overflows to infinity within a few epochs.
        cases.add(new Case("training whose loss diverges", "train", """
                {"format": "backprop-model/1", "inputs": 1, "loss": "sse",
                 "layers": [{"units": 2, "activation": "identity", "weights": [[1], [0.5]], "biases": [0, 0]},
                            {"units": 1, "activation": "identity", "weights": [[1, 1]], "biases": [0]}]}
                """, "x,y\n1,2\n2,3\n3,5\n", List.of("--lr", "1e10", "--epochs", "1000"),
                List.of("loss became", "epoch")));
        return cases.stream();
    }

    private Cli.Run run(Case c, String... more) {
        if (c.model != null) {
            Cli.write(dir, "model.json", c.model);
        }
        Cli.write(dir, "data.csv", c.csv);
        List<Object> args = new ArrayList<>(List.of(c.command, "--model", dir.resolve("model.json"),
                "--data", dir.resolve("data.csv")));
        if (c.command.equals("train")) {
            args.addAll(List.of("--out", dir.resolve("out.json")));
        }
        args.addAll(c.args);
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    @ParameterizedTest(name = "{0} exits 2 with one line on stderr saying where")
    @MethodSource("cases")
    void badInputExitsTwoWithOneLineOnStderrSayingWhereAndNoStackTrace(Case c) {
        Cli.Run run = run(c);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        String line = run.errLines().get(0);
        assertThat(line).startsWith("backprop: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(line).contains(c.fragments);
    }

    @ParameterizedTest(name = "{0} prints nothing on stdout with --json")
    @MethodSource("cases")
    void withJsonBadInputLeavesStdoutEmpty(Case c) {
        Cli.Run run = run(c, "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).as(run.toString()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} is followed by a stack trace with --verbose")
    @MethodSource("cases")
    void withVerboseTheSameLineIsFollowedByAStackTrace(Case c) {
        String plain = run(c).errLines().get(0);

        Cli.Run run = run(c, "--verbose");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines().get(0)).isEqualTo(plain);
        assertThat(run.errLines()).as(run.toString()).hasSizeGreaterThan(1);
        assertThat(run.errLines().subList(1, run.errLines().size())).anySatisfy(l -> assertThat(l).startsWith("\tat "));
    }

    static Stream<Case> trainCases() {
        return cases().filter(c -> c.command.equals("train"));
    }

    @ParameterizedTest(name = "{0} keeps an existing --out file byte for byte")
    @MethodSource("trainCases")
    void aFailedTrainingKeepsAnExistingOutFileByteForByte(Case c) throws IOException {
        Cli.write(dir, "out.json", OUT_BYTES);
        byte[] before = Files.readAllBytes(dir.resolve("out.json"));

        Cli.Run run = run(c);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(Files.readAllBytes(dir.resolve("out.json"))).isEqualTo(before);
        List<String> expected = new ArrayList<>(List.of("data.csv", "out.json"));
        if (c.model != null) {
            expected.add("model.json");
        }
        assertThat(Cli.listing(dir)).as("no temporary file is left").containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} creates no --out file")
    @MethodSource("trainCases")
    void aFailedTrainingCreatesNoOutFile(Case c) {
        Cli.Run run = run(c);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> expected = new ArrayList<>(List.of("data.csv"));
        if (c.model != null) {
            expected.add("model.json");
        }
        assertThat(Cli.listing(dir)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
