package io.backprop.bench;

import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.Initializer;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and writing the model file of the MLP 784-256-10 ({@link MlpWorkload}, Xavier-uniform
 * weights from seed 1): 203,530 numbers, about 4.4 MB of {@code backprop-model/1}.
 *
 * <p>Each benchmark counts the bytes of the file it reads or writes in the counter {@code megabytes},
 * which JMH reports per second: {@code read:megabytes} and {@code write:megabytes} are MB/s (10⁶ bytes).
 * {@link #write} is {@link ModelFile#write(Path, Model)} as a tool calls it, so it includes the atomic
 * write's flush to disk; {@link #toJson} is the same text without the file, to tell the two costs apart.
 * Part of {@code scripts/benchmarks.sh}'s run: section (d) of docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ModelFileBenchmark {
    /** The megabytes read or written, summed over a measured iteration; JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** Megabytes (10⁶ bytes) read or written. */
        public double megabytes;

        /** Starts each iteration's sum at 0. */
        @Setup(Level.Iteration)
        public void clear() {
            megabytes = 0;
        }
    }

    private Path directory;
    private Path source;
    private Path target;
    private Model model;
    private double fileMegabytes;

    /** Writes the MLP's model file once, for {@link #read}; {@link #write} writes beside it. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        MlpWorkload workload = new MlpWorkload(256, 1);
        NetworkSpec spec = workload.spec();
        model = Model.of(spec, Initializer.XAVIER_UNIFORM.initialize(spec, 1));
        directory = Files.createTempDirectory("backprop-model-bench");
        source = directory.resolve("mlp.json");
        target = directory.resolve("written.json");
        ModelFile.write(source, model);
        fileMegabytes = Files.size(source) / 1e6;
    }

    /** Removes the files written. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** {@link ModelFile#read} of the 4.4 MB file. */
    @Benchmark
    public Model read(Bytes bytes) {
        Model read = ModelFile.read(source);
        bytes.megabytes += fileMegabytes;
        return read;
    }

    /** {@link ModelFile#write(Path, Model)} of the model, atomically, flushed to disk. */
    @Benchmark
    public void write(Bytes bytes) {
        ModelFile.write(target, model);
        bytes.megabytes += fileMegabytes;
    }

    /** The text {@link #write} writes, encoded as the file's UTF-8 bytes, without the file. */
    @Benchmark
    public byte[] toJson(Bytes bytes) {
        byte[] text = ModelFile.toJson(model).getBytes(StandardCharsets.UTF_8);
        bytes.megabytes += text.length / 1e6;
        return text;
    }
}
