package io.backprop.bench;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.train.TrainingResult;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario (b): the MLP 784-256-10 (relu, softmax, cross-entropy) on a batch of 64 random rows.
 *
 * <p>{@code train*}: one op is one SGD step on the batch. Through the API that is {@code fit} of one
 * epoch at batch size "all" with no loss computed ({@code lossEvery(2)}), like raw DL4J's
 * {@code fit(DataSet)}, which takes its score from the step's own feedforward. {@code train*WithLoss}
 * add the loss over the 64 rows after the step, one more feedforward: {@code fit} by default, raw
 * DL4J's {@code fit} then {@code score}.
 * {@code predict*}: one op is the outputs of the 64 rows. Raw DL4J runs at its defaults (no flag,
 * its own thread count: 2 here) and at its best (one thread, {@code maxPhysicalBytes=0}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(MlpBenchmark.FORKS)
public class MlpBenchmark {
    /** Three JVMs per benchmark: with one, the target ratios flipped between two runs on a quiet machine. */
    static final int FORKS = 3;
    static final int HIDDEN = 256;
    static final int BATCH = 64;

    public abstract static class OnBackend {
        Network network;
        DataSet batch;

        void create(String backend) {
            MlpWorkload workload = new MlpWorkload(HIDDEN, BATCH);
            network = workload.network(backend);
            batch = workload.dataSet();
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

    /** The pytorch backend as a library user gets it: the threads it chooses itself. */
    @State(Scope.Thread)
    public static class OnPytorch extends OnBackend {
        @Setup
        public void setUp() {
            create("pytorch");
        }
    }

    /** Raw PyTorch through DJL, its threads set by the fork's flags. */
    @State(Scope.Thread)
    public static class RawTorch {
        RawPytorch network;
        ai.djl.ndarray.NDArray features;
        ai.djl.ndarray.NDArray targets;

        @Setup
        public void setUp() {
            MlpWorkload workload = new MlpWorkload(HIDDEN, BATCH);
            network = RawPytorch.mlp(MlpWorkload.INPUTS, HIDDEN, MlpWorkload.OUTPUTS, MlpWorkload.LEARNING_RATE);
            features = network.tensor(workload.features, BATCH, MlpWorkload.INPUTS);
            targets = network.tensor(workload.targets, BATCH, MlpWorkload.OUTPUTS);
            System.err.println(RawPytorch.threads());
        }

        @TearDown
        public void close() {
            network.close();
        }
    }

    public abstract static class Raw {
        MultiLayerNetwork network;
        org.nd4j.linalg.dataset.DataSet batch;

        void create() {
            MlpWorkload workload = new MlpWorkload(HIDDEN, BATCH);
            network = workload.rawNetwork();
            batch = workload.rawDataSet();
            System.err.println("raw DL4J threads: " + RawDl4j.threads());
        }
    }

    /** Raw DL4J as its fork left it: its own defaults. */
    @State(Scope.Thread)
    public static class RawDefaults extends Raw {
        @Setup
        public void setUp() {
            create();
        }
    }

    /** Raw DL4J on one thread. */
    @State(Scope.Thread)
    public static class RawOneThread extends Raw {
        @Setup
        public void setUp() {
            RawDl4j.useOneThread();
            create();
        }
    }

    @Benchmark
    public TrainingResult trainReference(OnReference state) {
        return state.network.fit(state.batch, MlpWorkload.ONE_STEP);
    }

    @Benchmark
    public TrainingResult trainReferenceWithLoss(OnReference state) {
        return state.network.fit(state.batch, MlpWorkload.ONE_STEP_AND_LOSS);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    public TrainingResult trainDl4j(OnDl4j state) {
        return state.network.fit(state.batch, MlpWorkload.ONE_STEP);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    public TrainingResult trainDl4jWithLoss(OnDl4j state) {
        return state.network.fit(state.batch, MlpWorkload.ONE_STEP_AND_LOSS);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    public MultiLayerNetwork trainRawDl4jDefaults(RawDefaults state) {
        state.network.fit(state.batch);
        return state.network;
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    @Fork(value = FORKS, jvmArgsAppend = RawDl4j.NO_PHYSICAL_BYTES_CHECK)
    public MultiLayerNetwork trainRawDl4jBest(RawOneThread state) {
        state.network.fit(state.batch);
        return state.network;
    }

    /**
     * The same work as {@code Network.fit} of one epoch with its loss: the step, then the loss over
     * the data, the yardstick of {@code train*WithLoss}.
     */
    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    @Fork(value = FORKS, jvmArgsAppend = RawDl4j.NO_PHYSICAL_BYTES_CHECK)
    public double trainRawDl4jBestWithLoss(RawOneThread state) {
        state.network.fit(state.batch);
        return state.network.score(state.batch);
    }

    @Benchmark
    public double[][] predictReference(OnReference state) {
        return state.network.predict(state.batch);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    public double[][] predictDl4j(OnDl4j state) {
        return state.network.predict(state.batch);
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    public INDArray predictRawDl4jDefaults(RawDefaults state) {
        return state.network.output(state.batch.getFeatures());
    }

    @Benchmark
    @Warmup(iterations = Dl4jWarmUp.ITERATIONS, time = Dl4jWarmUp.SECONDS)
    @Fork(value = FORKS, jvmArgsAppend = RawDl4j.NO_PHYSICAL_BYTES_CHECK)
    public INDArray predictRawDl4jBest(RawOneThread state) {
        return state.network.output(state.batch.getFeatures());
    }

    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true"})
    public TrainingResult trainPytorch(OnPytorch state) {
        return state.network.fit(state.batch, MlpWorkload.ONE_STEP);
    }

    /**
     * The pytorch backend on two intra-op threads, as a user sets it for an idle machine (its default is
     * one): against raw PyTorch on two threads, the same work at the same setting, so that the ratio is
     * the adapter's cost alone.
     */
    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public TrainingResult trainPytorchTwoThreads(OnPytorch state) {
        return state.network.fit(state.batch, MlpWorkload.ONE_STEP);
    }

    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public RawPytorch trainRawPytorchOneThread(RawTorch state) {
        state.network.step(state.features, state.targets);
        return state.network;
    }

    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public RawPytorch trainRawPytorchTwoThreads(RawTorch state) {
        state.network.step(state.features, state.targets);
        return state.network;
    }

    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true"})
    public double[][] predictPytorch(OnPytorch state) {
        return state.network.predict(state.batch);
    }

    /** {@link #predictPytorch} on two intra-op threads: see {@link #trainPytorchTwoThreads}. */
    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public double[][] predictPytorchTwoThreads(OnPytorch state) {
        return state.network.predict(state.batch);
    }

    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public double[] predictRawPytorchOneThread(RawTorch state) {
        return state.network.predict(state.features);
    }

    @Benchmark
    @Fork(value = FORKS, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public double[] predictRawPytorchTwoThreads(RawTorch state) {
        return state.network.predict(state.features);
    }
}
