package io.backprop.cli.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Draws a training run's bar:
 * {@code epoch  450/1000 │█████▌      │ loss 0.0123457     812.3 epochs/s  0:00:01 left}.
 * The rate counts the epochs since the bar started (after the first epoch) over the time since; the
 * time left is the epochs to go at that rate. Both read {@code ?} until there is a rate to measure.
 *
 * <p>Time is read from the monotonic clock it is given, not from the library's state (which reads
 * the wall clock, moved when the system's time is set): the numbers drawn follow from that clock
 * alone, so a test's clock makes them exact whatever the machine's load.
 */
final class EpochBarRenderer implements ProgressBarRenderer {
    private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};
    private static final int NARROWEST_BAR = 5;
    /** Wider than this, a bar on a wide terminal only pushes the numbers away from the count. */
    private static final int WIDEST_BAR = 40;

    private final DoubleSupplier loss;
    private final LongSupplier nanoTime;
    private final long startedAt;

    /**
     * @param loss the loss after the last epoch done, read at each drawing
     * @param nanoTime a monotonic clock in nanoseconds, such as {@link System#nanoTime}; the bar
     *     starts when the renderer is made
     */
    EpochBarRenderer(DoubleSupplier loss, LongSupplier nanoTime) {
        this.loss = loss;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
    }

    @Override
    public String render(ProgressState state, int maxLength) {
        long done = state.getCurrent();
        long total = state.getMax();
        String count = String.format(Locale.ROOT, "epoch %" + Long.toString(total).length() + "d/%d", done, total);
        double fraction = total > 0 ? Math.min((double) done / total, 1) : 0;
        Double rate = rate(done - state.getStart(), (nanoTime.getAsLong() - startedAt) / 1e9);
        String rateText = rate == null ? "?" : String.format(Locale.ROOT, "%.1f", rate);
        String left = rate == null ? "? left" : clock(Duration.ofMillis(Math.round((total - done) / rate * 1000)))
                + " left";
        // Fixed widths keep the bar's length steady as the numbers change.
        String tail = String.format(Locale.ROOT, " loss %-11s %7s epochs/s  %s",
                String.format(Locale.ROOT, "%.6g", loss.getAsDouble()), rateText, left);
        int barWidth = Math.min(maxLength - count.length() - tail.length() - 3, WIDEST_BAR);
        if (barWidth < NARROWEST_BAR) {
            return count + tail;
        }
        return count + " │" + bar(fraction, barWidth) + "│" + tail;
    }

    /** Epochs per second since the bar started, or null before any time or epoch has passed. */
    private static Double rate(long epochs, double seconds) {
        return epochs > 0 && seconds > 0 ? epochs / seconds : null;
    }

    private static String bar(double fraction, int width) {
        int eighths = (int) Math.floor(fraction * width * 8);
        StringBuilder bar = new StringBuilder(width);
        bar.append("█".repeat(eighths / 8));
        if (bar.length() < width && eighths % 8 > 0) {
            bar.append(EIGHTHS[eighths % 8]);
        }
        bar.append(" ".repeat(width - bar.length()));
        return bar.toString();
    }

    /** h:mm:ss, as a clock reads. */
    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
