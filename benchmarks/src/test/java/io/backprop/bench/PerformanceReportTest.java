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

    @Test
    void aTargetIsMetAtItsBound() {
        assertThat(PerformanceReport.Target.atLeast("g", 1.5, 1.5, "m").met()).isTrue();
        assertThat(PerformanceReport.Target.atLeast("g", 1.49, 1.5, "m").met()).isFalse();
        assertThat(PerformanceReport.Target.atMost("g", 1.05, 1.05, "m").verdict()).isEqualTo("met");
        assertThat(PerformanceReport.Target.atMost("g", 1.06, 1.05, "m").verdict()).isEqualTo("**missed**");
    }
}
