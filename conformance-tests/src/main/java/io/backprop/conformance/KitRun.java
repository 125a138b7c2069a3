package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of the kit on one backend, without JUnit: it runs cases, skipping those the backend
 * declared, collects what each gave, and makes the {@link Report}. {@link BackendConformanceSuite}
 * runs each case as a JUnit test through it; {@code backprop conform} runs them all with
 * {@link #runAll()}.
 *
 * <pre>{@code
 * KitRun run = KitRun.of(new MyBackend(), Capabilities.everything(), Profile.FLOAT64, List.of());
 * Report report = run.runAll();
 * report.write(Path.of("target/backprop-conformance"));
 * }</pre>
 *
 * <p>While a case runs, the run's {@link Profile} is the active one on its thread. Cases may be run
 * from several threads; each result is recorded once it is known.
 */
public final class KitRun {
    private final Backend backend;
    private final Capabilities capabilities;
    private final Profile profile;
    private final List<Skip> skips;
    private final List<ConformanceCase> cases;
    private final Map<String, CaseResult> results = new HashMap<>();

    private KitRun(Backend backend, Capabilities capabilities, Profile profile, List<Skip> skips,
                   List<ConformanceCase> cases) {
        this.backend = backend;
        this.capabilities = capabilities;
        this.profile = profile;
        this.skips = List.copyOf(skips);
        this.cases = List.copyOf(cases);
        for (Skip skip : this.skips) {
            if (this.cases.stream().noneMatch(c -> skip.matches(c.id()))) {
                throw new IllegalArgumentException("skip(\"" + skip.glob() + "\") names no case of the kit; ids begin "
                        + this.cases.stream().map(c -> family(c.id()) + ".").distinct()
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    /** Every case of the kit on {@code backend}, which computes everything in float64, nothing skipped. */
    public static KitRun of(Backend backend) {
        return of(backend, Capabilities.everything(), Profile.FLOAT64, List.of());
    }

    /**
     * Every case of the kit on {@code backend}.
     *
     * @param capabilities what it computes: a case needing more is skipped, saying what is missing
     * @param profile the precision it is held to
     * @param skips cases it declares it does not pass, and why
     * @throws IllegalArgumentException when a skip names no case
     */
    public static KitRun of(Backend backend, Capabilities capabilities, Profile profile, List<Skip> skips) {
        return of(backend, capabilities, profile, skips, Kit.cases());
    }

    /** As {@link #of(Backend, Capabilities, Profile, List)}, on these cases only. */
    static KitRun of(Backend backend, Capabilities capabilities, Profile profile, List<Skip> skips,
                     List<ConformanceCase> cases) {
        return new KitRun(backend, capabilities, profile, skips, cases);
    }

    /** The cases of this run, in the kit's order. */
    public List<ConformanceCase> cases() {
        return cases;
    }

    /** The profile the run holds the backend to. */
    public Profile profile() {
        return profile;
    }

    /**
     * Runs {@code c}, unless the backend lacks what it needs or declared it skipped, and records what
     * it gave. Anything the case throws is a failure, but for the JVM's own errors (out of memory,
     * stack overflow), which are thrown on.
     */
    public CaseResult run(ConformanceCase c) {
        CaseResult result = execute(c);
        synchronized (results) {
            results.put(c.id(), result);
        }
        return result;
    }

    /** Runs every case in order and gives the report. */
    public Report runAll() {
        for (ConformanceCase c : cases) {
            run(c);
        }
        return report();
    }

    /** The report of what has run so far: every case of the run, those not run as such. */
    public Report report() {
        List<CaseResult> list = new ArrayList<>();
        synchronized (results) {
            for (ConformanceCase c : cases) {
                list.add(results.getOrDefault(c.id(), CaseResult.notRun(c)));
            }
        }
        return new Report(Kit.version(), backend.name(), backend.description(), profile, list);
    }

    private CaseResult execute(ConformanceCase c) {
        Optional<String> skipped = skipped(c);
        if (skipped.isPresent()) {
            return CaseResult.skipped(c, skipped.get());
        }
        Optional<String> notApplicable = c.notApplicable(backend);
        if (notApplicable.isPresent()) {
            return CaseResult.notApplicable(c, notApplicable.get());
        }
        Profile previous = profile.activate();
        try {
            c.run(backend);
            return CaseResult.passed(c);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return CaseResult.failed(c, t);
        } finally {
            Profile.restore(previous);
        }
    }

    /**
     * Why {@code c} is skipped: the case says the backend lacks what it needs (a capability, a
     * registration, a native format), or a skip names it.
     */
    private Optional<String> skipped(ConformanceCase c) {
        Optional<String> missing = c.missing(backend, capabilities);
        if (missing.isPresent()) {
            return missing;
        }
        Optional<String> float64 = c.float64Only();
        if (float64.isPresent() && profile != Profile.FLOAT64) {
            return Optional.of("holds in float64 only, not under the " + profile.id() + " profile: " + float64.get());
        }
        for (Skip skip : skips) {
            if (skip.matches(c.id())) {
                return Optional.of("declared skipped (" + skip.glob() + "): " + skip.reason());
            }
        }
        return Optional.empty();
    }

    /** The family of a case id: what comes before its first dot. */
    static String family(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
