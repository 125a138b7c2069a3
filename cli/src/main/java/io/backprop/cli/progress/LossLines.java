package io.backprop.cli.progress;

import io.backprop.train.EpochFigures;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The periodic loss lines: the first epoch, every {@code every}-th, and the last. They go to stdout
 * as each is reached, or, while a bar is drawn on the same terminal, are held back until training
 * ends so the two never interleave.
 */
final class LossLines implements EpochProgress {
    private final int epochs;
    private final int every;
    private final EpochLine line;
    private final PrintWriter out;
    private final List<String> held;

    private LossLines(int epochs, int every, EpochLine line, PrintWriter out, boolean holdBack) {
        this.epochs = epochs;
        this.every = Math.max(every, 1);
        this.line = line;
        this.out = out;
        this.held = holdBack ? new ArrayList<>() : null;
    }

    /** Lines printed as each is reached. */
    static LossLines asTheyCome(int epochs, int every, EpochLine line, PrintWriter out) {
        return new LossLines(epochs, every, line, out, false);
    }

    /** Lines printed together when training ends. */
    static LossLines whenTrainingEnds(int epochs, int every, EpochLine line, PrintWriter out) {
        return new LossLines(epochs, every, line, out, true);
    }

    @Override
    public void epochDone(int epoch, double loss) {
        epochDone(new EpochFigures(epoch, loss, 0, Double.NaN, Double.NaN));
    }

    @Override
    public void epochDone(EpochFigures figures) {
        int epoch = figures.epoch();
        if (epoch == 1 || epoch % every == 0 || epoch == epochs) {
            String text = line.format(figures);
            if (held == null) {
                out.println(text);
            } else {
                held.add(text);
            }
        }
    }

    @Override
    public void close() {
        if (held != null) {
            held.forEach(out::println);
            held.clear();
        }
        out.flush();
    }
}
