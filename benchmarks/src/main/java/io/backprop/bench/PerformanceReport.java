package io.backprop.bench;

import io.backprop.model.AtomicFile;
import io.backprop.teaching.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes docs/performance.md and its chart from one JMH run's JSON: the machine, the peak, a table
 * per scenario with GFLOP/s and the fraction of the peak, reading data beside training, and the
 * project's performance targets, each computed from this one run and marked met or missed.
 *
 * <p>Usage: {@code PerformanceReport RESULTS.json OUT.md OUT.png "COMMAND" [--soak SOAK.properties]
 * [--commands COMMANDS.properties]}: the figures of {@code scripts/soak-dl4j.sh}'s run for the memory
 * target, and of {@code scripts/command-timings.sh}'s for the whole commands of (d).
 */
public final class PerformanceReport {
    static final String ARTICLE = "ArticleStepBenchmark";
    static final String MLP = "MlpBenchmark";
    static final String SWEEP = "SweepBenchmark";
    static final String PEAK = "PeakBenchmark";
    /** Where the reason `reference` trails PyTorch is written, from docs/. */
    /** Where the pytorch backend's cost against raw PyTorch is explained, from docs/. */
    static final String WHY_PYTORCH_BACKEND_BEHIND = "../pytorch-backend/README.md#against-raw-pytorch";
    static final String WHY_BEHIND_PYTORCH =
            "../reference-impl/README.md#against-pytorch-and-why-reference-is-not-yet-the-fastest";

    /**
     * Two threads of the peak kernel below this multiple of one thread's rate mean that other work
     * shared the cores during the run.
     */
    static final double BUSY_MACHINE_BELOW = 1.7;
    /** Above this multiple, the one-thread run was the one slowed down by other work. */
    static final double BUSY_MACHINE_ABOVE = 2.3;

    /**
     * A soak run whose resident size, fitted by a straight line after its first tenth, rises by at most
     * this share of its mean over the fitted span has levelled off: its memory is bounded. Runs recorded
     * before the script fitted a line are judged, as they were, by the largest resident size of the
     * second half against the first's, with the same allowance.
     */
    static final double BOUNDED_GROWTH = 1.05;

    /** Below this many bytes per op, JMH's allocation figure is its own measurement noise: zero. */
    static final double ZERO_BYTES = 0.5;

    private final JmhResults results;
    private final Machine machine;
    private final String command;
    private final ZonedDateTime when;
    private final java.util.Properties soak;
    private final CommandTimings commands;
    private final JmhResults onJdk25;
    private final List<Target> targets = new ArrayList<>();

    PerformanceReport(JmhResults results, Machine machine, String command, ZonedDateTime when) {
        this(results, machine, command, when, new java.util.Properties());
    }

    /** @param soak the figures of a soak run of the dl4j backend, or none */
    PerformanceReport(JmhResults results, Machine machine, String command, ZonedDateTime when,
                      java.util.Properties soak) {
        this(results, machine, command, when, soak, CommandTimings.none());
    }

    /**
     * @param soak the figures of a soak run of the dl4j backend, or none
     * @param commands the figures of a run of {@code scripts/command-timings.sh}, or none
     */
    PerformanceReport(JmhResults results, Machine machine, String command, ZonedDateTime when,
                      java.util.Properties soak, CommandTimings commands) {
        this(results, machine, command, when, soak, commands, JmhResults.none());
    }

    /**
     * @param soak the figures of a soak run of the dl4j backend, or none
     * @param commands the figures of a run of {@code scripts/command-timings.sh}, or none
     * @param onJdk25 the results of the second JMH run, on JDK 25 with the Vector API kernels, or none
     */
    PerformanceReport(JmhResults results, Machine machine, String command, ZonedDateTime when,
                      java.util.Properties soak, CommandTimings commands, JmhResults onJdk25) {
        this.onJdk25 = onJdk25;
        this.results = results;
        this.machine = machine;
        this.command = command;
        this.when = when;
        this.soak = soak;
        this.commands = commands;
    }

