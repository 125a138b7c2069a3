package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.conformance.CaseResult.Status;
import io.backprop.spi.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's runner and its report, without JUnit in between. */
class KitRunTest {
    private static final Backend SOUND = new NaiveBackend(NaiveBackend.Defect.NONE);

    private static ConformanceCase passing(String id) {
        return new SimpleCase(id, "passes", List.of(), backend -> { });
    }

    private static ConformanceCase failing(String id, double worst) {
        return new SimpleCase(id, "fails | with a pipe", List.of(), backend -> {
            throw new ConformanceFailure("outputs", worst, "row 0, output 0", 1e-12);
        });
    }

    private static KitRun run(List<ConformanceCase> cases, Skip... skips) {
        return KitRun.of(SOUND, Capabilities.everything(), Profile.FLOAT64, List.of(skips), cases);
    }

    @Test
    void theJsonSaysTheKitTheBackendTheProfileAndEachCase() throws Exception {
        KitRun run = run(List.of(passing("a.one"), failing("a.two", 0.25), failing("b.nan", Double.NaN),
                new SimpleCase("b.throws", "throws", List.of(), backend -> {
                    throw new IllegalStateException("no such layer");
                }), passing("c.skipped")), new Skip("c.*", "not for this backend"));
        JsonNode json = new ObjectMapper().readTree(run.runAll().json());

        assertThat(json.get("format").asText()).isEqualTo("backprop-conformance-report/1");
        assertThat(json.get("kitVersion").asText()).isEqualTo(Kit.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(json.get("backend").asText()).isEqualTo("naive");
        assertThat(json.get("description").asText()).isEqualTo(SOUND.description());
        assertThat(json.get("profile").asText()).isEqualTo("float64");
        assertThat(json.at("/tolerances/outputs").asDouble()).isEqualTo(1e-12);
        assertThat(json.get("result").asText()).isEqualTo("failed");
        assertThat(json.get("counts").toString())
                .isEqualTo("{\"cases\":5,\"passed\":1,\"failed\":3,\"skipped\":1,\"notRun\":0,\"notApplicable\":0}");
        JsonNode cases = json.get("cases");
        assertThat(cases.get(0).toString()).isEqualTo("{\"id\":\"a.one\",\"title\":\"passes\",\"status\":\"passed\"}");
        assertThat(cases.get(1).get("message").asText())
                .isEqualTo("outputs: worst difference 0.250, row 0, output 0; tolerance 1e-12");
        assertThat(cases.get(1).get("worst").asDouble()).isEqualTo(0.25);
        assertThat(cases.get(1).get("tolerance").asDouble()).isEqualTo(1e-12);
        assertThat(cases.get(2).has("worst")).as("NaN is no JSON number: left out").isFalse();
        assertThat(cases.get(2).get("tolerance").asDouble()).isEqualTo(1e-12);
        assertThat(cases.get(3).get("message").asText()).isEqualTo("threw java.lang.IllegalStateException: no such layer");
        assertThat(cases.get(4).get("status").asText()).isEqualTo("skipped");
        assertThat(cases.get(4).get("reason").asText()).isEqualTo("declared skipped (c.*): not for this backend");
    }

    @Test
    void aSkipIsNeverAPassNorIsACaseNotRun() {
        KitRun run = run(List.of(passing("a.one"), passing("a.two"), passing("b.one")), new Skip("b.one", "why"));
        run.run(run.cases().get(0));

        Report partial = run.report();
        assertThat(partial.cases()).extracting(CaseResult::status)
                .containsExactly(Status.PASSED, Status.NOT_RUN, Status.NOT_RUN);
        assertThat(partial.result()).isEqualTo("incomplete");
        Report all = run.runAll();
        assertThat(all.count(Status.PASSED)).isEqualTo(2);
        assertThat(all.count(Status.SKIPPED)).isEqualTo(1);
        assertThat(all.result()).isEqualTo("incomplete");
        assertThat(run(List.of(passing("a.one"))).runAll().result()).isEqualTo("passed");
    }

    @Test
    void aCapabilityTheBackendLacksSkipsTheCaseNamingIt() {
        ConformanceCase softmax = BackendConformanceSuite.cases().stream()
                .filter(c -> c.id().equals("saturation.softmax-xent")).findFirst().orElseThrow();
        KitRun run = KitRun.of(SOUND, Capabilities.everything().without(io.backprop.spec.Activation.SOFTMAX),
                Profile.FLOAT64, List.of(), List.of(softmax));

        CaseResult result = run.run(softmax);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.detail()).isEqualTo("the backend declares no softmax activation");
    }

