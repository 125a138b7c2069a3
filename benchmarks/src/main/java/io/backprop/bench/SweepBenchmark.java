package io.backprop.bench;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.train.TrainingResult;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario (c): one SGD step of a 784-{@code width}-10 MLP (relu, softmax, cross-entropy) on a batch
 * of {@code batch} random rows, over a grid of widths and batch sizes, to show where each backend
 * wins. One op is one step, defined as in {@link MlpBenchmark}. Short runs: it is a map, not a
 * verdict.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Thread)
public class SweepBenchmark {
    @Param({"16", "64", "256", "1024"})
    public int width;

    @Param({"1", "16", "64", "256"})
    public int batch;

    MlpWorkload workload;

    @Setup
    public void setUp() {
        workload = new MlpWorkload(width, batch);
    }

    @State(Scope.Thread)
    public static class OnApi {
        Network network;
        DataSet data;
    }

    @State(Scope.Thread)
    public static class OnReference extends OnApi {
        @Setup
        public void setUp(SweepBenchmark point) {
            network = point.workload.network("reference");
            data = point.workload.dataSet();
        }
    }

    @State(Scope.Thread)
    public static class OnDl4j extends OnApi {
        @Setup
        public void setUp(SweepBenchmark point) {
            network = point.workload.network("dl4j");
            data = point.workload.dataSet();
        }
    }

    /** Raw PyTorch on one thread (the fork's flags). */
    @State(Scope.Thread)
    public static class RawTorch {
        RawPytorch network;
        ai.djl.ndarray.NDArray features;
        ai.djl.ndarray.NDArray targets;

        @Setup
        public void setUp(SweepBenchmark point) {
            network = RawPytorch.mlp(MlpWorkload.INPUTS, point.width, MlpWorkload.OUTPUTS, MlpWorkload.LEARNING_RATE);
            features = network.tensor(point.workload.features, point.batch, MlpWorkload.INPUTS);
            targets = network.tensor(point.workload.targets, point.batch, MlpWorkload.OUTPUTS);
        }

        @TearDown
        public void close() {
            network.close();
        }
    }

    @State(Scope.Thread)
    public static class RawBest {
        MultiLayerNetwork network;
        org.nd4j.linalg.dataset.DataSet data;

        @Setup
        public void setUp(SweepBenchmark point) {
            RawDl4j.useOneThread();
            network = point.workload.rawNetwork();
            data = point.workload.rawDataSet();
        }
    }

    @Benchmark
    public TrainingResult reference(OnReference state) {
        return state.network.fit(state.data, MlpWorkload.ONE_STEP);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    public TrainingResult dl4j(OnDl4j state) {
        return state.network.fit(state.data, MlpWorkload.ONE_STEP);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    @Fork(value = 1, jvmArgsAppend = RawDl4j.NO_PHYSICAL_BYTES_CHECK)
    public MultiLayerNetwork rawDl4jBest(RawBest state) {
        state.network.fit(state.data);
        return state.network;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1"})
    public RawPytorch rawPytorch(RawTorch state) {
        state.network.step(state.features, state.targets);
        return state.network;
    }
}
