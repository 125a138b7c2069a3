package io.backprop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a fixture cut from a real {@code scripts/benchmarks.sh --quick} run (a loaded
 * machine: its numbers are rough, which does not matter here). Every expected figure below was
 * worked out by hand from the fixture's scores and the FLOP formulas, not by this code.
 */
class PerformanceReportTest {
    private static final Machine MACHINE = new Machine("AMD EPYC", 2, "24 GiB RAM", "Linux");

    private static Path fixture() throws URISyntaxException {
        return Path.of(PerformanceReportTest.class.getResource("/jmh-quick-run.json").toURI());
    }

    private static PerformanceReport report() throws Exception {
        return new PerformanceReport(JmhResults.read(fixture()), MACHINE, "scripts/benchmarks.sh --quick",
                ZonedDateTime.of(2026, 11, 23, 3, 33, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void readsTimesInNanosecondsAndTheBytesPerOp() throws Exception {
        JmhResults results = JmhResults.read(fixture());

        JmhResult train = results.find("MlpBenchmark", "trainReference").orElseThrow();
        assertThat(train.nanosPerOp()).isCloseTo(34_777_577.116, within(0.01)); // 34777.577 us/op
        assertThat(train.bytesPerOp()).isCloseTo(792.643, within(0.001));
        assertThat(train.errorNanos()).isNaN(); // two iterations: JMH gives no interval
        assertThat(train.settings()).isEqualTo("1 fork, 1 × 500 ms warm-up, 2 × 500 ms measured");
        JmhResult sweep = results.of("SweepBenchmark").get(0);
        assertThat(sweep.params()).containsEntry("width", "16").containsEntry("batch", "1");
        assertThat(results.find("PeakBenchmark", "vectorTwoThreads").orElseThrow().threads()).isEqualTo(2);
        assertThat(results.jdk()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");
    }

    @Test
    void thePeakIsTheBestKernelOverAllItsThreads() throws Exception {
        // vectorOneThread: 2·12·4·4096 = 393,216 FLOP in 9.4158 µs = 41.76 GFLOP/s; the two-thread run,
        // 2 × 393,216 FLOP per 25.273 µs = 31.12, lost to the load on the machine.
        assertThat(report().peakGflops()).isCloseTo(41.761, within(0.001));
    }

    @Test
    void aPeakRunOnABusyMachineIsSaidToBe() throws Exception {
        // vectorTwoThreads 31.12 GFLOP/s against vectorOneThread 41.76: 0.75 times, not about 2
        assertThat(report().markdown("images/performance.png"))
                .contains("**The machine was busy**: two threads reached 0.75 times one thread's rate");
    }

    @Test
    void theTargetsAreComputedFromTheRun() throws Exception {
        String markdown = report().markdown("images/performance.png");

        assertThat(markdown)
                // (b): raw best 13,262.3 µs against reference 34,777.6 µs
                .contains("| reference ≥ 1.5× raw DL4J at its best, (b) training step | 0.38× (34.8 ms against 13.3 ms) |")
                // performed: 2·F + 2·64·256·10 + 2·P = 52,035,584 + 327,680 + 407,060 = 52,770,324 FLOP in
                // 34.7776 ms = 1.517 GFLOP/s, 3.6% of 41.76; by 3·F + 2·P, 78,460,436 FLOP: 2.256, 5.4%
                .contains("| reference ≥ 30% of the measured peak, (b) training step | 3.6% (1.52 of 41.8 GFLOP/s,"
                        + " counting the 52,770,324 FLOP `reference` performs: it skips the first layer's input"
                        + " gradient; by the table's 3·F + 2·P count, 5.4%) | **missed** |")
                // dl4j 188,213.9 µs against 13,262.3 µs: 14.19 times the time
                .contains("| dl4j backend within 1.05× of raw DL4J at its best, (b) training step | 14.19× the time"
                        + " (188.2 ms against 13.3 ms) | **missed** |")
                // raw defaults 179,436.2 µs against dl4j 188,213.9 µs
                .contains("| dl4j backend ≥ 1.9× raw DL4J at its defaults, (b) training step | 0.95× (188.2 ms against 179.4 ms) | **missed** |");
        assertThat(markdown).as("(a)'s targets are judged on the steps alone, which this run lacks")
                .doesNotContain("reference on (a)");
    }

    @Test
    void theArticleStepIsJudgedOnTheStepsAloneWithTheOtherCallsBeside(@TempDir Path dir) throws Exception {
        // 91.0 ns and 0.025 B per step: 100 B per call of 4000 steps
        Path json = fixtureWith(dir, "ArticleStepBenchmark.reference", "ArticleStepBenchmark.referenceStepsOnly", 91.0,
                0.025);

        String markdown = reportOf(json).markdown("images/performance.png");

        assertThat(markdown)
                .contains("| reference on (a): ≤ 0.1 µs per step | 0.091 µs (`referenceStepsOnly`: the steps alone, as"
                        + " the hand-written floor; one epoch per `fit` with its loss, 0.797 µs) | met |")
                .contains("| reference on (a): 0 bytes allocated per step (below 0.5 B counts as 0) | 0.025 B"
                        + " (`referenceStepsOnly`: 100 B per `fit` call of 4000 steps, its row order and result; the"
                        + " step itself allocates none) | met |");
        assertThat(markdown.indexOf("| `referenceStepsOnly` |")).isLessThan(markdown.indexOf("| `reference` |"));
    }

    @Test
    void pytorchIsJudgedAgainstRawPytorchAtItsFasterThreadSetting(@TempDir Path dir) throws Exception {
        // raw PyTorch training: one thread 20,000 µs, two threads 15,000 µs (its best); the backend 16,000 µs;
        // inference: one thread 4,000 µs (its best), two threads 6,000 µs; the backend 4,200 µs.
        Path json = fixtureWith(dir, "MlpBenchmark.trainReference", "MlpBenchmark.trainRawPytorchOneThread", 20000.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainRawPytorchTwoThreads", 15000.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainPytorch", 16000.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.predictReference", "MlpBenchmark.predictRawPytorchOneThread",
                4000.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.predictReference", "MlpBenchmark.predictRawPytorchTwoThreads",
                6000.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.predictReference", "MlpBenchmark.predictPytorch", 4200.0,
                Double.NaN);

        String markdown = reportOf(json).markdown("images/performance.png");

        assertThat(markdown)
                // 15,000 / 34,777.6 = 0.43; 4,000 / 12,312.4 = 0.32
                .contains("| reference at least as fast as raw PyTorch at its best, (b) training step | 0.43× (34.8 ms"
                        + " against 15.0 ms, `trainRawPytorchTwoThreads`) | **missed** |")
                .contains("| reference at least as fast as raw PyTorch at its best, (b) inference | 0.32× (12.3 ms"
                        + " against 4.00 ms, `predictRawPytorchOneThread`) | **missed** |")
                // 16,000 / 15,000 = 1.07; 4,200 / 4,000 = 1.05
                .contains("| pytorch backend within 1.1× of raw PyTorch at its best, (b) training step | 1.07× the time"
                        + " (16.0 ms against 15.0 ms); inference 1.05× (4.20 ms against 4.00 ms) | met |")
                .contains("| training step | raw PyTorch, 2 threads | 15.0 ms |")
                .contains("Why `reference` trails PyTorch, with the profile of its step and the kernels tried:"
                        + " [reference-impl/README.md](../reference-impl/README.md#against-pytorch-and-why-reference-is-not-yet-the-fastest)");
    }

    @Test
    void pytorchIsJudgedAtRawPytorchsBestThreadSettingWhenTheRunHasTheBackendOnTwoThreads(@TempDir Path dir)
            throws Exception {
        // raw PyTorch training: one thread 20,000 µs, two threads 15,000 µs (its best); the backend by default
        // (one thread) 19,500 µs, on two threads 15,600 µs; inference: raw two threads 4,000 µs (its best),
        // the backend on two threads 4,300 µs.
        Path json = fixtureWith(dir, "MlpBenchmark.trainReference", "MlpBenchmark.trainRawPytorchOneThread", 20000.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainRawPytorchTwoThreads", 15000.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainPytorch", 19500.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainPytorchTwoThreads", 15600.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.predictReference", "MlpBenchmark.predictRawPytorchTwoThreads",
                4000.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.predictReference", "MlpBenchmark.predictPytorchTwoThreads",
                4300.0, Double.NaN);

        String markdown = reportOf(json).markdown("images/performance.png");

        assertThat(markdown)
                // 15,600 / 15,000 = 1.04; 4,300 / 4,000 = 1.075, shown 1.08; 19,500 / 15,000 = 1.30
                .contains("| pytorch backend within 1.1× of raw PyTorch at its best, (b) training step | 1.04× the time"
                        + " (two threads, as raw PyTorch's best: 15.6 ms against 15.0 ms); inference 1.08× (4.30 ms"
                        + " against 4.00 ms); its default, one thread: 1.30× (19.5 ms), chosen for loaded machines"
                        + " | met |")
                .contains("| training step | `pytorch`, 2 threads | 15.6 ms |")
                .contains("| training step | `pytorch`, its default (1 thread) | 19.5 ms |")
                .doesNotContain("Where the `pytorch` backend's time goes");
    }

    @Test
    void aMissedPytorchTargetLinksToWhereTheBackendsTimeGoes(@TempDir Path dir) throws Exception {
        Path json = fixtureWith(dir, "MlpBenchmark.trainReference", "MlpBenchmark.trainRawPytorchTwoThreads", 15000.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainPytorch", 19500.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainReference", "MlpBenchmark.trainPytorchTwoThreads", 18000.0,
                Double.NaN);

        assertThat(reportOf(json).markdown("images/performance.png"))
                // 18,000 / 15,000 = 1.20
                .contains("| pytorch backend within 1.1× of raw PyTorch at its best, (b) training step | 1.20× the time"
                        + " (two threads, as raw PyTorch's best: 18.0 ms against 15.0 ms)")
                .contains("Where the `pytorch` backend's time goes against raw PyTorch's, with the profile:"
                        + " [pytorch-backend/README.md](../pytorch-backend/README.md#against-raw-pytorch)");
    }

    @Test
    void theSweepSaysAtHowManyPointsReferenceIsTheFastest() throws Exception {
        // The fixture's two points: at 16×1 reference is the fastest, at 1024×256 raw DL4J at its best.
        assertThat(report().markdown("images/performance.png"))
                .contains("| reference the fastest engine at every point of (c) | 1 of 2 points; lost at W×B 1024×256"
                        + " (raw DL4J, best) | **missed** |");
    }

    @Test
    void withTheLossTheComparisonIsGivenBesideAgainstRawFitAndScore(@TempDir Path dir) throws Exception {
        // The fixture's training entries copied as the runs with the loss: reference 40,000 µs, dl4j
        // 190,000 µs, raw fit + score 17,000 µs.
        Path json = fixtureWith(dir, "MlpBenchmark.trainReference", "MlpBenchmark.trainReferenceWithLoss", 40000.0,
                Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainDl4j", "MlpBenchmark.trainDl4jWithLoss", 190000.0, Double.NaN);
        json = fixtureWith(dir, json, "MlpBenchmark.trainRawDl4jBest", "MlpBenchmark.trainRawDl4jBestWithLoss",
                17000.0, Double.NaN);

        String markdown = reportOf(json).markdown("images/performance.png");

        // 17,000 / 40,000 = 0.43; 190,000 / 17,000 = 11.18
        assertThat(markdown)
                .contains("| reference ≥ 1.5× raw DL4J at its best, (b) training step | 0.38× (34.8 ms against 13.3 ms);"
                        + " with the loss after the step, 0.43× (40.0 ms against 17.0 ms for raw `fit` + `score`) |")
                .contains("| dl4j backend within 1.05× of raw DL4J at its best, (b) training step | 14.19× the time"
                        + " (188.2 ms against 13.3 ms); with the loss after the step, 11.18× (190.0 ms against 17.0 ms"
                        + " for raw `fit` + `score`) | **missed** |")
                .contains("| training step | `reference`, with the loss | 40.0 ms |")
                .contains("| training step | raw DL4J, best, `fit` + `score` | 17.0 ms |");
        assertThat(markdown.indexOf("| training step | raw DL4J, defaults"))
                .isLessThan(markdown.indexOf("| training step | `reference`, with the loss"));
    }

    @Test
    void aSoakRunThatLevelsOffMeetsTheMemoryTargetAndOneThatGrowsDoesNot() throws Exception {
        java.util.Properties levelled = new java.util.Properties();
        levelled.setProperty("steps", "100000");
        levelled.setProperty("seconds", "111");
        levelled.setProperty("first_half_max_kb", "770048"); // 752 MB
        levelled.setProperty("second_half_max_kb", "785408"); // 767 MB, +2.0%
        java.util.Properties growing = (java.util.Properties) levelled.clone();
        growing.setProperty("second_half_max_kb", "1048576"); // 1024 MB, +36.2%

        assertThat(soakReport(levelled)).contains("| the dl4j backend's memory stays bounded over long runs | 100,000"
                + " per-sample steps in 111 s (`scripts/soak-dl4j.sh`, -Xmx512m): resident size at most 752 MB in the"
                + " first half of the run, 767 MB in the second (+2.0%; bounded: at most +5%) | met |");
        assertThat(soakReport(growing)).contains("1024 MB in the second (+36.2%; bounded: at most +5%) | **missed** |");
        java.util.Properties machineHeap = (java.util.Properties) levelled.clone();
        machineHeap.setProperty("heap", "-Xmx6026m"); // the heap the script read from the run's command line
        assertThat(soakReport(machineHeap)).contains("per-sample steps in 111 s (`scripts/soak-dl4j.sh`, -Xmx6026m):");
        assertThat(report().markdown("x.png")).contains("| the dl4j backend's memory stays bounded over long runs |"
                + " not part of this run: `scripts/soak-dl4j.sh` measures it | — |");
    }

    @Test
    void aSoakRunWithAFittedTrendIsJudgedByTheTrendNotByTheHalvesLargestSamples() throws Exception {
        java.util.Properties sawing = new java.util.Properties();
        sawing.setProperty("steps", "300000");
        sawing.setProperty("seconds", "194");
        sawing.setProperty("heap", "-Xmx6026m");
        sawing.setProperty("first_half_max_kb", "1776640"); // 1735 MB
        sawing.setProperty("second_half_max_kb", "2051072"); // 2003 MB, +15.4%: one high top of the saw
        sawing.setProperty("trend_kb", "31744"); // +31 MB
        sawing.setProperty("mean_kb", "1195008"); // 1167 MB: +2.7%
        sawing.setProperty("fit_from_s", "19");
        sawing.setProperty("fit_to_s", "194");
        java.util.Properties climbing = (java.util.Properties) sawing.clone();
        climbing.setProperty("trend_kb", "71680"); // +70 MB: +6.0%
        climbing.setProperty("second_half_max_kb", "1776640"); // the halves' largest level

        assertThat(soakReport(sawing)).contains("| the dl4j backend's memory stays bounded over long runs | 300,000"
                + " per-sample steps in 194 s (`scripts/soak-dl4j.sh`, -Xmx6026m): resident size from 19 s to 194 s"
                + " 1167 MB on average, its fitted trend +31 MB over that span (+2.7%; bounded: at most +5%); largest"
                + " 1735 MB in the first half of the run, 2003 MB in the second | met |");
        assertThat(soakReport(climbing)).contains("its fitted trend +70 MB over that span (+6.0%; bounded: at most"
                + " +5%); largest 1735 MB in the first half of the run, 1735 MB in the second | **missed** |");
    }

    @Test
    void theJdk25RunGetsItsOwnSectionAndTargetsBesideTheJdk17Ones(@TempDir Path dir) throws Exception {
        // The JDK 25 run: reference and raw PyTorch only, in the fixture's unit (µs per op). The step
        // 1,700 µs against PyTorch's best of 1,900 (two threads; one thread 2,300): met; inference 720
        // against 700: missed.
        Path json = jdk25Run(dir, new String[][] {
            {"trainReference", "1700"}, {"trainRawPytorchOneThread", "2300"}, {"trainRawPytorchTwoThreads", "1900"},
            {"predictReference", "720"}, {"predictRawPytorchOneThread", "700"}});
        String markdown = new PerformanceReport(JmhResults.read(fixture()), MACHINE, "scripts/benchmarks.sh",
                ZonedDateTime.of(2026, 11, 23, 3, 33, 0, 0, ZoneOffset.UTC), new java.util.Properties(),
                CommandTimings.none(), JmhResults.read(json)).markdown("x.png");

        assertThat(markdown).contains("## (f) On JDK 25: the Vector API kernels")
                .contains("| training step | `reference` | 1.70 ms |")
                .contains("| training step | raw PyTorch, 2 threads | 1.90 ms |")
                .contains("| reference at least as fast as raw PyTorch at its best, (b) training step, on JDK 25 with"
                        + " the Vector API kernels | 1.12× (1.70 ms against 1.90 ms, `trainRawPytorchTwoThreads`) | met |")
                .contains("| reference at least as fast as raw PyTorch at its best, (b) inference, on JDK 25 with the"
                        + " Vector API kernels | 0.97× (720.0 µs against 700.0 µs, `predictRawPytorchOneThread`) |"
                        + " **missed** |");
        assertThat(markdown.indexOf("on JDK 25 with the Vector API kernels |")).as("in the targets table, before (e)")
                .isLessThan(markdown.indexOf("## (e)"));
        assertThat(report().markdown("x.png")).doesNotContain("(f) On JDK 25").doesNotContain("on JDK 25 with");
    }

    /** The fixture's MLP entries renamed and rescored as {@code {method, µs}} pairs, on a JDK 25. */
    private static Path jdk25Run(Path dir, String[][] methods) throws IOException, URISyntaxException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode template = null;
        for (com.fasterxml.jackson.databind.JsonNode entry : mapper.readTree(fixture().toFile())) {
            if (entry.get("benchmark").asText().endsWith(".MlpBenchmark.trainReference")) {
                template = entry;
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode run = mapper.createArrayNode();
        for (String[] method : methods) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = template.deepCopy();
            copy.put("benchmark", "io.backprop.bench.MlpBenchmark." + method[0]);
            copy.put("jdkVersion", "25.0.3");
            copy.put("vmName", "OpenJDK 64-Bit Server VM");
            copy.put("vmVersion", "25.0.3+9-LTS");
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("primaryMetric"))
                    .put("score", Double.parseDouble(method[1]));
            run.add(copy);
        }
        Path written = dir.resolve("jmh-results-jdk25.json");
        mapper.writeValue(written.toFile(), run);
        return written;
    }

    private static String soakReport(java.util.Properties soak) throws Exception {
        return new PerformanceReport(JmhResults.read(fixture()), MACHINE, "scripts/benchmarks.sh",
                ZonedDateTime.of(2026, 11, 23, 3, 33, 0, 0, ZoneOffset.UTC), soak).markdown("x.png");
    }

    private static PerformanceReport reportOf(Path json) throws IOException {
        return new PerformanceReport(JmhResults.read(json), MACHINE, "scripts/benchmarks.sh",
                ZonedDateTime.of(2026, 11, 23, 3, 33, 0, 0, ZoneOffset.UTC));
    }

    private static Path fixtureWith(Path dir, String from, String name, double score, double bytes) throws Exception {
        return fixtureWith(dir, fixture(), from, name, score, bytes);
    }

    /**
     * A copy of {@code json} with one more entry: {@code from}'s entry renamed {@code name}, with this
     * score (in {@code from}'s unit) and, unless NaN, these bytes per op.
     */
    private static Path fixtureWith(Path dir, Path json, String from, String name, double score, double bytes)
            throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode entries =
                (com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(json.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode copy = null;
        for (com.fasterxml.jackson.databind.JsonNode entry : entries) {
            if (entry.get("benchmark").asText().endsWith("." + from)) {
                copy = entry.deepCopy();
            }
        }
        assertThat(copy).as("the fixture's %s", from).isNotNull();
        copy.put("benchmark", "io.backprop.bench." + name);
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("primaryMetric")).put("score", score);
        if (!Double.isNaN(bytes)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("secondaryMetrics").get("gc.alloc.rate.norm"))
                    .put("score", bytes);
        }
        entries.add(copy);
        Path written = dir.resolve(name.replace('.', '-') + ".json");
        mapper.writeValue(written.toFile(), entries);
        return written;
    }

    @Test
    void theTablesGiveFlopGflopsAndTheFractionOfPeak() throws Exception {
        String markdown = report().markdown("images/performance.png");

        assertThat(markdown)
                .contains("Measured 2026-11-23 03:33 UTC by `scripts/benchmarks.sh --quick`")
                .contains("AMD EPYC, 2 cores, 24 GiB RAM, Linux")
                .contains("**41.8 GFLOP/s**")
                .contains("78,460,436 FLOP") // 3·F + 2·P, F = 2·64·(784·256 + 256·10), P = 203,530
                .contains("F = 26,017,792 FLOP")
                // 64 rows in 34.7776 ms = 1,840 rows/s; 2.26 GFLOP/s; 792.6 bytes
                .contains("| training step | `reference` | 34.8 ms | — | 1,840 | 2.26 | 5.4% | 793 |")
                // the hand-written loop allocates 0.0009 B per step: zero
                .contains("| `handWrittenLoop` | four steps")
                .contains("| 78.6 ns | — | 0 | 1.0× |")
                // reference's 797.2 ns per step is 10.1 times the loop's 78.57 ns
                .contains("| 797.2 ns | — | 40 | 10.1× |")
                // 784-1024-10 on 256 rows: 3·2·256·(784·1024 + 1024·10) + 2·(784·1024 + 1024 + 1024·10 + 10)
                .contains("| 1024 | 256 | 1,250,482,196 |")
                // raw DL4J's 56.19 ms there is 22.25 GFLOP/s and the fastest
                .contains("**56.2 ms (22.25)**")
                // 784-16-10 on one row: reference at 33.9 µs, 3.00 GFLOP/s, the fastest
                .containsPattern("\\| 16 \\| 1 \\| 101,684 \\| \\*\\*33\\.9 µs \\(3\\.00\\)\\*\\* \\|.*\\| `reference` \\|")
                .contains("![GFLOP/s of each backend, MLP 784-256-10 batch 64 and the width × batch sweep]"
                        + "(images/performance.png)");
    }

    @Test
    void rowsComeInTheOrderTheyAreComparedNotAlphabetically() throws Exception {
        String markdown = report().markdown("images/performance.png");

        assertThat(markdown.indexOf("| training step | `reference`"))
                .isLessThan(markdown.indexOf("| training step | `dl4j`"));
        assertThat(markdown.indexOf("| training step | `dl4j`"))
                .isLessThan(markdown.indexOf("| training step | raw DL4J, best"));
        assertThat(markdown.indexOf("| training step | raw DL4J, defaults"))
                .isLessThan(markdown.indexOf("| inference | `reference`"));
        assertThat(markdown.indexOf("| `handWrittenLoop` |")).isLessThan(markdown.indexOf("| `reference` |"));
    }

    @Test
    void mainWritesThePageAndATwoPanelChart(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("performance.md");
        Path png = dir.resolve("images").resolve("performance.png");
        Files.createDirectories(png.getParent());

        PerformanceReport.main(new String[] {fixture().toString(), markdown.toString(), png.toString(), "x"});

        assertThat(Files.readString(markdown, StandardCharsets.UTF_8)).contains("](images/performance.png)");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(PerformanceChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PerformanceChart.TOP_HEIGHT + PerformanceChart.BOTTOM_HEIGHT);
    }

    @Test
    void aFileThatIsNotJmhJsonIsRefusedByName(@TempDir Path dir) throws IOException {
        Path notJmh = Files.writeString(dir.resolve("results.json"), "{\"benchmark\": 1}");

        assertThatThrownBy(() -> JmhResults.read(notJmh)).isInstanceOf(IOException.class)
                .hasMessageContaining("results.json").hasMessageContaining("expected the output of JMH's -rf json");
    }

    /**
     * A quick run took 6 minutes on a busy machine against the "about 3" once written: the page and
     * the README give the time on a quiet machine and say that a busy one takes twice as long or more.
     */
    @Test
    void theQuickRunsTimeIsGivenForAQuietAndABusyMachine() throws Exception {
        String honest = "about 3 minutes on a quiet 2-core machine, 6 or more on a busy one";
        String readme = Files.readString(Path.of("..", "README.md"));
        String quickLine = readme.lines().filter(l -> l.startsWith("scripts/benchmarks.sh --quick")).findFirst()
                .orElseThrow();

        assertThat(quickLine).contains(honest);
        assertThat(report().markdown("images/performance.png")).contains(honest);
    }

    /** A short real run of the reading benchmarks on a busy machine (1 fork, 2 × 2 s warm-up, 3 × 2 s). */
    private static Path readingFixture() throws URISyntaxException {
        return Path.of(PerformanceReportTest.class.getResource("/jmh-reading-run.json").toURI());
    }

    /** One JSON array holding the entries of every file, in order: one run's training and reading. */
    private static Path joined(Path dir, Path... jsons) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode all = mapper.createArrayNode();
        for (Path json : jsons) {
            all.addAll((com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(json.toFile()));
        }
        Path written = dir.resolve("joined-" + jsons.length + "-" + System.nanoTime() + ".json");
        mapper.writeValue(written.toFile(), all);
        return written;
    }

    /** A copy of {@code json} in which {@code benchmark}'s counter has this rate per second. */
    private static Path withRate(Path dir, Path json, String benchmark, String counter, double perSecond)
            throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode entries = mapper.readTree(json.toFile());
        boolean found = false;
        for (com.fasterxml.jackson.databind.JsonNode entry : entries) {
            if (entry.get("benchmark").asText().endsWith("." + benchmark)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) entry.get("secondaryMetrics").get(counter))
                        .put("score", perSecond);
                found = true;
            }
        }
        assertThat(found).as("the fixture's %s", benchmark).isTrue();
        Path written = dir.resolve("rate-" + System.nanoTime() + ".json");
        mapper.writeValue(written.toFile(), entries);
        return written;
    }

