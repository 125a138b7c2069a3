package io.backprop.bench;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Parameters;
import io.backprop.teaching.Article;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario (a): the article's 2-2-1 network, one per-sample SGD step on one of its four people.
 *
 * <p>One op is one step. The API's backends are driven as a user drives them, {@code fit} with one
 * epoch of the four people at batch size 1 in order, and that call is counted as four ops: it holds
 * four steps and, as every {@code fit} epoch does, the loss over the four people, so a quarter of that
 * loss and of the call's bookkeeping is in each op. Raw DL4J takes four {@code fit(DataSet)} calls of
 * one row each. The hand-written loop is the floor, with and without that per-epoch loss. The
 * article's whole run is there too, 1000 epochs in one call (4000 ops) from the article's start
 * (set again at the start of each call, nine values, so every call trains the same run rather than
 * one that goes on saturating its neurons): with the loss every 10th epoch, as the article computes
 * it, and with no loss at all, the steps alone, which is what the hand-written loop without a loss
 * does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArticleStepBenchmark {
    /** The article prints the loss over its four people every 10th epoch. */
    static final int ARTICLE_LOSS_EVERY = 10;
    /** One epoch of the article's training: per-sample SGD over the four people, in the article's order. */
    static final TrainingOptions ONE_EPOCH_PER_SAMPLE = Article.TRAINING.toBuilder().epochs(1).build();
    /** The four people's features and targets, as the hand-written loop reads them. */
    private static final double[][] FEATURES = Article.features();
    private static final double[] TARGETS = Article.targets();

    /** The hand-written network, from the same start as the backends. */
    @State(Scope.Thread)
    public static class HandWritten {
        HandWrittenArticleNetwork network;

        @Setup
        public void setUp() {
            network = new HandWrittenArticleNetwork(Article.START);
        }
    }

    /** A backend's network through the public API. */
    public abstract static class OnBackend {
        Network network;
        Parameters start;
        DataSet people;
        TrainingOptions articleRun;
        TrainingOptions stepsOnly;

        void create(String backend) {
            start = Article.START;
            network = Backends.create(backend, Article.NETWORK, start);
            people = Article.PEOPLE;
            articleRun = Article.TRAINING.toBuilder().lossEvery(ARTICLE_LOSS_EVERY).build();
            stepsOnly = articleRun.toBuilder().lossEvery(Article.EPOCHS + 1).build();
        }
    }

    @State(Scope.Thread)
    public static class OnReference extends OnBackend {
        @Setup
        public void setUp() {
            create("reference");
        }
    }

    @State(Scope.Thread)
    public static class OnDl4j extends OnBackend {
        @Setup
        public void setUp() {
            create("dl4j");
        }
    }

    @State(Scope.Thread)
    public static class OnPytorch extends OnBackend {
        @Setup
        public void setUp() {
            create("pytorch");
        }
    }

    /** Raw PyTorch on one thread (this fork's flags): a row of 2 inputs gives a second thread nothing to do. */
    @State(Scope.Thread)
    public static class RawTorch {
        RawPytorch network;
        ai.djl.ndarray.NDArray[] rows;
        ai.djl.ndarray.NDArray[] targets;

        @Setup
        public void setUp() {
            network = RawPytorch.articleNetwork(Article.LEARN_RATE);
            rows = new ai.djl.ndarray.NDArray[FEATURES.length];
            targets = new ai.djl.ndarray.NDArray[FEATURES.length];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = network.tensor(FEATURES[r], 1, 2);
                targets[r] = network.tensor(new double[] {TARGETS[r]}, 1, 1);
            }
            System.err.println(RawPytorch.threads());
        }

        @TearDown
        public void close() {
            network.close();
        }
    }

    /** Raw DL4J at its best setting: one thread (set in this fork), no physical-memory check (the fork's flag). */
    @State(Scope.Thread)
    public static class RawBest {
        MultiLayerNetwork network;
        org.nd4j.linalg.dataset.DataSet[] rows;

        @Setup
        public void setUp() {
            RawDl4j.useOneThread();
            network = RawDl4j.articleNetwork(Article.LEARN_RATE);
            rows = new org.nd4j.linalg.dataset.DataSet[FEATURES.length];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = RawDl4j.batch(1, FEATURES[r], 2, new double[] {TARGETS[r]}, 1);
            }
            System.err.println("raw DL4J threads: " + RawDl4j.threads());
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public void handWrittenLoop(HandWritten state) {
        double[][] x = FEATURES;
        double[] y = TARGETS;
        for (int r = 0; r < x.length; r++) {
            state.network.step(x[r][0], x[r][1], y[r], Article.LEARN_RATE);
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public double handWrittenLoopWithEpochLoss(HandWritten state) {
        handWrittenLoop(state);
        return state.network.loss(FEATURES, TARGETS);
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public TrainingResult reference(OnReference state) {
        return state.network.fit(state.people, ONE_EPOCH_PER_SAMPLE);
    }

    @Benchmark
    @OperationsPerInvocation(4 * Article.EPOCHS)
    public TrainingResult referenceArticleRun(OnReference state) {
        state.network.setParameters(state.start);
        return state.network.fit(state.people, state.articleRun);
    }

    @Benchmark
    @OperationsPerInvocation(4 * Article.EPOCHS)
    public TrainingResult referenceStepsOnly(OnReference state) {
        state.network.setParameters(state.start);
        return state.network.fit(state.people, state.stepsOnly);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    @OperationsPerInvocation(4)
    public TrainingResult dl4j(OnDl4j state) {
        return state.network.fit(state.people, ONE_EPOCH_PER_SAMPLE);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    @OperationsPerInvocation(4)
    @Fork(value = 1, jvmArgsAppend = RawDl4j.NO_PHYSICAL_BYTES_CHECK)
    public MultiLayerNetwork rawDl4jBest(RawBest state) {
        for (org.nd4j.linalg.dataset.DataSet row : state.rows) {
            state.network.fit(row);
        }
        return state.network;
    }

    @Benchmark
    @OperationsPerInvocation(4)
    @Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public TrainingResult pytorch(OnPytorch state) {
        return state.network.fit(state.people, ONE_EPOCH_PER_SAMPLE);
    }

    @Benchmark
    @OperationsPerInvocation(4)
    @Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public RawPytorch rawPytorch(RawTorch state) {
        for (int r = 0; r < state.rows.length; r++) {
            state.network.step(state.rows[r], state.targets[r]);
        }
        return state.network;
    }
}
