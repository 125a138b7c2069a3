package io.backprop.spark;

import static io.backprop.spark.ParameterAveragingEquivalenceTest.assertClose;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.flat;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.csv.CsvTable;
import io.backprop.csv.LabelledData;
import io.backprop.data.DataSet;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.model.Standardization;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.params.Initializer;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop train --spark} as a user runs it, in a JVM of its own: the article's network
 * trained in {@code local[2]} on the rows Spark reads from the path, checked against single-machine
 * SGD and against the API's training on that path computed here, its model read by {@code predict};
 * columns, classes and standardization found by Spark; a bad field and a master that cannot be reached.
 */
class TrainCommandOnSparkTest {
    static final Path ARTICLE = Path.of("..", "examples", "article").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * One worker whose mini-batch holds all four rows takes one full-batch step an epoch, in whatever
     * order Spark deals the rows: the command's model is the dl4j backend's full-batch SGD for 20
     * epochs from the parameters the command starts a spec-only model with (standard normal, seed 1).
     */
    @Test
    void theArticlesNetworkTrainsInLocal2AndPredictReadsTheModel() throws Exception {
        Path out = dir.resolve("trained.json");
        CommandLine.Run run = CommandLine.run(dir, 240, "train", "--model", ARTICLE.resolve("spec.json").toString(),
                "--data", ARTICLE.resolve("people.csv").toString(), "--lr", "0.1", "--epochs", "20",
                "--spark", "local[2]", "--workers", "1", "--batch-per-worker", "4", "--json", "--out", out.toString());
        assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.err()).isZero();
        // Spark's own logging stays off stdout: it holds the one JSON document and nothing else.
        assertThat(run.out().strip().lines().toList()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("loss")).hasSize(20);

        expectFullBatch(out, json, 20);