    private static PerformanceReport reportOf(Path json, java.util.Properties commands) throws IOException {
        return new PerformanceReport(JmhResults.read(json), MACHINE, "scripts/benchmarks.sh",
                ZonedDateTime.of(2026, 11, 23, 3, 33, 0, 0, ZoneOffset.UTC), new java.util.Properties(),
                new CommandTimings(commands));
    }

    @Test
    void throughputIsReadAsATimePerOpWithTheCountersPerSecond() throws Exception {
        JmhResults results = JmhResults.read(readingFixture());

        JmhResult read = results.find("CsvReadBenchmark", "read").orElseThrow();
        // 1.8236852577 ops/s: 1 / 1.8236852577 s = 548.3402 ms per read; ± 12.922 ops/s is 7.0857 times the score
        assertThat(read.nanosPerOp()).isCloseTo(548_340_233.5, within(1.0));
        assertThat(read.errorNanos()).isCloseTo(548_340_233.5 * 12.922060482945101 / 1.8236852577116787,
                within(10.0));
        assertThat(read.rate("bytes").orElseThrow().perSecond()).isCloseTo(82_595_148.477, within(0.001));
        assertThat(read.rate("bytes").orElseThrow().error()).isCloseTo(585_243_259.333, within(0.001));
        assertThat(read.rates()).as("the profiler's rates are not the benchmark's counters")
                .doesNotContainKey("gc.alloc.rate");
        assertThat(results.find("ModelFileBenchmark", "write").orElseThrow().rate("megabytes").orElseThrow()
                .perSecond()).isCloseTo(33.243, within(0.001));
        assertThat(JmhResults.read(fixture()).find("MlpBenchmark", "trainReference").orElseThrow().rates()).isEmpty();
    }

