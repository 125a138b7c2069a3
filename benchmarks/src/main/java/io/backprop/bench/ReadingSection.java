package io.backprop.bench;

import static io.backprop.bench.PerformanceReport.duration;
import static io.backprop.bench.PerformanceReport.format;

import io.backprop.bench.PerformanceReport.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Section (d) of docs/performance.md, reading data beside training: the CSV reader with both cores,
 * on one processor and as it was before ({@link CsvReadBenchmark}), the model file read and written
 * ({@link ModelFileBenchmark}), whole {@code backprop train} commands against the time of their steps
 * alone ({@link CommandTimings}), and the reading targets. Whatever the run lacks is left out.
 */
final class ReadingSection {
    static final String CSV = "CsvReadBenchmark";
    static final String MODEL_FILE = "ModelFileBenchmark";

    /** Today's CSV reader reads at least this fast on one processor, MB/s. */
    static final double CSV_TARGET_MB_S = 150;
    /** Model files are read and written at least this fast, MB/s. */
    static final double MODEL_FILE_TARGET_MB_S = 100;

    private final JmhResults results;
    private final CommandTimings commands;

    ReadingSection(JmhResults results, CommandTimings commands) {
        this.results = results;
        this.commands = commands;
    }

    /** The section's markdown, its targets added to {@code targets}; empty when the run has none of it. */
    String markdown(List<Target> targets) {
        List<JmhResult> csv = PerformanceReport.ordered(results.of(CSV), CSV_ORDER);
        List<JmhResult> model = PerformanceReport.ordered(results.of(MODEL_FILE), MODEL_FILE_ORDER);
        if (csv.isEmpty() && model.isEmpty() && !commands.present()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## (d) Reading data\n\n");
        if (!csv.isEmpty() || !model.isEmpty()) {
            md.append(readers(csv, model));
        }
        if (commands.present()) {
            md.append(commands());
        }
        csvTargets(targets);
        modelFileTargets(targets);
        return md.toString();
    }

    private String readers(List<JmhResult> csv, List<JmhResult> model) {
        StringBuilder md = new StringBuilder();
        if (!csv.isEmpty()) {
            md.append("**CSV**: `CsvReadBenchmark` reads a file of (b)'s shape, a header and 6,400 rows of 784"
                    + " features with six decimals (`0.374540`) and 10 one-hot targets")
                    .append(size(csv.get(0), "bytes", 1e6, 1))
                    .append(", into the data set `predict` takes (`CsvTable.read`, then `toDataSet`). `read` is"
                            + " today's reader on every processor the JVM sees: a file of 8 MB or more is read as"
                            + " two halves at once, and the numbers are parsed in runs of rows on the common"
                            + " fork-join pool. `readOnOneProcessor` is the same in a fork started with"
                            + " `-XX:ActiveProcessorCount=1`: the reader takes its parallelism from"
                            + " `Runtime.availableProcessors()`, so there it reads and parses on one thread (the"
                            + " fork checks that it sees one processor, and keeps G1, which the JVM would trade"
                            + " for the serial collector on one processor, so that only the reader's threads"
                            + " differ). `readAsBefore` is the reader as it was before it was made fast"
                            + " (`OldCsvTable`, kept in the data module's tests as its oracle). `readConverted` reads"
                            + " the same rows from the `.bpd` file `backprop convert` writes from it (float64"
                            + " columns, mapped rather than parsed; its MB/s are the `.bpd`'s bytes). ");
        }
        if (!model.isEmpty()) {
            md.append("**Model file**: `ModelFileBenchmark` reads and writes the MLP 784-256-10's"
                    + " `backprop-model/1` file (203,530 numbers")
                    .append(size(model.get(0), "megabytes", 1, 2))
                    .append("): `read` is `ModelFile.read`, `write` is `ModelFile.write` (atomic, flushed to disk),"
                            + " `toJson` the same text without the file. ");
        }
        md.append("MB/s are 10⁶ bytes per second, from each benchmark's count of the bytes it read or wrote.\n\n");
        md.append("| what | benchmark | MB/s | ± | time per op | × the reader before |\n|---|---|---|---|---|---|\n");
        Optional<JmhResult> before = results.find(CSV, "readAsBefore");
        for (JmhResult result : csv) {
            md.append("| ").append(csvDescription(result.method())).append(" | `").append(result.method())
                    .append("` | ").append(megabytesPerSecond(result, "bytes", 1e6)).append(" | ")
                    .append(time(result)).append(" | ")
                    .append(before.map(b -> format(b.nanosPerOp() / result.nanosPerOp(), 2) + "×").orElse("—"))
                    .append(" |\n");
        }
        for (JmhResult result : model) {
            md.append("| ").append(modelFileDescription(result.method())).append(" | `").append(result.method())
                    .append("` | ").append(megabytesPerSecond(result, "megabytes", 1)).append(" | ")
                    .append(time(result)).append(" | — |\n");
        }
        List<JmhResult> all = new ArrayList<>(csv);
        all.addAll(model);
        return md.append(PerformanceReport.settingsNote(all)).toString();
    }

    private String commands() {
        CommandTimings.Timing csv = commands.timing(CommandTimings.TRAIN_CSV).orElseThrow();
        Optional<CommandTimings.Timing> binary = commands.timing(CommandTimings.TRAIN_BINARY);
        Optional<JmhResult> step = results.find(PerformanceReport.MLP, "trainReference");
        String arguments = commands.trainArguments().isEmpty() ? "" : " " + commands.trainArguments();
        StringBuilder md = new StringBuilder("**Whole commands**: `scripts/command-timings.sh` runs `backprop train"
                + " --model mlp.json --data DATA" + arguments + "` ")
                .append(commands.runs()).append(" times, each a new JVM timed by the wall clock: ")
                .append(commands.steps()).append(" SGD steps of batch 64 (4 epochs of 6,400 rows in order, no loss"
                        + " computed) of the MLP 784-256-10 from its spec-only model file, on the `reference`"
                        + " backend, writing the trained model. DATA is `CsvReadBenchmark`'s CSV file, written by the"
                        + " same generator");
        if (binary.isPresent()) {
            md.append(", or the same rows converted to the binary format by `backprop convert`");
        }
        md.append(". Beside each: its ").append(commands.steps()).append(" steps alone, (b)'s `trainReference` step")
                .append(" in this run's JMH figures times ").append(commands.steps())
                .append("; the rest is starting the JVM, reading the data, initialising the weights, compiling the"
                        + " steps' code (JMH's step is timed warmed up, a new JVM's first steps are not) and"
                        + " writing the model.\n\n");
        md.append("| command | median | fastest – slowest | the steps alone | the rest |\n|---|---|---|---|---|\n");
        md.append(commandRow("`backprop train` on the CSV file" + fileSize(commands.bytes("csv")), csv, step));
        binary.ifPresent(b -> md.append(commandRow("`backprop train` on the binary file"
                + fileSize(commands.bytes("binary")), b, step)));
        return md.append('\n').toString();
    }

    private String commandRow(String what, CommandTimings.Timing timing, Optional<JmhResult> step) {
        double steps = step.map(s -> s.nanosPerOp() * commands.steps()).orElse(Double.NaN);
        return "| " + what + " | " + duration(timing.medianNanos()) + " | " + duration(timing.minNanos()) + " – "
                + duration(timing.maxNanos()) + " | "
                + step.map(s -> duration(steps) + " (" + commands.steps() + " × " + duration(s.nanosPerOp()) + ")")
                        .orElse("—")
                + " | " + (Double.isNaN(steps) ? "—" : signed(timing.medianNanos() - steps)) + " |\n";
    }

    /** A difference of durations; negative when the machine slowed the JMH run more than the commands. */
    private static String signed(double nanos) {
        return nanos < 0 ? "−" + duration(-nanos) : duration(nanos);
    }

    private static String fileSize(double bytes) {
        return Double.isNaN(bytes) ? "" : String.format(Locale.ROOT, " (%.1f MB)", bytes / 1e6);
    }

    private void csvTargets(List<Target> targets) {
        Optional<Double> both = megabytesPerSecond(results.find(CSV, "read"), "bytes", 1e6);
        Optional<Double> one = megabytesPerSecond(results.find(CSV, "readOnOneProcessor"), "bytes", 1e6);
        one.ifPresent(rate -> targets.add(Target.atLeast("CSV read ≥ " + format(CSV_TARGET_MB_S, 0)
                + " MB/s single-threaded on the 45 MB file", rate, CSV_TARGET_MB_S, format(rate, 1)
                + " MB/s (`readOnOneProcessor`: one processor, (d))")));
        if (both.isPresent() && one.isPresent()) {
            double ratio = both.get() / one.get();
            targets.add(new Target("CSV faster with both cores than with one", format(ratio, 2) + "× ("
                    + format(both.get(), 1) + " against " + format(one.get(), 1) + " MB/s, `read` and"
                    + " `readOnOneProcessor`)", ratio > 1));
        }
    }

    private void modelFileTargets(List<Target> targets) {
        for (String method : List.of("read", "write")) {
            megabytesPerSecond(results.find(MODEL_FILE, method), "megabytes", 1).ifPresent(rate ->
                    targets.add(Target.atLeast("model file " + method + " ≥ " + format(MODEL_FILE_TARGET_MB_S, 0)
                            + " MB/s", rate, MODEL_FILE_TARGET_MB_S, format(rate, 1) + " MB/s (`ModelFile."
                            + method + "` of the MLP 784-256-10's file, (d))")));
        }
    }

    /** The rate of {@code counter} in MB/s, its counts being {@code perMegabyte} to the megabyte. */
    private static Optional<Double> megabytesPerSecond(Optional<JmhResult> result, String counter, double perMegabyte) {
        return result.flatMap(r -> r.rate(counter)).map(rate -> rate.perSecond() / perMegabyte);
    }

    /** "MB/s | ±" cells. */
    private static String megabytesPerSecond(JmhResult result, String counter, double perMegabyte) {
        return result.rate(counter).map(rate -> format(rate.perSecond() / perMegabyte, 1) + " | "
                + format(rate.error() / perMegabyte, 1)).orElse("— | —");
    }

    /** ", 45.3 MB": the file's size, the counter's count per op, which the run gives as its two rates' ratio. */
    private static String size(JmhResult result, String counter, double perMegabyte, int decimals) {
        return result.rate(counter).map(rate -> ", " + format(rate.perSecond() * result.nanosPerOp() / 1e9
                / perMegabyte, decimals) + " MB").orElse("");
    }

    private static String time(JmhResult result) {
        return duration(result.nanosPerOp());
    }

    private static String csvDescription(String method) {
        return switch (method) {
            case "read" -> "CSV, both cores";
            case "readOnOneProcessor" -> "CSV, one processor";
            case "readAsBefore" -> "CSV, the reader before";
            case "readConverted" -> "the same rows from the `.bpd` `convert` writes";
            default -> "CSV";
        };
    }

    private static String modelFileDescription(String method) {
        return switch (method) {
            case "read" -> "model file, read";
            case "write" -> "model file, written";
            case "toJson" -> "model file's text, without the file";
            default -> "model file";
        };
    }

    private static final List<String> CSV_ORDER = List.of("read", "readOnOneProcessor", "readConverted", "readAsBefore");
    private static final List<String> MODEL_FILE_ORDER = List.of("read", "write", "toJson");
}
