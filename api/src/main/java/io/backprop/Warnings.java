package io.backprop;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where Backprop's warnings go: what does not stop the work but should be heard of, such as a backend
 * provider that failed to load while the others are used, or a key of {@code backprop.properties} that
 * nothing reads.
 *
 * <p>By default a warning goes to the {@link System.Logger} named {@value #LOGGER} at
 * {@code WARNING}: the JDK's own logging facade, so that the API needs no logging library, and
 * whatever the application routes it to ({@code java.util.logging} unless it installs another
 * {@link System.LoggerFinder}). Each text is logged once per JVM, since the same discovery runs again
 * each time a backend is looked up by name. A caller that shows warnings itself, as the command line
 * does on stderr, sends the warnings of one piece of work elsewhere with {@link #sendTo}.
 */
public final class Warnings {
    /** The name of the {@link System.Logger} warnings go to by default. */
    public static final String LOGGER = "io.backprop";

    /** The texts already logged; past this many, every warning is logged, rather than holding memory. */
    private static final int REMEMBERED = 1000;

    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    /** Per thread, so that two pieces of work on two threads each keep their own warnings. */
    private static final ThreadLocal<Consumer<String>> SINK = new ThreadLocal<>();

    private Warnings() {
    }

    /**
     * Runs {@code work} with the warnings this thread raises during it given to {@code sink}, every
     * time they are raised, instead of the logger; then puts back where they went before.
     *
     * @param sink takes each warning: one line, without a trailing full stop
     * @return what {@code work} returns
     */
    public static <T> T sendTo(Consumer<String> sink, Supplier<T> work) {
        Objects.requireNonNull(sink, "sink");
        Consumer<String> before = SINK.get();
        SINK.set(sink);
        try {
            return work.get();
        } finally {
            if (before == null) {
                SINK.remove();
            } else {
                SINK.set(before);
            }
        }
    }

    /** Raises one warning: to this thread's sink if {@link #sendTo} gave one, else to the logger. */
    static void warn(String message) {
        Consumer<String> sink = SINK.get();
        if (sink != null) {
            sink.accept(message);
        } else if (LOGGED.size() >= REMEMBERED || LOGGED.add(message)) {
            System.getLogger(LOGGER).log(System.Logger.Level.WARNING, message);
        }
    }
}
