package io.backprop.spi;

import io.backprop.error.BackendException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets one thread at a time inside a network's public operations, and refuses a second with a
 * {@link BackendException} instead of letting it corrupt the working memory the first is using:
 * a shared network otherwise gives silently wrong results (on DL4J, a network that stays broken).
 * It refuses rather than waits because sharing a network between threads is a mistake to fix (one
 * {@link io.backprop.Network#copy()} per thread), not a queue to join.
 *
 * <p>Uncontended it costs one compare-and-set on entry and one release store on exit. The thread
 * inside may enter again, as an epoch listener does when it asks for a loss during {@code fit}; only
 * its outermost call lets go.
 */
final class OneThreadAtATime {
    static final String REFUSAL = "network used by two threads at once; give each thread its own Network.copy()";

    private final AtomicReference<Thread> inside = new AtomicReference<>();

    /**
     * Lets the current thread in.
     *
     * @return whether this is the thread's outermost entry, to be handed to {@link #leave}
     * @throws BackendException when another thread is inside; nothing is changed then
     */
    boolean enter() {
        Thread current = Thread.currentThread();
        if (inside.compareAndSet(null, current)) {
            return true;
        }
        if (inside.get() == current) {
            return false;
        }
        throw new BackendException(REFUSAL);
    }

    /** Lets go after {@link #enter()}, in a {@code finally}: only the outermost entry does. */
    void leave(boolean outermost) {
        if (outermost) {
            // Release suffices: the next thread's compare-and-set then sees all this one wrote.
            inside.setRelease(null);
        }
    }
}
