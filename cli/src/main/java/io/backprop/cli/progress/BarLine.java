package io.backprop.cli.progress;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Draws the bar on one line of the command's stderr, redrawn in place: each drawing starts with a
 * carriage return, and closing ends the line so the terminal is left on a fresh one.
 */
final class BarLine implements ProgressBarConsumer {
    private final PrintWriter err;
    private final IntSupplier width;
    private int drawn;
    private boolean closed;

    private BarLine(PrintWriter err, IntSupplier width) {
        this.err = err;
        this.width = width;
    }

    /** A line as wide as the terminal, as the progressbar library measures it (through JLine). */
    static BarLine onTerminal(PrintWriter err) {
        ConsoleProgressBarConsumer console = new ConsoleProgressBarConsumer(System.err);
        return new BarLine(err, console::getMaxRenderedLength);
    }

    /** A line of a fixed width. */
    static BarLine ofWidth(PrintWriter err, int width) {
        return new BarLine(err, () -> width);
    }

    @Override
    public int getMaxRenderedLength() {
        return width.getAsInt();
    }

    @Override
    public synchronized void accept(String rendered) {
        // progressbar 0.10.1 cancels its drawing task without waiting for it, so a drawing already under
        // way may arrive after the line was ended: it would print the bar a second time, on a line of its own.
        if (closed) {
            return;
        }
        // A shorter drawing than the last would leave the last one's tail on screen.
        String padding = " ".repeat(Math.max(drawn - rendered.length(), 0));
        err.print("\r" + rendered + padding);
        err.flush();
        drawn = rendered.length();
    }

    /** Ends the line the bar is drawn on, once, however often it is called; nothing is drawn after. */
    @Override
    public synchronized void close() {
        closed = true;
        if (drawn > 0) {
            err.println();
            err.flush();
            drawn = 0;
        }
    }
}
