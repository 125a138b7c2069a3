package io.backprop.bench;

import static io.backprop.bench.PerformanceReport.MLP;
import static io.backprop.bench.PerformanceReport.SWEEP;
import static io.backprop.bench.PerformanceReport.fastest;
import static io.backprop.bench.PerformanceReport.format;
import static io.backprop.bench.PerformanceReport.gflops;
import static io.backprop.bench.PerformanceReport.time;

import io.backprop.bench.PerformanceReport.Target;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Section (f) of docs/performance.md: the second JMH run of {@code scripts/benchmarks.sh}, on a JDK 25
 * with {@code --add-modules jdk.incubator.vector}, where {@code reference} runs its Vector API kernels
 * (on JDK 17 it runs the plain ones, which the rest of the page measures). Raw PyTorch and the sweep's
 * other engines run again in that same run, so that each ratio here comes from one run too; their
 * targets stand beside the JDK 17 ones rather than replacing them, since a JDK 17 user gets those.
 */
final class VectorKernelsSection {
    private static final List<String> MLP_ORDER = List.of("trainReference", "trainRawPytorchOneThread",
            "trainRawPytorchTwoThreads", "predictReference", "predictRawPytorchOneThread",
            "predictRawPytorchTwoThreads");
    private static final String ON_JDK_25 = ", on JDK 25 with the Vector API kernels";

    private final JmhResults results;

    /** @param results the JDK 25 run's results; empty when the script found no JDK 25 */
    VectorKernelsSection(JmhResults results) {
        this.results = results;
    }

    /** The section's markdown, its targets added to {@code targets}; empty when there was no such run. */
    String markdown(List<Target> targets) {
        List<JmhResult> mlp = PerformanceReport.ordered(results.of(MLP), MLP_ORDER);
        List<JmhResult> sweep = results.of(SWEEP);
        if (mlp.isEmpty() && sweep.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## (f) On JDK 25: the Vector API kernels\n\n");
        md.append("A second JMH run in the same script run, on ").append(results.jdk()).append(" with `--add-modules"
                + " jdk.incubator.vector`, as the `backprop` launcher starts Java 25: there `reference` chooses its"
                + " register-tiled Vector API kernels (see [reference-impl/README.md](../reference-impl/README.md)); on"
                + " JDK 17, which the rest of this page ran, it keeps the plain ones. Raw PyTorch (and in the sweep"
                + " every engine) ran again in this run, so that each ratio below is this run's own.\n\n");
        if (!mlp.isEmpty()) {
            md.append("| what | backend | time per op | ± | GFLOP/s |\n|---|---|---|---|---|\n");
            for (JmhResult result : mlp) {
                md.append("| ").append(result.method().startsWith("train") ? "training step" : "inference")
                        .append(" | ").append(PerformanceReport.mlpBackend(result.method())).append(" | ")
                        .append(time(result)).append(" | ").append(PerformanceReport.timeError(result)).append(" | ")
                        .append(format(gflops(result), 2)).append(" |\n");
            }
            md.append(PerformanceReport.settingsNote(mlp));
            pytorchTarget(targets, "train", "(b) training step");
            pytorchTarget(targets, "predict", "(b) inference");
        }
        if (!sweep.isEmpty()) {
            md.append("The sweep of (c) in this run:\n\n").append(PerformanceReport.sweepTable(sweep, targets,
                    "reference the fastest engine at every point of (c)" + ON_JDK_25));
        }
        return md.toString();
    }

    private void pytorchTarget(List<Target> targets, String op, String what) {
        Optional<JmhResult> reference = results.find(MLP, op + "Reference");
        Optional<JmhResult> torch = fastest(results.find(MLP, op + "RawPytorchOneThread"),
                results.find(MLP, op + "RawPytorchTwoThreads"));
        if (reference.isEmpty() || torch.isEmpty()) {
            return;
        }
        double ratio = torch.get().nanosPerOp() / reference.get().nanosPerOp();
        targets.add(Target.atLeast("reference at least as fast as raw PyTorch at its best, " + what + ON_JDK_25,
                ratio, 1.0, String.format(Locale.ROOT, "%s× (%s against %s, `%s`)", format(ratio, 2),
                        time(reference.get()), time(torch.get()), torch.get().method())));
    }
}
