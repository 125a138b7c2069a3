package io.backprop.dl4j;

import io.backprop.error.BackendException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Keeps a long run's garbage bounded whatever the size of the heap. DL4J's {@code fit} leaves
 * arrays behind that outlive a young collection; they reach the old generation, and ND4J frees their
 * off-heap buffers only once the collector finds them dead. A large heap collects its old generation
 * rarely: 100,000 per-sample steps of the article's network with {@code -Xmx6g} grew the process to
 * 6173 MB resident, the heap 3.3 GB used (the backend's README has the soak's figures). So, every {@value #CHECK_EVERY} steps, this looks at the old
 * generation (a counter the JVM keeps: no cost to speak of) and, once it holds more than what was
 * live after the last collection plus an allowance, collects the whole heap.
 *
 * <p>The allowance is the larger of {@value #ALLOWANCE_PROPERTY} (bytes, default 256 MiB) and what was
 * live: a run that holds a large data set collects no more often than its garbage doubles the heap's
 * use, so the time spent collecting stays a small share of the run. {@code -XX:+DisableExplicitGC}
 * turns it off, and the heap's own limit then bounds the run, as it did before.
 */
final class GarbageBudget {
    /** System property: the garbage, in bytes, allowed above the last collection's live size. */
    static final String ALLOWANCE_PROPERTY = "backprop.dl4j.garbageBytes";
    static final int CHECK_EVERY = 64;
    private static final long DEFAULT_ALLOWANCE = 256L << 20;
    private static final MemoryPoolMXBean OLD = oldGeneration();
    /** The old generation's use after the last collection made here; none yet, none live. */
    private static long live;
    private static long collections;

    private int steps;

    /** Counts one training step; every {@value #CHECK_EVERY} steps, collects if the old generation is over budget. */
    void afterStep() {
        if (++steps >= CHECK_EVERY) {
            steps = 0;
            check();
        }
    }

    /** How many times this process collected for the budget; for tests. */
    static synchronized long collections() {
        return collections;
    }

    /** Forgets the last collection's live size, as at the process's start; for tests. */
    static synchronized void forget() {
        live = 0;
    }

    private static synchronized void check() {
        if (used() <= live + Math.max(allowance(), live)) {
            return;
        }
        System.gc();
        collections++;
        live = used();
    }

    private static long allowance() {
        String text = System.getProperty(ALLOWANCE_PROPERTY);
        if (text != null) {
            try {
                long bytes = Long.parseLong(text.strip());
                if (bytes > 0) {
                    return bytes;
                }
            } catch (NumberFormatException e) {
                // reported below with the value found
            }
            throw new BackendException("dl4j: system property " + ALLOWANCE_PROPERTY + ": found \"" + text
                    + "\"; expected a whole number of bytes, at least 1");
        }
        return DEFAULT_ALLOWANCE;
    }

    /** The old generation's use, or the whole heap's when the collector names no old generation. */
    private static long used() {
        if (OLD != null) {
            return OLD.getUsage().getUsed();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** G1's "G1 Old Gen", Parallel's "PS Old Gen", Serial's "Tenured Gen"; none for ZGC or Shenandoah. */
    private static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old Gen") || name.contains("Tenured"))) {
                return pool;
            }
        }
        return null;
    }
}
