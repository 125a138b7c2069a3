package io.backprop.bench;

import io.backprop.csv.CsvTable;
import io.backprop.csv.DataFile;
import io.backprop.csv.OldCsvTable;
import io.backprop.data.DataSet;
import io.backprop.spec.NetworkSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
 * Reading the MNIST-size benchmark's data from CSV, as {@code backprop predict} does: {@link CsvTable#read}
 * then {@link CsvTable#toDataSet} for the 784-input, 10-output network of {@link MlpWorkload}; and the
 * same on a JVM that sees one processor ({@link #readOnOneProcessor}), and with the reader as it was
 * before ({@link #readAsBefore}).
 *
 * <p>The file is written once per trial into a temporary directory: a header line, then 6,400 rows of
 * 784 pixel-like features with six decimals ({@code 0.374540}) and a one-hot target of 10 columns
 * ({@code 0} or {@code 1}), comma-separated, about 45 MB. The counter {@code bytes} is the file's size
 * added once per read, so JMH reports it per second beside the reads per second: bytes / time, the
 * reading speed in B/s. Part of {@code scripts/benchmarks.sh}'s run: section (d) of
 * docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class CsvReadBenchmark {
    /** Rows of the file: the size the issue measured. */
    static final int ROWS = 6_400;

    private Path dir;
    private Path file;
    private long size;
    private Path converted;
    private long convertedSize;
    private NetworkSpec spec;

    /** The bytes read, counted per read so that JMH gives their rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** The file's size, once per read. */
        public long bytes;
    }

    /** Writes the file. */
    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("backprop-csv-bench");
        file = dir.resolve("mnist-shaped.csv");
        writeMnistShaped(file, ROWS);
        size = Files.size(file);
        spec = new MlpWorkload(256, 1).spec();
        converted = dir.resolve("mnist-shaped.bpd");
        DataFile.write(converted, CsvTable.read(file));
        convertedSize = Files.size(converted);
    }

    /** Removes the file and its directory. */
    @TearDown(Level.Trial)
    public void remove() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The file read into the data set {@code predict} takes (features and targets), as the command reads it. */
    @Benchmark
    public DataSet read(Bytes bytes) {
        DataSet data = CsvTable.read(file).toDataSet(spec, List.of(), List.of(), true);
        bytes.bytes += size;
        return data;
    }

    /**
     * {@link #read} in a fork whose JVM sees one processor ({@code -XX:ActiveProcessorCount=1}): the
     * reader takes its parallelism from {@link Runtime#availableProcessors()}, so it neither reads a
     * large file as two halves nor parses on the common pool, and reads on this thread alone. The
     * flag would also make the JVM pick the serial collector; G1 is named so that only the reader's
     * threads differ from {@link #read}'s fork.
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:ActiveProcessorCount=1", "-XX:+UseG1GC"})
    public DataSet readOnOneProcessor(OneProcessor check, Bytes bytes) {
        return read(bytes);
    }

    /** Refuses to run {@link #readOnOneProcessor} where the JVM sees more than one processor. */
    @State(Scope.Benchmark)
    public static class OneProcessor {
        /** Fails the trial unless this JVM sees one processor, so its figure is single-threaded. */
        @Setup(Level.Trial)
        public void check() {
            int processors = Runtime.getRuntime().availableProcessors();
            if (processors != 1) {
                throw new IllegalStateException("readOnOneProcessor: the JVM sees " + processors
                        + " processors; expected 1 (-XX:ActiveProcessorCount=1, from its @Fork)");
            }
        }
    }

    /**
     * The same rows from the {@code .bpd} file {@code backprop convert} writes from the CSV file (float64
     * columns, mapped rather than parsed), into the same data set; {@code bytes} counts the {@code .bpd}'s
     * size, so its MB/s is that file's.
     */
    @Benchmark
    public DataSet readConverted(Bytes bytes) {
        DataSet data = DataFile.open(converted).toLabelledData(spec, List.of(), List.of(), true,
                java.util.Optional.empty()).data();
        bytes.bytes += convertedSize;
        return data;
    }

    /**
     * The same with the reader as it was before it was made fast ({@code OldCsvTable}, kept in the data
     * module's tests as the oracle the reader is held to), for the ratio in one run.
     */
    @Benchmark
    public DataSet readAsBefore(Bytes bytes) {
        DataSet data = OldCsvTable.read(file).toDataSet(spec, List.of(), List.of(), true);
        bytes.bytes += size;
        return data;
    }

    /**
     * {@code rows} rows of {@link MlpWorkload#INPUTS} features in [0, 1) with six decimals and
     * {@link MlpWorkload#OUTPUTS} one-hot targets, under a header {@code p1,…,p784,t1,…,t10}.
     */
    static void writeMnistShaped(Path file, int rows) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 1; c <= MlpWorkload.INPUTS; c++) {
                line.append('p').append(c).append(',');
            }
            for (int c = 1; c <= MlpWorkload.OUTPUTS; c++) {
                line.append('t').append(c).append(c == MlpWorkload.OUTPUTS ? '\n' : ',');
            }
            out.append(line);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < MlpWorkload.INPUTS; c++) {
                    // six decimals, as a pixel's grey level scaled to [0, 1) is commonly written
                    int micro = random.nextInt(1_000_000);
                    line.append("0.");
                    for (int digit = 100_000; digit > 0; digit /= 10) {
                        line.append((char) ('0' + micro / digit % 10));
                    }
                    line.append(',');
                }
                int hot = random.nextInt(MlpWorkload.OUTPUTS);
                for (int c = 0; c < MlpWorkload.OUTPUTS; c++) {
                    line.append(c == hot ? '1' : '0').append(c == MlpWorkload.OUTPUTS - 1 ? '\n' : ',');
                }
                out.append(line);
            }
        }
    }
}