    @Test
    void theJvmsOwnErrorsAreThrownOnNotReportedAsAFailure() {
        ConformanceCase overflowing = new SimpleCase("a.deep", "overflows", List.of(), backend -> {
            throw new StackOverflowError();
        });

        assertThatThrownBy(() -> run(List.of(overflowing)).runAll()).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void skipsNameCasesByGlobsAndRefuseNamingNone() {
        assertThat(new Skip("saturation.*", "r").matches("saturation.hidden-softmax")).isTrue();
        assertThat(new Skip("trajectory.*.shuffled", "r").matches("trajectory.xent.batch-3.shuffled")).isTrue();
        assertThat(new Skip("generated.?", "r").matches("generated.7")).isTrue();
        assertThat(new Skip("generated.?", "r").matches("generated.17")).isFalse();
        assertThat(new Skip("article.neuron", "r").matches("articleXneuron")).as("a dot is a dot").isFalse();
        assertThatThrownBy(() -> new Skip(" ", "r")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Skip("a.*", "")).hasMessage("skip(\"a.*\"): no reason given; a skip says why");
        assertThatThrownBy(() -> run(List.of(passing("a.one"), passing("b.one")), new Skip("c.*", "r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("skip(\"c.*\") names no case of the kit; ids begin a., b.");
    }

    @Test
    void writingPutsTheJsonAndTheSummaryBesideEachOtherInADirectoryItMakes(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("target").resolve("backprop-conformance");
        Report report = run(List.of(passing("a.one"), failing("a.two", 0.5))).runAll();

        List<Path> written = report.write(reports);
        Files.writeString(written.get(1), "an older summary");
        report.write(reports);

        assertThat(written).containsExactly(reports.resolve("naive.json"), reports.resolve("naive.md"));
        assertThat(listing(reports)).containsExactly("naive.json", "naive.md");
        assertThat(new ObjectMapper().readTree(reports.resolve("naive.json").toFile()).get("result").asText())
                .isEqualTo("failed");
        assertThat(Files.readString(reports.resolve("naive.md"))).isEqualTo(report.markdown());
    }

    @Test
    void theSummaryFitsOnOnePageAndEscapesWhatWouldBreakItsTables() {
        Report report = run(List.of(passing("a.one"), failing("a.two", 0.5)), new Skip("a.one", "a | b")).runAll();
        String markdown = report.markdown();

        assertThat(markdown).startsWith("# Conformance of `naive`\n\nthe kit's own test double, NONE.\n\n"
                + "Backprop conformance kit " + Kit.version() + ", float64 profile (tolerances: outputs 1e-12, losses"
                + " 1e-12, gradients 1e-10, trajectory 1e-9, gradientCheck 1e-6, gradientCheckFloor 1e-9).\n\n"
                + "**2 cases: 0 passed, 1 failed, 1 skipped. Result: failed.**\n\n"
                + "| family | cases | passed | failed | skipped |\n|---|---|---|---|---|\n| a | 2 | 0 | 1 | 1 |\n");
        assertThat(markdown).contains("| `a.two` | outputs: worst difference 0.500, row 0, output 0; tolerance 1e-12 |")
                .contains("| `a.one` | declared skipped (a.one): a \\| b |")
                .contains("A skipped case is not a pass.");
    }

    @Test
    void aBackendsNameBecomesASafeFileName() {
        Report report = new Report("1", "../my backend", "d", Profile.FLOAT32, List.of());

        assertThat(report.fileName()).isEqualTo("backend.._my_backend");
        assertThat(new Report("1", "dl4j", "d", Profile.FLOAT64, List.of()).fileName()).isEqualTo("dl4j");
    }

    /** The names of the files in a directory, sorted. */
    private static List<String> listing(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
