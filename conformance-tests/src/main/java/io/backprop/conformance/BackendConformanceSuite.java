package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
 * and the tolerance), or is skipped because the backend declared it lacks a capability the case
 * needs.
 */
public abstract class BackendConformanceSuite {
    /** How many random networks the generated cases draw. */
    private static final int GENERATED = 60;
    /** The seed of the first generated case; case ids name their seed. */
    private static final long FIRST_SEED = 1;

    /** The backend under test. */
    protected abstract Backend backend();

    /** What the backend can compute; by default everything the API defines. */
    protected Capabilities capabilities() {
        return Capabilities.everything();
    }

    /** Every case of the kit, in a stable order. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>(ArticleCases.all());
        cases.addAll(SaturationCases.all());
        cases.addAll(RunCases.all());
        cases.addAll(BehaviourCases.all());
        cases.addAll(CopyCases.all());
        cases.addAll(GeneratedCases.of(FIRST_SEED, GENERATED));
        return cases;
    }

    @TestFactory
    @org.junit.jupiter.api.DisplayName("conformance")
    Stream<DynamicTest> conformance() {
        Backend backend = backend();
        Capabilities capabilities = capabilities();
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.title(), () -> {
            Optional<String> missing = missing(c, capabilities);
            Assumptions.assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
            c.run(backend);
        }));
    }

    private static Optional<String> missing(ConformanceCase c, Capabilities capabilities) {
        for (NetworkSpec spec : c.specs()) {
            Optional<String> missing = capabilities.missingFor(spec);
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }
}