    @Test
    void theReadingSectionGivesMegabytesPerSecondAndTheRatioToTheReaderBefore(@TempDir Path dir) throws Exception {
        String markdown = reportOf(joined(dir, fixture(), readingFixture()), new java.util.Properties())
                .markdown("images/performance.png");

        assertThat(markdown)
                // 82,595,148.5 B/s over 1.8236853 reads/s: 45,290,243 bytes, the file
                .contains("and 10 one-hot targets, 45.3 MB, into the data set")
                // 88.0812 MB/s over 19.7732 reads/s: 4.4545 MB
                .contains("(203,530 numbers, 4.45 MB)")
                // the reader before: 0.4932782 reads/s; 1.8236853 / 0.4932782 = 3.697, 1.4314070 / 0.4932782 = 2.902
                .contains("| CSV, both cores | `read` | 82.6 | 585.2 | 548.3 ms | 3.70× |")
                .contains("| CSV, one processor | `readOnOneProcessor` | 64.8 | 162.1 | 698.6 ms | 2.90× |")
                .contains("| CSV, the reader before | `readAsBefore` | 22.3 | 154.2 | 2.03 s | 1.00× |")
                // 1 / 19.7732 s = 50.57 ms; 1 / 7.4627 s = 134.0 ms
                .contains("| model file, read | `read` | 88.1 | 634.2 | 50.6 ms | — |")
                .contains("| model file, written | `write` | 33.2 | 288.7 | 134.0 ms | — |")
                .contains("| model file's text, without the file | `toJson` | 80.9 | 69.8 | 55.1 ms | — |")
                .contains("`-XX:ActiveProcessorCount=1`: the reader takes its parallelism from"
                        + " `Runtime.availableProcessors()`");
        assertThat(markdown.indexOf("## (c)")).isLessThan(markdown.indexOf("## (d) Reading data"));
        assertThat(markdown.indexOf("## (d) Reading data")).isLessThan(markdown.indexOf("## How the FLOP"));
        assertThat(markdown).as("no whole commands in this run").doesNotContain("**Whole commands**");
    }

