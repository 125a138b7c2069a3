package io.backprop.spark;

import static io.backprop.spark.ParameterAveragingEquivalenceTest.assertClose;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.flat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.csv.CsvTable;
import io.backprop.data.DataSet;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.Initializer;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop train --spark} as a user runs it, in a JVM of its own: the article's network
 * trained in {@code local[2]}, checked against single-machine SGD computed here, its model read by
 * {@code predict}; and a master that cannot be reached.
 */
class TrainCommandOnSparkTest {
    static final Path ARTICLE = Path.of("..", "examples", "article").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * Two workers of one row averaging every step are SGD on batches of two rows: the command's
     * model is the dl4j backend's after 20 epochs of that, from the parameters the command starts
     * a spec-only model with (standard normal from seed 1).
     */
    @Test
    void theArticlesNetworkTrainsInLocal2AndPredictReadsTheModel() throws Exception {
        Path out = dir.resolve("trained.json");
        CommandLine.Run run = CommandLine.run(dir, 240, "train", "--model", ARTICLE.resolve("spec.json").toString(),
                "--data", ARTICLE.resolve("people.csv").toString(), "--lr", "0.1", "--epochs", "20",
                "--spark", "local[2]", "--workers", "2", "--batch-per-worker", "1", "--json", "--out", out.toString());
        assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.err()).isZero();
        // Spark's own logging stays off stdout: it holds the one JSON document and nothing else.
        assertThat(run.out().strip().lines().toList()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("loss")).hasSize(20);

        expectSgdOnPairs(out, json, 20);

        CommandLine.Run predict = CommandLine.run(dir, 120, "predict", "--model", out.toString(), "--data",
                ARTICLE.resolve("newcomers.csv").toString(), "--json");
        assertThat(predict.exitCode()).as("predict's stderr:\n%s", predict.err()).isZero();
        assertThat(new ObjectMapper().readTree(predict.out()).get("outputs")).hasSize(2);
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
     * The model at {@code out} and the losses in {@code json} are those of the dl4j backend's SGD on
     * the article's people in batches of 2, for {@code epochs} epochs from the command's start.
     */
    static void expectSgdOnPairs(Path out, JsonNode json, int epochs) {
        Model spec = ModelFile.read(ARTICLE.resolve("spec.json"));
        NetworkSpec network = spec.spec();
        DataSet people = CsvTable.read(ARTICLE.resolve("people.csv")).toDataSet(network, List.of(), List.of(), true);
        Network single = Backends.create("dl4j", network, Initializer.STANDARD_NORMAL.initialize(network, 1));
        TrainingResult expected = single.fit(people, TrainingOptions.builder().learningRate(0.1).epochs(epochs)
                .batchSize(BatchSize.of(2)).build());
        Model trained = ModelFile.read(out);
        assertClose(flat(trained.parameters().orElseThrow()), flat(single.parameters()), 1e-9);
        for (int e = 0; e < epochs; e++) {
            assertThat(Math.abs(json.get("loss").get(e).asDouble() - expected.losses()[e])).isLessThan(1e-9);
        }
    }
}