    /**
     * Writes the page and the chart.
     *
     * @param args {@code RESULTS.json OUT.md OUT.png COMMAND [--soak SOAK.properties] [--commands
     *     COMMANDS.properties] [--jdk25 RESULTS-JDK25.json]}
     */
    public static void main(String[] args) throws IOException {
        String usage = "usage: PerformanceReport RESULTS.json OUT.md OUT.png COMMAND [--soak SOAK.properties]"
                + " [--commands COMMANDS.properties] [--jdk25 RESULTS-JDK25.json]";
        java.util.Properties soak = new java.util.Properties();
        java.util.Properties commands = new java.util.Properties();
        JmhResults onJdk25 = JmhResults.none();
        boolean understood = args.length >= 4 && args.length % 2 == 0;
        for (int k = 4; understood && k < args.length; k += 2) {
            switch (args[k]) {
                case "--soak" -> load(Path.of(args[k + 1]), soak);
                case "--commands" -> load(Path.of(args[k + 1]), commands);
                case "--jdk25" -> onJdk25 = JmhResults.read(Path.of(args[k + 1]));
                default -> understood = false;
            }
        }
        if (!understood) {
            System.err.println(usage);
            System.exit(2);
        }
        JmhResults results = JmhResults.read(Path.of(args[0]));
        Path markdown = Path.of(args[1]);
        Path png = Path.of(args[2]);
        PerformanceReport report = new PerformanceReport(results, Machine.describe(), args[3],
                ZonedDateTime.now(ZoneOffset.UTC), soak, new CommandTimings(commands), onJdk25);
        Path imageLink = markdown.toAbsolutePath().getParent().relativize(png.toAbsolutePath());
        AtomicFile.write(markdown, report.markdown(imageLink.toString().replace('\\', '/'))
                .getBytes(StandardCharsets.UTF_8));
        if (PerformanceChart.canDraw(results)) {
            AtomicFile.write(png, PerformanceChart.png(results, report.peakGflops()));
            System.out.println("wrote " + markdown + " and " + png);
        } else {
            // A partial run (reading only, say) still gets its page; the chart of another run is left alone.
            System.out.println("wrote " + markdown + "; no chart: the run has no MLP or sweep results");
        }
    }

