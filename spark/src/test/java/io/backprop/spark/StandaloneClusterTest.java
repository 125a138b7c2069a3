package io.backprop.spark;

import static io.backprop.spark.ParameterAveragingEquivalenceTest.assertClose;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.data;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.flat;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.TrainingException;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.IOException;
import java.net.ServerSocket;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a real Spark standalone cluster, started by the test: Spark's own master and worker
 * as separate JVMs on 127.0.0.1, executors started by the worker, the application submitted to
 * {@code spark://127.0.0.1:PORT}. Runs in a JVM of its own (the module's Surefire forks one per
 * class): Spark allows one context per JVM.
 */
class StandaloneClusterTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .layer(5, Activation.SIGMOID)
            .layer(2, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    @TempDir
    Path dir;

    @Test
    void twoWorkersOnALoopbackClusterTrainAsSingleMachineSgdOnBatchesTwiceAsLarge() throws Exception {
        DataSet data = data(24, 12);
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 6);
        TrainingOptions single = TrainingOptions.builder().learningRate(0.5).epochs(3).batchSize(BatchSize.of(6))
                .shuffle(7).build();
        Network expected = Backends.create("dl4j", SPEC, start);
        expected.fit(data, single);

        List<ProcessHandle> started;
        try (StandaloneCluster cluster = StandaloneCluster.start(2)) {
            Network network = Backends.create("dl4j", SPEC, start);
            SparkOptions options = SparkOptions.of(cluster.url()).withWorkers(2).withBatchPerWorker(3)
                    .with("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .with("spark.executor.memory", "512m")
                    .with("spark.executor.extraJavaOptions", System.getProperty("backprop.spark.jvm.flags", ""));
            TrainingResult result;
            try (SparkTraining spark = SparkTraining.start(options)) {
                // The executors are the worker's children: the work really runs in another JVM.
                assertThat(cluster.processes().size()).isGreaterThanOrEqualTo(3);
                result = spark.fit(network, data, TrainingOptions.builder().learningRate(0.5).epochs(3)
                        .batchSize(BatchSize.of(3)).shuffle(7).build());
            }
            assertThat(result.losses()).hasSize(3);
            assertClose(flat(network.parameters()), flat(expected.parameters()), 1e-9);
            assertThat(maxDifference(flat(network.parameters()), flat(start))).isGreaterThan(1e-2);

            // The same cluster through the command, as the README shows it: the article's network.
            Path out = dir.resolve("trained.json");
            CommandLine.Run run = CommandLine.run(dir, 300, "train", "--model",
                    TrainCommandOnSparkTest.ARTICLE.resolve("spec.json").toString(), "--data",
                    TrainCommandOnSparkTest.ARTICLE.resolve("people.csv").toString(), "--lr", "0.1", "--epochs", "5",
                    "--spark", cluster.url(), "--workers", "1", "--batch-per-worker", "4", "--json", "--out",
                    out.toString());
            assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.err()).isZero();
            TrainCommandOnSparkTest.expectFullBatch(out, new ObjectMapper().readTree(run.out()), 5);
            started = cluster.processes();
        }
        assertThat(started).allSatisfy(process -> assertThat(process.isAlive()).isFalse());
    }

    @Test
    void aMasterThatCannotBeReachedFailsInBoundedTimeWithOneLineNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Nothing listens on the port once the socket is closed.
        String url = "spark://127.0.0.1:" + port;
        long started = System.nanoTime();
        assertThatThrownBy(() -> SparkTraining.start(SparkOptions.of(url)))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("spark master " + url + " cannot be reached")
                .hasMessageNotContaining("\n");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(SparkTraining.CONNECT_TIMEOUT_MILLIS / 1000.0 + 5);
    }
}