    @Test
    void theReadingTargetsAreJudgedOnThisRunsFigures(@TempDir Path dir) throws Exception {
        String slow = reportOf(joined(dir, fixture(), readingFixture()), new java.util.Properties())
                .markdown("x.png");

        assertThat(slow)
                .contains("| CSV read ≥ 150 MB/s single-threaded on the 45 MB file | 64.8 MB/s (`readOnOneProcessor`:"
                        + " one processor, (d)) | **missed** |")
                // 82.595 / 64.829 = 1.274
                .contains("| CSV faster with both cores than with one | 1.27× (82.6 against 64.8 MB/s, `read` and"
                        + " `readOnOneProcessor`) | met |")
                .contains("| model file read ≥ 100 MB/s | 88.1 MB/s (`ModelFile.read` of the MLP 784-256-10's file,"
                        + " (d)) | **missed** |")
                .contains("| model file write ≥ 100 MB/s | 33.2 MB/s (`ModelFile.write` of the MLP 784-256-10's file,"
                        + " (d)) | **missed** |");

        Path fast = withRate(dir, readingFixture(), "CsvReadBenchmark.readOnOneProcessor", "bytes", 150e6);
        fast = withRate(dir, fast, "CsvReadBenchmark.read", "bytes", 150e6);
        fast = withRate(dir, fast, "ModelFileBenchmark.read", "megabytes", 100);
        fast = withRate(dir, fast, "ModelFileBenchmark.write", "megabytes", 250);
        String atTheBounds = reportOf(fast, new java.util.Properties()).markdown("x.png");

        assertThat(atTheBounds)
                .contains("| CSV read ≥ 150 MB/s single-threaded on the 45 MB file | 150.0 MB/s (`readOnOneProcessor`:"
                        + " one processor, (d)) | met |")
                .as("as fast with both cores as with one is not faster")
                .contains("| CSV faster with both cores than with one | 1.00× (150.0 against 150.0 MB/s, `read` and"
                        + " `readOnOneProcessor`) | **missed** |")
                .contains("| model file read ≥ 100 MB/s | 100.0 MB/s (")
                .contains("| model file write ≥ 100 MB/s | 250.0 MB/s (`ModelFile.write` of the MLP 784-256-10's file,"
                        + " (d)) | met |");
        assertThat(slow.indexOf("| CSV read ≥")).as("after the training targets, before the soak's")
                .isGreaterThan(slow.indexOf("| dl4j backend ≥ 1.9×"))
                .isLessThan(slow.indexOf("| the dl4j backend's memory stays bounded"));
    }