    private static void load(Path file, java.util.Properties into) throws IOException {
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file)) {
            into.load(in);
        }
    }

    /** The best float64 rate measured by the peak kernels, over all threads, in GFLOP/s; NaN without them. */
    double peakGflops() {
        return results.of(PEAK).stream().mapToDouble(PerformanceReport::gflops).max().orElse(Double.NaN);
    }

    /** GFLOP/s of a result whose FLOP per op is known, over all its threads; NaN otherwise. */
    static double gflops(JmhResult result) {
        return result.threads() * flopPerOp(result) / result.nanosPerOp();
    }

    static double flopPerOp(JmhResult result) {
        switch (result.benchmarkClass()) {
            case MLP:
                return result.method().startsWith("train")
                        ? FlopCount.trainingStep(MlpWorkload.INPUTS, MlpBenchmark.HIDDEN, MlpWorkload.OUTPUTS,
                                MlpBenchmark.BATCH)
                        : FlopCount.feedforward(MlpWorkload.INPUTS, MlpBenchmark.HIDDEN, MlpWorkload.OUTPUTS,
                                MlpBenchmark.BATCH);
            case SWEEP:
                return FlopCount.trainingStep(MlpWorkload.INPUTS, result.intParam("width"), MlpWorkload.OUTPUTS,
                        result.intParam("batch"));
            case PEAK:
                return result.method().startsWith("vector") ? PeakBenchmark.VECTOR_FLOP : PeakBenchmark.SCALAR_FLOP;
            default:
                return Double.NaN;
        }
    }

    String markdown(String imageLink) {
        StringBuilder md = new StringBuilder();
        targets.clear();
        double peak = peakGflops();
        String body = article() + mlp(peak) + sweep(peak)
                + new ReadingSection(results, commands).markdown(targets)
                + new VectorKernelsSection(onJdk25).markdown(targets);
        md.append("# Performance\n\n");
        md.append("Measured ").append(when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" by `").append(command).append("`: one JMH run, and every ratio below comes from it.\n\n");
        md.append("- machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.memory()).append(", ").append(machine.os()).append('\n');
        md.append("- JDK: ").append(results.jdk()).append("; DL4J 1.0.0-M2.1 (nd4j-native, float64); PyTorch 2.7.1"
                + " through DJL 0.36.0 (CPU, float64)\n");
        md.append("- times are JMH's average per op, ± its 99.9% confidence half-interval; allocation is JMH's gc"
                + " profiler's `gc.alloc.rate.norm`, bytes per op\n\n");
        if (PerformanceChart.canDraw(results)) {
            md.append("![GFLOP/s of each backend, MLP 784-256-10 batch 64 and the width × batch sweep](")
                    .append(imageLink).append(")\n\n");
        }
        md.append(targetsTable());
        md.append(peakTable(peak));
        md.append(body);
        md.append(flopNote());
        return md.toString();
    }

    private String targetsTable() {
        StringBuilder md = new StringBuilder("## Targets\n\n");
        md.append("The performance the backends are built to reach, each target computed from this run.\n\n");
        md.append("| target | measured | |\n|---|---|---|\n");
        for (Target target : targets) {
            md.append("| ").append(target.goal()).append(" | ").append(target.measured()).append(" | ")
                    .append(target.verdict()).append(" |\n");
        }
        md.append(soakTarget()).append('\n');
        return md.toString();
    }

    /** The memory target's row, from the soak run's figures when there are some. */
    private String soakTarget() {
        String goal = "the dl4j backend's memory stays bounded over long runs";
        if (!soak.containsKey("second_half_max_kb")) {
            return "| " + goal + " | not part of this run: `scripts/soak-dl4j.sh` measures it | — |\n";
        }
        double first = Double.parseDouble(soak.getProperty("first_half_max_kb")) / 1024;
        double second = Double.parseDouble(soak.getProperty("second_half_max_kb")) / 1024;
        String run = String.format(Locale.ROOT, "%,d per-sample steps in %s s (`scripts/soak-dl4j.sh`, %s)",
                Long.parseLong(soak.getProperty("steps")), soak.getProperty("seconds"),
                // Figures recorded before the script wrote the heap all ran with the launcher's -Xmx512m of then.
                soak.getProperty("heap", "-Xmx512m"));
        Target target;
        if (soak.containsKey("trend_kb")) {
            double rise = Double.parseDouble(soak.getProperty("trend_kb")) / 1024;
            double mean = Double.parseDouble(soak.getProperty("mean_kb")) / 1024;
            target = Target.atMost(goal, 1 + rise / mean, BOUNDED_GROWTH, String.format(Locale.ROOT,
                    "%s: resident size from %s s to %s s %.0f MB on average, its fitted trend %+.0f MB over that"
                            + " span (%+.1f%%; bounded: at most %+.0f%%); largest %.0f MB in the first half of the"
                            + " run, %.0f MB in the second",
                    run, soak.getProperty("fit_from_s"), soak.getProperty("fit_to_s"), mean, rise,
                    100 * rise / mean, 100 * (BOUNDED_GROWTH - 1), first, second));
        } else {
            target = Target.atMost(goal, second / first, BOUNDED_GROWTH, String.format(Locale.ROOT,
                    "%s: resident size at most %.0f MB in the first half of the run, %.0f MB in the second"
                            + " (%+.1f%%; bounded: at most %+.0f%%)",
                    run, first, second, 100 * (second / first - 1), 100 * (BOUNDED_GROWTH - 1)));
        }
        return "| " + target.goal() + " | " + target.measured() + " | " + target.verdict() + " |\n";
    }

    private String peakTable(double peak) {
        if (results.of(PEAK).isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## (e) The machine's float64 peak\n\n");
        md.append("Twelve independent FMA chains held in registers, no memory traffic (`PeakBenchmark`). One op is"
                + " 4096 rounds of the twelve chains: 2 · 12 · lanes · 4096 FLOP (lanes = 4 for the Vector API's"
                + " 256-bit species, AVX2's width; 1 for `Math.fma` on plain doubles). The peak every fraction below is"
                + " taken of is the best of these: **").append(format(peak, 1)).append(" GFLOP/s**.\n\n");
        md.append("| kernel | threads | FLOP per op | time per op | GFLOP/s (all threads) |\n|---|---|---|---|---|\n");
        for (JmhResult result : results.of(PEAK)) {
            md.append("| `").append(result.method()).append("` | ").append(result.threads()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", flopPerOp(result))).append(" | ")
                    .append(time(result)).append(" | ").append(format(gflops(result), 1)).append(" |\n");
        }
        Optional<JmhResult> one = results.find(PEAK, "vectorOneThread");
        Optional<JmhResult> two = results.find(PEAK, "vectorTwoThreads");
        double scaling = one.isPresent() && two.isPresent() ? gflops(two.get()) / gflops(one.get()) : Double.NaN;
        if (scaling < BUSY_MACHINE_BELOW || scaling > BUSY_MACHINE_ABOVE) {
            md.append("\n**The machine was busy**: two threads reached ").append(format(scaling, 2))
                    .append(" times one thread's rate, where two free cores give about 2. The peak above is then"
                            + " likely too low, every fraction of it below too high, and the timings are noisy.\n");
        }
        return md.append('\n').toString();
    }

    private String article() {
        List<JmhResult> rows = results.of(ARTICLE);
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## (a) The article's 2-2-1 network, one per-sample SGD step\n\n");
        md.append("One op is one SGD step on one of the four people (sigmoid, mse, η = 0.1), always through `fit`"
                        + " as a user calls it, at batch size 1. Each call carries its own bookkeeping (the row"
                        + " order, the result) and whatever losses it computes, spread over its steps: `fit` of"
                        + " one epoch (four ops) with the loss after it, as by default; the article's 1000 epochs"
                        + " with the loss every 10th (4000 ops); and 1000 epochs with no loss, the steps alone"
                        + " (4000 ops), which is the work of the hand-written floor without its loss. Raw DL4J"
                        + " runs four `fit(DataSet)` calls of one row.\n\n");
        md.append("| benchmark | what one call does | time per step | ± | bytes per step | × hand-written loop |\n");
        md.append("|---|---|---|---|---|---|\n");
        Optional<JmhResult> floor = results.find(ARTICLE, "handWrittenLoop");
        for (JmhResult result : ordered(rows, ARTICLE_ORDER)) {
            md.append("| `").append(result.method()).append("` | ").append(articleDescription(result.method()))
                    .append(" | ").append(time(result)).append(" | ").append(timeError(result)).append(" | ")
                    .append(bytes(result)).append(" | ")
                    .append(floor.map(f -> times(result.nanosPerOp() / f.nanosPerOp())).orElse("—"))
                    .append(" |\n");
        }
        md.append(settingsNote(rows));
        md.append("Comparison points measured before this code existed: the article's numpy code,"
                + " 30 µs per step; a hand-written Java loop, 0.093 µs; raw DL4J with one thread, 1.23 ms.\n\n");
        results.find(ARTICLE, "referenceStepsOnly").ifPresent(steps -> {
            List<String> beside = new ArrayList<>();
            results.find(ARTICLE, "referenceArticleRun").ifPresent(run -> beside.add("with the loss every 10th epoch"
                    + " as the article computes it, " + format(run.nanosPerOp() / 1000, 3) + " µs"));
            results.find(ARTICLE, "reference").ifPresent(one -> beside.add("one epoch per `fit` with its loss, "
                    + format(one.nanosPerOp() / 1000, 3) + " µs"));
            targets.add(Target.atMost("reference on (a): ≤ 0.1 µs per step", steps.nanosPerOp() / 1000, 0.1,
                    format(steps.nanosPerOp() / 1000, 3) + " µs (`referenceStepsOnly`: the steps alone, as the"
                            + " hand-written floor" + (beside.isEmpty() ? "" : "; " + String.join("; ", beside))
                            + ")"));
            if (!Double.isNaN(steps.bytesPerOp())) {
                targets.add(Target.atMost("reference on (a): 0 bytes allocated per step (below " + ZERO_BYTES
                        + " B counts as 0)", steps.bytesPerOp(), ZERO_BYTES, format(steps.bytesPerOp(), 3)
                        + " B (`referenceStepsOnly`: " + String.format(Locale.ROOT, "%,.0f", steps.bytesPerOp()
                        * 4 * Article.EPOCHS) + " B per `fit` call of "
                        + 4 * Article.EPOCHS + " steps, its row order and result; the step"
                        + " itself allocates none)"));
            }
        });
        return md.toString();
    }

    private static String articleDescription(String method) {
        return switch (method) {
            case "handWrittenLoop" -> "four steps of a plain-Java 2-2-1 network (nine fields), no loss: the floor";
            case "handWrittenLoopWithEpochLoss" -> "the same four steps and the mse over the four people, as `fit`"
                    + " computes after an epoch";
            case "reference" -> "`fit`, 1 epoch, batch 1, on `reference` (4 steps + the epoch's loss)";
            case "referenceArticleRun" -> "`fit`, the article's run in one call on `reference`: 1000 epochs, the"
                    + " loss every 10th as the article computes it (4000 steps + 100 losses); compare numpy's 30 µs";
            case "referenceStepsOnly" -> "`fit`, 1000 epochs in one call on `reference`, no loss (`lossEvery`"
                    + " beyond the epochs): the 4000 steps alone, as `handWrittenLoop`";
            case "dl4j" -> "`fit`, 1 epoch, batch 1, on `dl4j` (4 steps + the epoch's loss)";
            case "rawDl4jBest" -> "four `MultiLayerNetwork.fit(DataSet)` of one row, one thread,"
                    + " `maxPhysicalBytes=0`";
            case "pytorch" -> "`fit`, 1 epoch, batch 1, on `pytorch` (4 steps + the epoch's loss)";
            case "rawPytorch" -> "four steps of one row in PyTorch through DJL (autograd, float64), one thread";
            default -> method;
        };
    }

    private String mlp(double peak) {
        List<JmhResult> rows = results.of(MLP);
        if (rows.isEmpty()) {
            return "";
        }
        double trainFlop = FlopCount.trainingStep(MlpWorkload.INPUTS, MlpBenchmark.HIDDEN, MlpWorkload.OUTPUTS,
                MlpBenchmark.BATCH);
        double inferFlop = FlopCount.feedforward(MlpWorkload.INPUTS, MlpBenchmark.HIDDEN, MlpWorkload.OUTPUTS,
                MlpBenchmark.BATCH);
        StringBuilder md = new StringBuilder("## (b) MLP 784-256-10, batch 64\n\n");
        md.append("Relu hidden layer, softmax output, cross-entropy, SGD with η = 0.01, 64 random rows from a"
                        + " fixed seed. **Training**: one op is one SGD step on the 64 rows, ")
                .append(String.format(Locale.ROOT, "%,.0f", trainFlop))
                .append(" FLOP (3·F + 2·P, see below). Through the API it is `fit` of one epoch at batch size"
                        + " \"all\" with no loss computed (`lossEvery(2)`), the same work as raw DL4J's"
                        + " `fit(DataSet)`, which takes its score from the step's own feedforward. **With the"
                        + " loss**: `fit` as by default, which computes the loss over the data after the epoch, one"
                        + " more feedforward (F = ").append(String.format(Locale.ROOT, "%,.0f", inferFlop))
                .append(" FLOP, not counted as work in GFLOP/s); its raw DL4J yardstick is `fit` then `score`."
                        + " **Inference**: one op is the outputs of the 64 rows, F FLOP. Raw DL4J at its defaults:"
                        + " no flag, its own thread count; at its best: one thread and"
                        + " `-Dorg.bytedeco.javacpp.maxPhysicalBytes=0`. The `dl4j` backend runs as a library user"
                        + " gets it: no flag and no `OMP_NUM_THREADS`, so with whatever threads and flags the"
                        + " backend chooses itself. Raw PyTorch is DJL 0.36 driving PyTorch 2.7.1 directly (float64"
                        + " tensors, autograd, the SGD update as tensor operations, `RawPytorch`), on one and on two"
                        + " intra-op threads; \"at its best\" is the faster of the two in this run. The `pytorch`"
                        + " backend runs with the threads it chooses itself (one), and with two"
                        + " (`-Dai.djl.pytorch.num_threads=2`); its target is judged at raw PyTorch's best"
                        + " setting, the adapter's own cost.\n\n");
        md.append("| what | backend | time per op | ± | rows/s | GFLOP/s | of peak | bytes per op |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (JmhResult result : ordered(rows, MLP_ORDER)) {
            boolean training = result.method().startsWith("train");
            double g = gflops(result);
            md.append("| ").append(training ? "training step" : "inference").append(" | ")
                    .append(mlpBackend(result.method())).append(" | ").append(time(result)).append(" | ")
                    .append(timeError(result)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", MlpBenchmark.BATCH * 1e9 / result.nanosPerOp()))
                    .append(" | ").append(format(g, 2)).append(" | ").append(percent(g / peak)).append(" | ")
                    .append(bytes(result)).append(" |\n");
        }
        md.append(settingsNote(rows));
        Optional<JmhResult> reference = results.find(MLP, "trainReference");
        Optional<JmhResult> dl4j = results.find(MLP, "trainDl4j");
        Optional<JmhResult> best = results.find(MLP, "trainRawDl4jBest");
        Optional<JmhResult> defaults = results.find(MLP, "trainRawDl4jDefaults");
        Optional<JmhResult> referenceWithLoss = results.find(MLP, "trainReferenceWithLoss");
        Optional<JmhResult> dl4jWithLoss = results.find(MLP, "trainDl4jWithLoss");
        Optional<JmhResult> bestWithLoss = results.find(MLP, "trainRawDl4jBestWithLoss");
        if (reference.isPresent() && best.isPresent()) {
            double ratio = best.get().nanosPerOp() / reference.get().nanosPerOp();
            targets.add(Target.atLeast("reference ≥ 1.5× raw DL4J at its best, (b) training step", ratio, 1.5,
                    format(ratio, 2) + "× (" + time(reference.get()) + " against " + time(best.get()) + ")"
                            + withLoss(referenceWithLoss, bestWithLoss, true)));
        }
        if (reference.isPresent() && !Double.isNaN(peak)) {
            // Judged on the FLOP reference performs: the 3·F + 2·P of the table credits it with the first
            // layer's input gradient, which it rightly skips.
            double performed = FlopCount.trainingStepWithoutInputGradient(MlpWorkload.INPUTS, MlpBenchmark.HIDDEN,
                    MlpWorkload.OUTPUTS, MlpBenchmark.BATCH);
            double rate = performed / reference.get().nanosPerOp();
            double fraction = rate / peak;
            targets.add(Target.atLeast("reference ≥ 30% of the measured peak, (b) training step", fraction, 0.30,
                    percent(fraction) + " (" + format(rate, 2) + " of " + format(peak, 1) + " GFLOP/s, counting the "
                            + String.format(Locale.ROOT, "%,.0f", performed) + " FLOP `reference` performs: it skips"
                            + " the first layer's input gradient; by the table's 3·F + 2·P count, "
                            + percent(gflops(reference.get()) / peak) + ")"));
        }
        if (dl4j.isPresent() && best.isPresent()) {
            double ratio = dl4j.get().nanosPerOp() / best.get().nanosPerOp();
            targets.add(Target.atMost("dl4j backend within 1.05× of raw DL4J at its best, (b) training step", ratio,
                    1.05, format(ratio, 2) + "× the time (" + time(dl4j.get()) + " against " + time(best.get()) + ")"
                            + withLoss(dl4jWithLoss, bestWithLoss, false)));
        }
        Optional<JmhResult> torchBest = fastest(results.find(MLP, "trainRawPytorchOneThread"),
                results.find(MLP, "trainRawPytorchTwoThreads"));
        Optional<JmhResult> torchBestPredict = fastest(results.find(MLP, "predictRawPytorchOneThread"),
                results.find(MLP, "predictRawPytorchTwoThreads"));
        Optional<JmhResult> referencePredict = results.find(MLP, "predictReference");
        if (reference.isPresent() && torchBest.isPresent()) {
            double ratio = torchBest.get().nanosPerOp() / reference.get().nanosPerOp();
            targets.add(Target.atLeast("reference at least as fast as raw PyTorch at its best, (b) training step",
                    ratio, 1.0, format(ratio, 2) + "× (" + time(reference.get()) + " against " + time(torchBest.get())
                            + ", `" + torchBest.get().method() + "`)"));
            if (ratio < 1.0) {
                md.append("Why `reference` trails PyTorch, with the profile of its step and the kernels tried:"
                        + " [reference-impl/README.md](" + WHY_BEHIND_PYTORCH + ").\n\n");
            }
        }
        if (referencePredict.isPresent() && torchBestPredict.isPresent()) {
            double ratio = torchBestPredict.get().nanosPerOp() / referencePredict.get().nanosPerOp();
            targets.add(Target.atLeast("reference at least as fast as raw PyTorch at its best, (b) inference",
                    ratio, 1.0, format(ratio, 2) + "× (" + time(referencePredict.get()) + " against "
                            + time(torchBestPredict.get()) + ", `" + torchBestPredict.get().method() + "`)"));
        }
        pytorchTarget(torchBest, torchBestPredict, targets, md);
        if (dl4j.isPresent() && defaults.isPresent()) {
            double ratio = defaults.get().nanosPerOp() / dl4j.get().nanosPerOp();
            targets.add(Target.atLeast("dl4j backend ≥ 1.9× raw DL4J at its defaults, (b) training step", ratio, 1.9,
                    format(ratio, 2) + "× (" + time(dl4j.get()) + " against " + time(defaults.get()) + ")"));
        }
        return md.toString();
    }

    /**
     * The pytorch backend against raw PyTorch at its best, at raw's best thread setting when the run has
     * the backend at both (its default, one thread, and two), so that the ratio is the adapter's cost; the
     * default's ratio is given beside it, for the default is chosen for loaded machines (pytorch-backend's
     * README, "Threads"). A run without the backend on two threads is judged by its default, as before.
     */
    private void pytorchTarget(Optional<JmhResult> torchBest, Optional<JmhResult> torchBestPredict,
                               List<Target> targets, StringBuilder md) {
        Optional<JmhResult> byDefault = results.find(MLP, "trainPytorch");
        if (byDefault.isEmpty() || torchBest.isEmpty()) {
            return;
        }
        boolean twoThreadsBest = torchBest.get().method().endsWith("TwoThreads");
        Optional<JmhResult> twoThreads = results.find(MLP, "trainPytorchTwoThreads");
        Optional<JmhResult> same = twoThreadsBest ? twoThreads : byDefault;
        if (same.isEmpty()) {
            same = byDefault;
        }
        String suffix = same.get().method().endsWith("TwoThreads") ? "TwoThreads" : "";
        Optional<JmhResult> samePredict = results.find(MLP, "predictPytorch" + suffix);
        double ratio = same.get().nanosPerOp() / torchBest.get().nanosPerOp();
        String setting = twoThreads.isEmpty() ? "" : suffix.isEmpty() ? "its default, one thread, as raw PyTorch's"
                + " best: " : "two threads, as raw PyTorch's best: ";
        StringBuilder detail = new StringBuilder(format(ratio, 2) + "× the time (" + setting
                + time(same.get()) + " against " + time(torchBest.get()) + ")");
        if (samePredict.isPresent() && torchBestPredict.isPresent()) {
            detail.append("; inference ").append(format(samePredict.get().nanosPerOp()
                    / torchBestPredict.get().nanosPerOp(), 2)).append("× (").append(time(samePredict.get()))
                    .append(" against ").append(time(torchBestPredict.get())).append(")");
        }
        if (same.get() != byDefault.get()) {
            detail.append("; its default, one thread: ").append(format(byDefault.get().nanosPerOp()
                    / torchBest.get().nanosPerOp(), 2)).append("× (").append(time(byDefault.get()))
                    .append("), chosen for loaded machines");
        }
        targets.add(Target.atMost("pytorch backend within 1.1× of raw PyTorch at its best, (b) training step",
                ratio, 1.1, detail.toString()));
        if (ratio > 1.1) {
            md.append("Where the `pytorch` backend's time goes against raw PyTorch's, with the profile:"
                    + " [pytorch-backend/README.md](" + WHY_PYTORCH_BACKEND_BEHIND + ").\n\n");
        }
    }

    /** The faster of two results, when the run has either. */
    static Optional<JmhResult> fastest(Optional<JmhResult> a, Optional<JmhResult> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().nanosPerOp() <= b.get().nanosPerOp() ? a : b;
    }

    /** The same comparison with the loss after the step, when the run has both: given beside, not judged. */
    private static String withLoss(Optional<JmhResult> ours, Optional<JmhResult> raw, boolean speedUp) {
        if (ours.isEmpty() || raw.isEmpty()) {
            return "";
        }
        double ratio = speedUp ? raw.get().nanosPerOp() / ours.get().nanosPerOp()
                : ours.get().nanosPerOp() / raw.get().nanosPerOp();
        return "; with the loss after the step, " + format(ratio, 2) + "× (" + time(ours.get()) + " against "
                + time(raw.get()) + " for raw `fit` + `score`)";
    }

    static String mlpBackend(String method) {
        String backend = method.replaceFirst("^(train|predict)", "");
        return switch (backend) {
            case "Reference" -> "`reference`";
            case "Dl4j" -> "`dl4j`";
            case "ReferenceWithLoss" -> "`reference`, with the loss";
            case "Dl4jWithLoss" -> "`dl4j`, with the loss";
            case "RawDl4jBestWithLoss" -> "raw DL4J, best, `fit` + `score`";
            case "RawDl4jDefaults" -> "raw DL4J, defaults";
            case "RawDl4jBest" -> "raw DL4J, best";
            case "Pytorch" -> "`pytorch`, its default (1 thread)";
            case "PytorchTwoThreads" -> "`pytorch`, 2 threads";
            case "RawPytorchOneThread" -> "raw PyTorch, 1 thread";
            case "RawPytorchTwoThreads" -> "raw PyTorch, 2 threads";
            default -> backend;
        };
    }

    private String sweep(double peak) {
        List<JmhResult> rows = results.of(SWEEP);
        if (rows.isEmpty()) {
            return "";
        }
        return "## (c) Where each backend wins: hidden width × batch size\n\n"
                + "One SGD step of a 784-W-10 MLP (as in (b)) on B random rows; one op is one step. Short runs"
                + " per point: a map, not a verdict. GFLOP/s in brackets, fastest in bold.\n\n"
                + sweepTable(rows, targets, "reference the fastest engine at every point of (c)");
    }

    /**
     * The sweep's table and the settings it ran with; its target, named {@code goal}, added to
     * {@code targets}.
     */
    static String sweepTable(List<JmhResult> rows, List<Target> targets, String goal) {
        List<String> backends = List.of("reference", "dl4j", "rawDl4jBest", "rawPytorch");
        StringBuilder md = new StringBuilder();
        md.append("| W | B | FLOP per step | `reference` | `dl4j` | raw DL4J, best | raw PyTorch, 1 thread | fastest |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        List<String> points = new ArrayList<>();
        int judged = 0;
        int referenceFastest = 0;
        List<String> lost = new ArrayList<>();
        for (JmhResult result : rows) {
            String point = result.params().get("width") + "×" + result.params().get("batch");
            if (points.contains(point)) {
                continue;
            }
            points.add(point);
            int width = result.intParam("width");
            int batch = result.intParam("batch");
            md.append("| ").append(width).append(" | ").append(batch).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f",
                            FlopCount.trainingStep(MlpWorkload.INPUTS, width, MlpWorkload.OUTPUTS, batch)))
                    .append(" | ");
            String fastest = null;
            double fastestNanos = Double.POSITIVE_INFINITY;
            List<Optional<JmhResult>> cells = new ArrayList<>();
            for (String backend : backends) {
                Optional<JmhResult> cell = rows.stream().filter(r -> r.method().equals(backend)
                        && r.intParam("width") == width && r.intParam("batch") == batch).findFirst();
                cells.add(cell);
                if (cell.isPresent() && cell.get().nanosPerOp() < fastestNanos) {
                    fastestNanos = cell.get().nanosPerOp();
                    fastest = backend;
                }
            }
            for (int b = 0; b < backends.size(); b++) {
                Optional<JmhResult> cell = cells.get(b);
                String text = cell.map(c -> time(c) + " (" + format(gflops(c), 2) + ")").orElse("—");
                md.append(backends.get(b).equals(fastest) ? "**" + text + "**" : text).append(" | ");
            }
            md.append(fastest == null ? "—" : sweepName(fastest)).append(" |\n");
            if (fastest != null) {
                judged++;
                referenceFastest += fastest.equals("reference") ? 1 : 0;
                if (!fastest.equals("reference")) {
                    lost.add(point + " (" + sweepName(fastest) + ")");
                }
            }
        }
        if (judged > 0) {
            targets.add(Target.atLeast(goal, referenceFastest, judged,
                    referenceFastest + " of " + judged + " points" + (lost.isEmpty() ? ""
                            : "; lost at W×B " + String.join(", ", lost))));
        }
        return md.append(settingsNote(rows)).toString();
    }

    private static final List<String> ARTICLE_ORDER = List.of("handWrittenLoop", "handWrittenLoopWithEpochLoss",
            "referenceStepsOnly", "referenceArticleRun", "reference", "dl4j", "rawDl4jBest", "pytorch", "rawPytorch");
    private static final List<String> MLP_ORDER = List.of("trainReference", "trainDl4j", "trainRawDl4jBest",
            "trainRawDl4jDefaults", "trainPytorch", "trainPytorchTwoThreads", "trainRawPytorchOneThread", "trainRawPytorchTwoThreads",
            "trainReferenceWithLoss", "trainDl4jWithLoss", "trainRawDl4jBestWithLoss",
            "predictReference", "predictDl4j", "predictRawDl4jBest", "predictRawDl4jDefaults", "predictPytorch",
            "predictPytorchTwoThreads", "predictRawPytorchOneThread", "predictRawPytorchTwoThreads");

    /** {@code rows} in the order of {@code methods}, any others after them as JMH wrote them. */
    static List<JmhResult> ordered(List<JmhResult> rows, List<String> methods) {
        List<JmhResult> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparingInt(r -> {
            int index = methods.indexOf(r.method());
            return index < 0 ? methods.size() : index;
        }));
        return sorted;
    }

    private static String times(double ratio) {
        return ratio < 100 ? format(ratio, 1) + "×" : String.format(Locale.ROOT, "%,.0f×", ratio);
    }

    /** Which JMH settings ran which benchmarks of a table. */
    static String settingsNote(List<JmhResult> rows) {
        java.util.Map<String, java.util.Set<String>> methods = new java.util.LinkedHashMap<>();
        for (JmhResult row : rows) {
            methods.computeIfAbsent(row.settings(), s -> new java.util.LinkedHashSet<>()).add("`" + row.method() + "`");
        }
        StringBuilder note = new StringBuilder("\nJMH: ");
        List<String> parts = new ArrayList<>();
        methods.forEach((settings, names) -> parts.add(settings + (methods.size() > 1 ? " (" + String.join(", ", names)
                + ")" : "")));
        return note.append(String.join("; ", parts)).append(".\n\n").toString();
    }

    static String sweepName(String method) {
        return switch (method) {
            case "rawDl4jBest" -> "raw DL4J, best";
            case "rawPytorch" -> "raw PyTorch, 1 thread";
            default -> "`" + method + "`";
        };
    }

    private static String flopNote() {
        return "## How the FLOP are counted\n\n"
                + "For an I-H-O MLP on a batch of B rows: feedforward F = 2·B·(I·H + H·O) (the two matrix"
                + " products, a multiply and an add per weight and row); backprop about 2·F (the gradient of each"
                + " weight matrix and of each layer's input); the SGD update 2·P, with P = I·H + H + H·O + O"
                + " weights and biases. A training step is 3·F + 2·P; inference is F. Activations, softmax and"
                + " the loss are left out: they grow with B·H, not B·I·H. GFLOP/s = FLOP per op / time per op;"
                + " \"of peak\" divides that by the peak of (e), the best of its kernels (on a quiet machine, the"
                + " vector kernel on both cores). The article's 2-2-1 step is too"
                + " small for FLOP to mean anything and is given in time and bytes only.\n\n"
                + "Regenerate this page with `scripts/benchmarks.sh` (about 36 minutes with the soak run, the JDK 25 run and the whole"
                + " commands of (d); `--quick` for a rough one"
                + " in about 3 minutes on a quiet 2-core machine, 6 or more on a busy one). Numbers from a machine shared with other work are noisy: compare within one run.\n";
    }

    static String time(JmhResult result) {
        return duration(result.nanosPerOp());
    }

    static String timeError(JmhResult result) {
        return Double.isNaN(result.errorNanos()) ? "—" : duration(result.errorNanos());
    }

    static String duration(double nanos) {
        if (Double.isNaN(nanos)) {
            return "—";
        }
        if (nanos < 1e3) {
            return format(nanos, 1) + " ns";
        }
        if (nanos < 1e6) {
            return format(nanos / 1e3, nanos < 1e4 ? 2 : 1) + " µs";
        }
        if (nanos < 1e9) {
            return format(nanos / 1e6, nanos < 1e7 ? 2 : 1) + " ms";
        }
        return format(nanos / 1e9, 2) + " s";
    }

    private static String bytes(JmhResult result) {
        double b = result.bytesPerOp();
        return Double.isNaN(b) ? "—" : b < ZERO_BYTES ? "0" : String.format(Locale.ROOT, "%,.0f", b);
    }

    static String format(double value, int decimals) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** One of the performance targets with this run's figure. */
    record Target(String goal, String measured, boolean met) {
        static Target atLeast(String goal, double value, double bound, String measured) {
            return new Target(goal, measured, value >= bound);
        }

        static Target atMost(String goal, double value, double bound, String measured) {
            return new Target(goal, measured, value <= bound);
        }

        String verdict() {
            return met ? "met" : "**missed**";
        }
    }
}
