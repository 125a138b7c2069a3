package io.backprop.reference.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a piece of work split in two halves on two threads, the caller's and one shared daemon
 * worker started on first use, but only when the work is worth it: handing a half to the other
 * thread and waiting for it costs some microseconds, so work below {@link #MIN_SPLIT_FLOPS} runs
 * whole on the caller (the article's 2-2-1 network never starts the worker).
 *
 * <p>The second half is claimed, once, by whichever thread gets to it first: the worker when it
 * wakes, or the caller when it has finished its own half and the worker has not started (on a
 * machine busy with other processes the worker may not be scheduled in time). So splitting never
 * makes the caller wait for a thread that is not running.
 *
 * <p>One worker serves the whole JVM. A caller that finds it busy with another network's work runs
 * its own work whole rather than wait. Nothing is allocated per call: the work is a {@link Range}
 * object the caller keeps.
 */
public final class SplitWork {
    /**
     * Below this many floating-point operations the work stays on one thread. One product of 1 MFLOP
     * takes about 50 µs on one core at the kernels' 20 GFLOP/s, against a handover to a polling worker
     * measured at 0.5–2 µs (more when the worker has parked and must be woken); the MLP's large
     * products (25.7 MFLOP) are far above it, its output layer's (0.3 MFLOP) and the article's network
     * far below.
     */
    public static final long MIN_SPLIT_FLOPS = 1L << 20;

    /**
     * How long a waiting thread polls before it parks, in spins (some tens of µs): the phases of one
     * training step follow each other that closely, and a longer spin takes CPU from other work.
     */
    private static final int SPINS = 2_000;

    /** A piece of work over indices {@code [from, to)} that can be cut anywhere. */
    public interface Range {
        void run(int from, int to);
    }

    private static final SplitWork SHARED = new SplitWork(Runtime.getRuntime().availableProcessors() > 1);

    /** The second half's claim: open to either thread, taken by the worker, or taken by the caller. */
    private static final int OPEN = 0;
    private static final int WORKER = 1;
    private static final int CALLER = 2;

    private final boolean enabled;
    private final AtomicInteger claim = new AtomicInteger(CALLER);
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Thread worker;
    private volatile Range task;
    private volatile int from;
    private volatile int to;
    private volatile boolean done;
    private volatile Throwable failure;
    private volatile Thread caller;

    private SplitWork(boolean enabled) {
        this.enabled = enabled;
    }

    /** The JVM's one instance. */
    public static SplitWork shared() {
        return SHARED;
    }

    /**
     * Runs {@code work} over {@code [0, count)}: split at {@code split} between this thread and
     * the worker when {@code flops} is at least {@link #MIN_SPLIT_FLOPS}, else whole on this thread.
     */
    public void run(Range work, int count, int split, long flops) {
        if (!enabled || flops < MIN_SPLIT_FLOPS || split <= 0 || split >= count || !busy.compareAndSet(false, true)) {
            work.run(0, count);
            return;
        }
        try {
            Thread helper = startedWorker();
            this.task = work;
            this.from = split;
            this.to = count;
            this.failure = null;
            this.done = false;
            this.caller = Thread.currentThread();
            claim.set(OPEN); // publishes the fields above to the worker
            LockSupport.unpark(helper);
            work.run(0, split);
            if (claim.compareAndSet(OPEN, CALLER)) {
                work.run(split, count);
                return;
            }
            awaitWorker();
            Throwable failed = failure;
            if (failed != null) {
                throw new IllegalStateException("the second thread failed: " + failed, failed);
            }
        } finally {
            busy.set(false);
        }
    }

    private void awaitWorker() {
        for (int spin = 0; !done; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private Thread startedWorker() {
        Thread started = worker;
        if (started == null) {
            started = new Thread(this::serve, "backprop-reference-second-core");
            started.setDaemon(true);
            started.start();
            worker = started;
        }
        return started;
    }

    private void serve() {
        for (int spin = 0; ; spin++) {
            if (claim.get() != OPEN) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            spin = 0;
            if (!claim.compareAndSet(OPEN, WORKER)) {
                continue; // the caller took it
            }
            try {
                task.run(from, to);
            } catch (Throwable t) {
                failure = t;
            }
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
