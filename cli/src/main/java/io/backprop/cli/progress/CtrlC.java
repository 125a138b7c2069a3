package io.backprop.cli.progress;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or any other request to end the JVM) during a training command into a stop at the
 * end of the current epoch.
 *
 * <p>The JVM answers SIGINT by running its shutdown hooks and then halting with status 130. This
 * hook raises the flag the epoch listener reads, then holds the JVM open until the command has
 * finished, so the command can stop training, close its progress bar, say where it stopped, and never
 * be cut off in the middle of writing a file. The wait is bounded by {@link #PATIENCE}, so a command
 * stuck in a very long epoch does not keep the JVM alive for ever.
 *
 * <p>The command's own exit code cannot reach the shell once the JVM is shutting down: {@code
 * System.exit} then waits for the hooks and the JVM halts with the signal's status, 130, which is
 * the code the command returns too.
 */
final class CtrlC implements AutoCloseable {
    /** How long the JVM is held open for the command to finish its epoch and its output. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::holdUntilFinished, "backprop-ctrl-c");
    private volatile boolean pressed;

    private CtrlC() {
    }

    /** Starts watching, until {@link #close()}. */
    static CtrlC watch() {
        CtrlC ctrlC = new CtrlC();
        Runtime.getRuntime().addShutdownHook(ctrlC.hook);
        return ctrlC;
    }

    /** Whether Ctrl-C has been pressed since watching began. */
    boolean pressed() {
        return pressed;
    }

    private void holdUntilFinished() {
        pressed = true;
        try {
            finished.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has finished: a shutdown under way may proceed, and later ones are no longer watched. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook has just been let go.
        }
    }
}