        CommandLine.Run predict = CommandLine.run(dir, 120, "predict", "--model", out.toString(), "--data",
                ARTICLE.resolve("newcomers.csv").toString(), "--json");
        assertThat(predict.exitCode()).as("predict's stderr:\n%s", predict.err()).isZero();
        assertThat(new ObjectMapper().readTree(predict.out()).get("outputs")).hasSize(2);
    }

    /**
     * The command trains on the rows Spark reads from the path, not on rows it read itself and dealt
     * out: its model is the API's {@code SparkTraining.fit(network, SparkCsv, …)} on the same path (DL4J's
     * own seeded split of the rows, 2 workers of 1 row), computed here in a context of this JVM, and
     * differs from the same settings on the rows held in memory (dealt in the file's order), which is
     * what the command computed before.
     */
    @Test
    void theCommandTrainsOnTheRowsSparkReadsFromThePath() throws Exception {
        Path out = dir.resolve("trained.json");
        CommandLine.Run run = CommandLine.run(dir, 240, "train", "--model", ARTICLE.resolve("spec.json").toString(),
                "--data", ARTICLE.resolve("people.csv").toString(), "--lr", "0.1", "--epochs", "10", "--seed", "1",
                "--spark", "local[2]", "--workers", "2", "--batch-per-worker", "1", "--json", "--out", out.toString());
        assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.err()).isZero();
        double[] found = flat(ModelFile.read(out).parameters().orElseThrow());

        NetworkSpec network = ModelFile.read(ARTICLE.resolve("spec.json")).spec();
        TrainingOptions options = TrainingOptions.builder().learningRate(0.1).epochs(10).build();
        SparkTraining spark = LocalSpark.with(SparkOptions.of("local[2]").withWorkers(2).withBatchPerWorker(1));
        Network fromPath = Backends.create("dl4j", network, Initializer.STANDARD_NORMAL.initialize(network, 1));
        TrainingResult expected = spark.fit(fromPath, SparkCsv.of(ARTICLE.resolve("people.csv").toString()), options);
        Network inMemory = Backends.create("dl4j", network, Initializer.STANDARD_NORMAL.initialize(network, 1));
        DataSet people = CsvTable.read(ARTICLE.resolve("people.csv")).toDataSet(network, List.of(), List.of(), true);
        spark.fit(inMemory, people, options);

        assertClose(found, flat(fromPath.parameters()), 1e-9);
        JsonNode loss = new ObjectMapper().readTree(run.out()).get("loss");
        for (int e = 0; e < 10; e++) {
            assertThat(Math.abs(loss.get(e).asDouble() - expected.losses()[e])).isLessThan(1e-9);
        }
        assertThat(maxDifference(found, flat(inMemory.parameters()))).isGreaterThan(1e-6);
    }

    /**
     * Columns chosen by name (a column that is neither left unread), class names found by Spark and
     * sorted, the standardization fitted by Spark: the command's model keeps the API's two-pass
     * {@link Standardization#fit} of the rows (within 1e-12) and the classes, and its parameters are
     * single-machine full-batch SGD on the rows read and standardized in memory (one worker, one
     * mini-batch of all 30 rows).
     */
    @Test
    void columnsClassesAndStandardizationAreSparksAsTheCommandReadsThemInMemory() throws Exception {
        Path file = dir.resolve("flowers.csv");
        StringBuilder text = new StringBuilder("name,length,species,width\n");
        Random random = new Random(4);
        for (int r = 0; r < 30; r++) {
            double length = Math.round((5 + random.nextGaussian()) * 1000) / 1000.0;
            double width = Math.round((2 + 0.5 * random.nextGaussian()) * 1000) / 1000.0;
            text.append(String.format(Locale.ROOT, "f%d,%s,%s,%s%n", r, length,
                    length + width > 7 ? "virginica" : r % 3 == 0 ? "setosa" : "versicolor", width));
        }
        Files.writeString(file, text);
        NetworkSpec network = NetworkSpec.builder(2).layer(4, Activation.TANH).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        Path spec = dir.resolve("spec.json");
        ModelFile.write(spec, Model.specOnly(network));
        Path out = dir.resolve("trained.json");
        CommandLine.Run run = CommandLine.run(dir, 240, "train", "--model", spec.toString(), "--data",
                file.toString(), "--features", "width,length", "--targets", "species", "--standardize", "--lr", "0.5",
                "--epochs", "8", "--spark", "local[2]", "--workers", "1", "--batch-per-worker", "30", "--out",
                out.toString(), "--progress", "none");
        assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.err()).isZero();
        assertThat(run.out()).contains("30 rows a mini-batch per worker, 1 workers")
                .doesNotContain("batch size").contains("30 rows read by Spark from " + file)
                .contains("classes: setosa = [1, 0, 0], versicolor = [0, 1, 0], virginica = [0, 0, 1]")
                .contains("standardized from this data");

        LabelledData rows = CsvTable.read(file).toLabelledData(network, List.of("width", "length"),
                List.of("species"), true, Optional.empty());
        Standardization expected = Standardization.fit(rows.data());
        Model trained = ModelFile.read(out);
        assertThat(trained.classes().orElseThrow().names()).containsExactly("setosa", "versicolor", "virginica");
        assertClose(trained.standardization().orElseThrow().mean(), expected.mean(), 1e-12);
        assertClose(trained.standardization().orElseThrow().std(), expected.std(), 1e-12);
        Network single = Backends.create("dl4j", network, Initializer.STANDARD_NORMAL.initialize(network, 1));
        single.fit(expected.apply(rows.data()), TrainingOptions.builder().learningRate(0.5).epochs(8)
                .batchSize(BatchSize.ALL).build());
        assertClose(flat(trained.parameters().orElseThrow()), flat(single.parameters()), 1e-9);
        assertThat(maxDifference(flat(single.parameters()),
                flat(Initializer.STANDARD_NORMAL.initialize(network, 1)))).isGreaterThan(1e-2);
    }

    /** A field that is no number, read by a Spark task: one line naming the file, the line and the column. */
    @Test
    void aFieldThatIsNoNumberFailsWithOneLineNamingFileLineAndColumn() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "weight,height,female\n-2,-1,1\n25,6,0\n17,4,0\n-15,-6,1\n3,x6,0\n");
        CommandLine.Run run = CommandLine.run(dir, 240, "train", "--model", ARTICLE.resolve("spec.json").toString(),
                "--data", file.toString(), "--epochs", "2", "--spark", "local[2]", "--json", "--out",
                dir.resolve("never.json").toString());
        assertThat(run.exitCode()).as("stderr:\n%s", run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines().toList()).singleElement().asString()
                .isEqualTo("backprop: " + file + ":6: column height: found \"x6\" in the line \"3,x6,0\"; expected a"
                        + " finite number");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("never.json")).doesNotExist();
    }

    @Test
    void aMasterThatCannotBeReachedFailsWithOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        long started = System.nanoTime();
        CommandLine.Run run = CommandLine.run(dir, 120, "train", "--model", ARTICLE.resolve("spec.json").toString(),
                "--data", ARTICLE.resolve("people.csv").toString(), "--epochs", "1", "--spark", url, "--json",
                "--out", dir.resolve("never.json").toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(run.exitCode()).isEqualTo(2);
        List<String> lines = run.err().strip().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("backprop: spark master " + url + " cannot be reached");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("never.json")).doesNotExist();
        // The JVM's start and ND4J's included; the master itself is given 10 s to answer.
        assertThat(seconds).isLessThan(60);
    }

    /**
     * The model at {@code out} and the losses in {@code json} are those of the dl4j backend's
     * full-batch SGD on the article's people for {@code epochs} epochs from the command's start.
     */
    static void expectFullBatch(Path out, JsonNode json, int epochs) {
        Model spec = ModelFile.read(ARTICLE.resolve("spec.json"));
        NetworkSpec network = spec.spec();
        DataSet people = CsvTable.read(ARTICLE.resolve("people.csv")).toDataSet(network, List.of(), List.of(), true);
        Network single = Backends.create("dl4j", network, Initializer.STANDARD_NORMAL.initialize(network, 1));
        TrainingResult expected = single.fit(people, TrainingOptions.builder().learningRate(0.1).epochs(epochs)
                .batchSize(BatchSize.ALL).build());
        Model trained = ModelFile.read(out);
        assertClose(flat(trained.parameters().orElseThrow()), flat(single.parameters()), 1e-9);
        assertThat(maxDifference(flat(single.parameters()),
                flat(Initializer.STANDARD_NORMAL.initialize(network, 1)))).isGreaterThan(1e-3);
        for (int e = 0; e < epochs; e++) {
            assertThat(Math.abs(json.get("loss").get(e).asDouble() - expected.losses()[e])).isLessThan(1e-9);
        }
    }
}