    @Test
    void theWholeCommandIsSetAgainstItsStepsAloneAndTheBinaryRowOnlyWithItsFigures(@TempDir Path dir)
            throws Exception {
        java.util.Properties commands = new java.util.Properties();
        commands.setProperty("runs", "5");
        commands.setProperty("steps", "400");
        commands.setProperty("train_arguments", "--backend reference --lr 0.01 --epochs 4 --batch-size 64");
        commands.setProperty("csv_bytes", "45290243");
        commands.setProperty("train_csv_median_ms", "20000");
        commands.setProperty("train_csv_min_ms", "19500");
        commands.setProperty("train_csv_max_ms", "21250");

        String csvOnly = reportOf(joined(dir, fixture(), readingFixture()), commands).markdown("x.png");

        // trainReference 34.7776 ms × 400 = 13.91 s; 20.00 − 13.91 = 6.09 s
        assertThat(csvOnly)
                .contains("`scripts/command-timings.sh` runs `backprop train --model mlp.json --data DATA --backend"
                        + " reference --lr 0.01 --epochs 4 --batch-size 64` 5 times")
                .contains("| `backprop train` on the CSV file (45.3 MB) | 20.00 s | 19.50 s – 21.25 s | 13.91 s"
                        + " (400 × 34.8 ms) | 6.09 s |")
                .doesNotContain("binary");

        commands.setProperty("binary_bytes", "52428800");
        commands.setProperty("train_binary_median_ms", "12000");
        commands.setProperty("train_binary_min_ms", "11800");
        commands.setProperty("train_binary_max_ms", "12400");
        String withBinary = reportOf(joined(dir, fixture(), readingFixture()), commands).markdown("x.png");

        // 12.00 − 13.91: the JMH run was slowed more than the commands
        assertThat(withBinary)
                .contains("| `backprop train` on the binary file (52.4 MB) | 12.00 s | 11.80 s – 12.40 s | 13.91 s"
                        + " (400 × 34.8 ms) | −1.91 s |")
                .contains("converted to the binary format by `backprop convert`");

        String withoutTraining = reportOf(readingFixture(), commands).markdown("x.png");
        assertThat(withoutTraining).as("without (b) in the run the steps alone are not known")
                .contains("| `backprop train` on the CSV file (45.3 MB) | 20.00 s | 19.50 s – 21.25 s | — | — |");
    }

