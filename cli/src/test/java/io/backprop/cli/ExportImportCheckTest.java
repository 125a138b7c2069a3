package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The way out to DL4J and back, and the check that every backend agrees, as a user runs them. */
class ExportImportCheckTest {
    private static final String TRAINED = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [
               {"units": 2, "activation": "sigmoid", "bias": true, "weights": [[0.1, -0.7], [1.3, 0.25]], "biases": [0.5, -1.5]},
               {"units": 1, "activation": "sigmoid", "bias": true, "weights": [[2.5, -3.125]], "biases": [0.75]}]}
            """;
    private static final Path ARTICLE = Path.of("..", "examples", "article");

    @TempDir
    Path dir;

    @Test
    void exportToDl4jThenImportGivesTheSameModelFileByteForByte() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), TRAINED);
        Path canonical = dir.resolve("canonical.json");
        Path zip = dir.resolve("m.zip");
        Path back = dir.resolve("back.json");
        // The model as Backprop writes it, to compare a written file with a written file.
        io.backprop.model.ModelFile.write(canonical, io.backprop.model.ModelFile.read(model));

        Cli.Run export = Cli.run("export", "--model", model.toString(), "--to", "dl4j", zip.toString());
        Cli.Run imported = Cli.run("import", zip.toString(), "--out", back.toString());

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(Files.readString(back)).isEqualTo(Files.readString(canonical));
    }

    /**
     * The article's raw table (pounds, inches, F and M) trained with --standardize and --classes: the
     * imported model predicts what the trained one does, Emily female and Frank male, because the
     * zip carries the scaling and the class names.
     */
    @Test
    void aModelTrainedOnRawDataPredictsTheSameAfterExportAndImport() {
        Path trained = dir.resolve("raw.json");
        Path zip = dir.resolve("raw.zip");
        Path back = dir.resolve("back.json");
        Cli.Run train = Cli.run("train", "--model", ARTICLE.resolve("spec.json"), "--data",
                ARTICLE.resolve("people-raw.csv"), "--features", "weight_lb,height_in", "--targets", "gender",
                "--classes", "M,F", "--standardize", "--out", trained);
        assertThat(train.exitCode()).as(train.toString()).isZero();

        Cli.Run export = Cli.run("export", "--model", trained, "--to", "dl4j", zip);
        Cli.Run imported = Cli.run("import", zip, "--out", back);

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        JsonNode before = newcomers(trained);
        JsonNode after = newcomers(back);
        // Without the scaling the network sees pounds and inches and says 0.030 for both.
        assertThat(after.get("outputs")).isEqualTo(before.get("outputs"));
        assertThat(after.get("outputs").get(0).get(0).asDouble()).isGreaterThan(0.9);
        assertThat(after.get("outputs").get(1).get(0).asDouble()).isLessThan(0.1);
        assertThat(after.path("classes").toString()).isEqualTo("[\"F\",\"M\"]");
        JsonNode model = Cli.readJson(back);
        assertThat(model.get("classes")).isEqualTo(Cli.readJson(trained).get("classes"));
        assertThat(model.get("standardize")).isEqualTo(Cli.readJson(trained).get("standardize"));
    }

    /** Emily and Frank, in pounds and inches, through {@code model}. */
    private static JsonNode newcomers(Path model) {
        Cli.Run predict = Cli.run("predict", "--model", model, "--data", ARTICLE.resolve("newcomers-raw.csv"),
                "--features", "weight_lb,height_in", "--json");
        assertThat(predict.exitCode()).as(predict.toString()).isZero();
        return predict.json();
    }

    @Test
    void importingAFileThatIsNotADl4jModelFailsInOneLine() throws Exception {
        Path notZip = Files.writeString(dir.resolve("m.zip"), TRAINED);
        Path out = dir.resolve("never.json");

        Cli.Run run = Cli.run("import", notZip.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("backprop: " + notZip + ": not a DL4J");
        assertThat(out).doesNotExist();
    }

    @Test
    void exportingToABackendWithoutAModelFileOfItsOwnIsRefused() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), TRAINED);
        Cli.Run run = Cli.run("export", "--model", model.toString(), "--to", "reference", dir.resolve("x.zip").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\"reference\" has no model file of its own; backends with one: dl4j, pytorch");
    }

    @Test
    void checkFindsEveryOtherBackendWithinToleranceOnTheArticlesNetworkAndItsTraining() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), TRAINED);
        Path data = Files.writeString(dir.resolve("people.csv"), ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("check", "--model", model.toString(), "--data", data.toString(), "--epochs", "50",
                "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("baseline").asText()).isEqualTo("reference");
        assertThat(json.get("within").asBoolean()).isTrue();
        // Every installed backend but the baseline: dl4j, and the textbook path the fast reference is held to.
        Map<String, List<String>> kinds = new TreeMap<>();
        for (JsonNode row : json.get("differences")) {
            kinds.computeIfAbsent(row.get("backend").asText(), b -> new ArrayList<>()).add(row.get("kind").asText());
            assertThat(row.get("worst").asDouble()).isLessThanOrEqualTo(row.get("tolerance").asDouble());
        }
        assertThat(kinds).containsOnlyKeys("dl4j", "pytorch", "reference-textbook");
        for (List<String> backendKinds : kinds.values()) {
            assertThat(backendKinds).containsExactly("outputs", "loss", "gradients", "parameters after 50 epochs");
        }
    }

    @Test
    void checkPrintsATableAndSaysAllAreWithinTolerance() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), TRAINED);
        Path data = Files.writeString(dir.resolve("people.csv"), ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("check", "--model", model.toString(), "--data", data.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("dl4j").contains("gradients").contains("all within tolerance");
    }

    /**
     * A model trained with Adam and L2, exported to DL4J and imported back mid-training, resumes as
     * if it had never left: the zip carries the optimizer, its state and the counts.
     */
    @Test
    void aModelExportedAndImportedMidTrainingResumesAsUninterrupted() throws Exception {
        Path people = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path start = Cli.write(dir, "start.json", Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25).modelJson());
        Path a = dir.resolve("a.json");
        Path zip = dir.resolve("a.zip");
        Path b = dir.resolve("b.json");
        Path whole = dir.resolve("whole.json");
        Path resumed = dir.resolve("resumed.json");
        Object[] common = {"--data", people, "--batch-size", 3, "--shuffle", "--seed", 7, "--json"};

        List<Cli.Run> runs = new ArrayList<>();
        runs.add(Cli.run(with(common, "train", "--model", start, "--epochs", 100, "--optimizer", "adam", "--l2", "0.001",
                "--out", whole)));
        runs.add(Cli.run(with(common, "train", "--model", start, "--epochs", 60, "--optimizer", "adam", "--l2", "0.001",
                "--out", a)));
        runs.add(Cli.run("export", "--model", a, "--to", "dl4j", zip));
        runs.add(Cli.run("import", zip, "--out", b));
        runs.add(Cli.run(with(common, "train", "--model", b, "--epochs", 40, "--resume", "--out", resumed)));

        for (Cli.Run run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        assertThat(Files.readString(b)).as("the imported model, training entry and all").isEqualTo(Files.readString(a));
        assertThat(runs.get(3).out()).contains("training: adam at iteration 120, epoch 60");
        io.backprop.model.Model back = io.backprop.model.ModelFile.read(resumed);
        io.backprop.model.Model uninterrupted = io.backprop.model.ModelFile.read(whole);
        assertThat(back.training().orElseThrow().state().epoch()).isEqualTo(100);
        // One backend, the same state through the zip: bit for bit.
        assertThat(back.parameters()).isEqualTo(uninterrupted.parameters());
        assertThat(back.training()).isEqualTo(uninterrupted.training());
    }

    private static Object[] with(Object[] common, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(common));
        return all.toArray();
    }
}
