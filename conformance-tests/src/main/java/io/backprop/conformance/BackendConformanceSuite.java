package io.backprop.conformance;

import io.backprop.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit, for any backend: extend this class in a JUnit 5 test, say which backend
 * and what it can compute, and every case runs as its own test.
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceSuite {
 *     @Override
 *     protected Backend backend() {
 *         return new MyBackend();
 *     }
 * }
 * }</pre>
 *
 * <p>A case passes, fails with a {@link ConformanceFailure} (the worst difference, where it is,
 * and the tolerance), or is skipped, saying why: the backend declared it lacks a capability the case
 * needs, declared it is not registered, offers nothing for the case to check (no native model
 * format), or declared the case skipped ({@link #skip}). Once every case has run, the report of the
 * run is written to {@link #reportDirectory()}: {@code BACKEND.json} and {@code BACKEND.md} (see
 * {@link Report}).
 *
 * <p>The cases are run by a {@link KitRun}, which touches no JUnit type: {@code backprop conform}
 * runs the same cases, the same way, without JUnit.
 */
public abstract class BackendConformanceSuite {
    /** The system property naming the directory of the reports, when {@link #reportDirectory()} is not overridden. */
    public static final String REPORT_DIRECTORY_PROPERTY = "backprop.conformance.reports";

    private final List<Skip> skips = new ArrayList<>();

    /** The backend under test. */
    protected abstract Backend backend();

    /** What the backend can compute; by default everything the API defines. */
    protected Capabilities capabilities() {
        return Capabilities.everything();
    }

    /**
     * The precision the backend is held to: {@link Profile#FLOAT64}, the project's promise, by default.
     * A backend that computes in float32 overrides this to return {@link Profile#FLOAT32}; the report
     * says which profile was used.
     */
    protected Profile profile() {
        return Profile.FLOAT64;
    }

    /**
     * Declares that the backend does not pass the cases whose ids match {@code glob} ({@code *} any
     * characters, {@code ?} one), and why. Call it from the subclass's constructor:
     *
     * <pre>{@code
     * MyBackendConformanceTest() {
     *     skip("saturation.*", "computes in float16, where 1 − σ(30) is 0");
     * }
     * }</pre>
     *
     * <p>Those cases are reported as skipped with the reason, in JUnit and in the report, never as
     * passed. A glob that names no case fails the run, so that a mistyped one cannot go unnoticed.
     */
    protected final void skip(String glob, String reason) {
        skips.add(new Skip(glob, reason));
    }

    /**
     * Where the report of the run is written: the system property {@value #REPORT_DIRECTORY_PROPERTY}
     * when set, else {@code target/backprop-conformance} under the working directory (the module's
     * directory, under Maven).
     */
    protected Path reportDirectory() {
        String property = System.getProperty(REPORT_DIRECTORY_PROPERTY);
        return property != null && !property.isBlank() ? Path.of(property) : Path.of("target", "backprop-conformance");
    }

    /** Every case of the kit, in a stable order: {@link Kit#cases()}. */
    public static List<ConformanceCase> cases() {
        return Kit.cases();
    }

    @TestFactory
    @DisplayName("conformance")
    Stream<DynamicTest> conformance() {
        KitRun run = KitRun.of(backend(), capabilities(), profile(), skips);
        Path reports = reportDirectory();
        return run.cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.title(), () -> verdict(run.run(c))))
                // JUnit closes the stream once every case has run (or was filtered out).
                .onClose(() -> write(run.report(), reports));
    }

    /** Passes, aborts (JUnit's skip) or throws, as the case did; a failure's message begins with the case's id. */
    private static void verdict(CaseResult result) throws Throwable {
        switch (result.status()) {
            case SKIPPED:
            case NOT_APPLICABLE:
                Assumptions.abort(result.detail());
                break;
            case FAILED:
                throw result.failure() instanceof ConformanceFailure failure ? failure.naming(result.id())
                        : result.failure();
            default:
                break;
        }
    }

    private static void write(Report report, Path directory) {
        try {
            report.write(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("the conformance report cannot be written to " + directory, e);
        }
    }
}
