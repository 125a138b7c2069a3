package io.backprop.reference.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SplitWorkTest {
    /** Records which thread did each index. */
    private static class Recorder implements SplitWork.Range {
        final Thread[] by = new Thread[100];

        @Override
        public void run(int from, int to) {
            for (int k = from; k < to; k++) {
                by[k] = Thread.currentThread();
            }
        }
    }

    @Test
    void smallWorkRunsWholeOnTheCallersThread() {
        Recorder work = new Recorder();
        SplitWork.shared().run(work, 100, 48, SplitWork.MIN_SPLIT_FLOPS - 1);
        assertThat(work.by).containsOnly(Thread.currentThread());
    }

    @Test
    void largeWorkIsCutWhereAskedAndTheOtherHalfTakenByADaemonThreadWhileTheCallerWorks() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: nothing to split over");
        // The caller's half waits until the other half has started, so only the worker can have claimed it.
        CountDownLatch otherHalfStarted = new CountDownLatch(1);
        Recorder work = new Recorder() {
            @Override
            public void run(int from, int to) {
                if (from == 0) {
                    awaitOrFail(otherHalfStarted);
                } else {
                    otherHalfStarted.countDown();
                }
                super.run(from, to);
            }
        };
        SplitWork.shared().run(work, 100, 48, SplitWork.MIN_SPLIT_FLOPS);
        assertThat(Arrays.copyOfRange(work.by, 0, 48)).containsOnly(Thread.currentThread());
        Thread other = work.by[48];
        assertThat(other).isNotEqualTo(Thread.currentThread());
        assertThat(other.isDaemon()).isTrue();
        assertThat(Arrays.copyOfRange(work.by, 48, 100)).containsOnly(other);
    }

    @Test
    void aFailureOnTheOtherThreadReachesTheCaller() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: nothing to split over");
        CountDownLatch otherHalfStarted = new CountDownLatch(1);
        SplitWork.Range failing = (from, to) -> {
            if (from == 0) {
                awaitOrFail(otherHalfStarted);
            } else {
                otherHalfStarted.countDown();
                throw new ArithmeticException("boom");
            }
        };
        assertThatThrownBy(() -> SplitWork.shared().run(failing, 100, 48, SplitWork.MIN_SPLIT_FLOPS))
                .hasRootCauseInstanceOf(ArithmeticException.class);
        // and the worker still serves the next caller
        Recorder work = new Recorder();
        SplitWork.shared().run(work, 100, 48, SplitWork.MIN_SPLIT_FLOPS);
        assertThat(work.by).doesNotContainNull();
    }

    /**
     * The longest the caller's half waits for the worker, only so a worker that never starts fails the
     * test instead of hanging the build: a busy machine delays a thread's start by far less.
     */
    private static final Duration SAFETY_BOUND = Duration.ofMinutes(5);

    /** Waits for the worker to start the other half; a worker that never does fails the test. */
    private static void awaitOrFail(CountDownLatch started) {
        try {
            if (!started.await(SAFETY_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the worker thread did not take the other half within " + SAFETY_BOUND);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the worker", e);
        }
    }
}
