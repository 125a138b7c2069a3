package io.backprop.cli.progress;

import io.backprop.train.EpochFigures;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * The progress bar (the progressbar library's, drawn by {@link EpochBarRenderer}), with the loss lines
 * held back until it is closed.
 *
 * <p>The bar starts when the first epoch ends, so the time the backend takes to build its network
 * does not count against the rate.
 */
final class EpochBar implements EpochProgress {
    private static final int REDRAW_MILLIS = 200;

    private final int epochs;
    private final ProgressBarConsumer line;
    private final LossLines lossLines;
    private final LongSupplier nanoTime;
    private ProgressBar bar;
    /** Written by the training thread, read by the library's drawing thread. */
    private volatile double loss;

    /** @param nanoTime the clock of the rate and the time left: {@link System#nanoTime}, or a test's */
    EpochBar(int epochs, ProgressBarConsumer line, LossLines lossLines, LongSupplier nanoTime) {
        this.epochs = epochs;
        this.line = line;
        this.lossLines = lossLines;
        this.nanoTime = nanoTime;
    }

    @Override
    public void epochDone(int epoch, double loss) {
        epochDone(new EpochFigures(epoch, loss, 0, Double.NaN, Double.NaN));
    }

    @Override
    public void epochDone(EpochFigures figures) {
        int epoch = figures.epoch();
        this.loss = figures.loss();
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setInitialMax(epochs)
                    .startsFrom(epoch, Duration.ZERO)
                    .setUpdateIntervalMillis(REDRAW_MILLIS)
                    .setRenderer(new EpochBarRenderer(() -> this.loss, nanoTime))
                    .setConsumer(line)
                    .build();
        }
        bar.stepTo(epoch);
        lossLines.epochDone(figures);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            // progressbar 0.10.1 draws the last state but leaves its line open when it is closed before its
            // first scheduled drawing has run, as a short run's bar is.
            line.close();
            bar = null;
        }
        lossLines.close();
    }
}