    @Test
    void aPartialRunOfTheReadingBenchmarksGetsItsPageWithoutAChart(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("performance.md");
        Path png = dir.resolve("images").resolve("performance.png");
        Path commands = Files.writeString(dir.resolve("commands.properties"), "runs=3\nsteps=400\n"
                + "train_csv_median_ms=5925\ntrain_csv_min_ms=5768\ntrain_csv_max_ms=7672\n");

        PerformanceReport.main(new String[] {readingFixture().toString(), markdown.toString(), png.toString(),
                "scripts/benchmarks.sh --quick 'io.backprop.bench.CsvRead.*'", "--commands", commands.toString()});

        String page = Files.readString(markdown, StandardCharsets.UTF_8);
        assertThat(page).contains("## (d) Reading data").contains("| `backprop train` on the CSV file | 5.93 s | 5.77 s – 7.67 s | — | — |")
                .doesNotContain("](images/performance.png)").doesNotContain("## (a)").doesNotContain("## (b)")
                .doesNotContain("## (e)");
        assertThat(png).doesNotExist();
    }

    @Test
    void aRunWithoutThePeakKernelsJudgesNoFractionOfThePeak(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode entries =
                (com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(fixture().toFile());
        for (int k = entries.size() - 1; k >= 0; k--) {
            if (entries.get(k).get("benchmark").asText().contains(".PeakBenchmark.")) {
                entries.remove(k);
            }
        }
        Path withoutPeak = dir.resolve("without-peak.json");
        mapper.writeValue(withoutPeak.toFile(), entries);

        String markdown = reportOf(withoutPeak).markdown("x.png");

        assertThat(markdown).doesNotContain("of the measured peak").doesNotContain("## (e)")
                .contains("| reference ≥ 1.5× raw DL4J at its best, (b) training step | 0.38×");
    }

    @Test
    void aTargetIsMetAtItsBound() {
        assertThat(PerformanceReport.Target.atLeast("g", 1.5, 1.5, "m").met()).isTrue();
        assertThat(PerformanceReport.Target.atLeast("g", 1.49, 1.5, "m").met()).isFalse();
        assertThat(PerformanceReport.Target.atMost("g", 1.05, 1.05, "m").verdict()).isEqualTo("met");
        assertThat(PerformanceReport.Target.atMost("g", 1.06, 1.05, "m").verdict()).isEqualTo("**missed**");
    }
}
