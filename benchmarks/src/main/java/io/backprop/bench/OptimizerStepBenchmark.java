package io.backprop.bench;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Parameters;
import io.backprop.teaching.Article;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The step of each optimizer beside SGD's on the {@code reference} backend, to read as ratios to
 * {@code sgd} in the same run: plain SGD is fused into the kernels, every other step computes the
 * gradients and then applies the API's {@link Optimizer#step}. {@code sgd+l2} is SGD with L2, which
 * leaves the fused path, to tell that cost from the optimizers' own.
 *
 * <p>{@link #article}: scenario (a), the article's 2-2-1 per-sample, one op one step, timed as
 * {@link ArticleStepBenchmark#referenceStepsOnly} is (1000 epochs of the four people in one
 * {@code fit}, no loss, from the article's start each call). {@link #mlp}: scenario (b), the MLP
 * 784-256-10 on a batch of 64, one op one step, as {@link MlpBenchmark#trainReference}.
 *
 * <p>{@link #articleAgainstSgd} and {@link #mlpAgainstSgd} take the same runs of this optimizer and of
 * plain SGD on a network of its own by turns, within each invocation, timing each, and report the
 * nanoseconds of each in the counters {@code optimizer} and {@code sgd}: on a machine whose load
 * changes from minute to minute, their ratio is steadier than that of two benchmarks run minutes apart.
 * Not part of {@code scripts/benchmarks.sh}'s run; the README gives the command.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OptimizerStepBenchmark {
    /** The optimizer's name as {@link Optimizer#of} takes it, or {@code sgd+l2}. */
    @Param({"sgd", "sgd+l2", "nesterov", "adam", "rmsprop", "adagrad"})
    public String optimizer;

    /** The nanoseconds spent in each network's runs, summed over a measured iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Nanos {
        /** In the runs of the optimizer of the benchmark's parameter. */
        public long optimizer;
        /** In the same runs with plain SGD. */
        public long sgd;

        /** Starts each iteration's sums at 0. */
        @Setup(Level.Iteration)
        public void clear() {
            optimizer = 0;
            sgd = 0;
        }
    }

    private Network articleNetwork;
    private Network articleSgdNetwork;
    private TrainingOptions articleSgdRun;
    private Network mlpSgdNetwork;
    private TrainingOptions mlpSgdStep;
    private boolean sgdFirst;

    private TrainingOptions articleRun;
    private Network mlpNetwork;
    private DataSet mlpBatch;
    private TrainingOptions mlpStep;

    /** The networks, each optimizer's and plain SGD's, from the same start; the runs' options. */
    @Setup
    public void setUp() {
        boolean l2 = optimizer.endsWith("+l2");
        Optimizer chosen = Optimizer.of(l2 ? optimizer.substring(0, optimizer.length() - 3) : optimizer, Map.of());
        Regularization regularization = l2 ? Regularization.l2(1e-4) : Regularization.NONE;
        articleNetwork = Backends.create("reference", Article.NETWORK, Article.START);
        articleRun = Article.TRAINING.toBuilder().optimizer(chosen).regularization(regularization)
                .lossEvery(Article.EPOCHS + 1).build();
        MlpWorkload workload = new MlpWorkload(MlpBenchmark.HIDDEN, MlpBenchmark.BATCH);
        mlpNetwork = workload.network("reference");
        mlpBatch = workload.dataSet();
        mlpStep = MlpWorkload.ONE_STEP.toBuilder().optimizer(chosen).regularization(regularization).build();
        articleSgdNetwork = Backends.create("reference", Article.NETWORK, Article.START);
        articleSgdRun = articleRun.toBuilder().optimizer(Optimizer.sgd()).regularization(Regularization.NONE).build();
        mlpSgdNetwork = workload.network("reference");
        mlpSgdStep = MlpWorkload.ONE_STEP;
    }

    /** The article's 1000 epochs from its start with this optimizer, no loss; one op is one step. */
    @Benchmark
    @OperationsPerInvocation(4 * Article.EPOCHS)
    public TrainingResult article() {
        Parameters start = Article.START;
        articleNetwork.setParameters(start);
        return articleNetwork.fit(Article.PEOPLE, articleRun);
    }

    /** One step of this optimizer on the MLP's batch of 64. */
    @Benchmark
    public TrainingResult mlp() {
        return mlpNetwork.fit(mlpBatch, mlpStep);
    }

    /** {@link #article} and the same with plain SGD, by turns; one op is one step of either. */
    @Benchmark
    @OperationsPerInvocation(2 * 4 * Article.EPOCHS)
    public void articleAgainstSgd(Nanos nanos) {
        sgdFirst = !sgdFirst;
        if (sgdFirst) {
            nanos.sgd += timed(articleSgdNetwork, Article.PEOPLE, articleSgdRun, true);
        }
        nanos.optimizer += timed(articleNetwork, Article.PEOPLE, articleRun, true);
        if (!sgdFirst) {
            nanos.sgd += timed(articleSgdNetwork, Article.PEOPLE, articleSgdRun, true);
        }
    }

    /** {@link #mlp} and the same with plain SGD, by turns; one op is one step of either. */
    @Benchmark
    @OperationsPerInvocation(2)
    public void mlpAgainstSgd(Nanos nanos) {
        sgdFirst = !sgdFirst;
        if (sgdFirst) {
            nanos.sgd += timed(mlpSgdNetwork, mlpBatch, mlpSgdStep, false);
        }
        nanos.optimizer += timed(mlpNetwork, mlpBatch, mlpStep, false);
        if (!sgdFirst) {
            nanos.sgd += timed(mlpSgdNetwork, mlpBatch, mlpSgdStep, false);
        }
    }

    /** The nanoseconds of one {@code fit}, from the article's start when {@code fromStart}. */
    private static long timed(Network network, DataSet data, TrainingOptions options, boolean fromStart) {
        long start = System.nanoTime();
        if (fromStart) {
            network.setParameters(Article.START);
        }
        network.fit(data, options);
        return System.nanoTime() - start;
    }
}
