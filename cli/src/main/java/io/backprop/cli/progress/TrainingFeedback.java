package io.backprop.cli.progress;

import io.backprop.train.EpochFigures;
import io.backprop.train.EpochListener;
import io.backprop.train.TrainingDecision;
import java.io.PrintWriter;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * What a training command shows while it trains, and how it hears Ctrl-C: progress as the mode says,
 * and a stop at the end of the current epoch when Ctrl-C is pressed.
 *
 * <p>Use: train with {@link #listener()}; then ask {@link #interrupted} before writing anything (it
 * ends the progress and, after Ctrl-C, says where training stopped); close it when the command ends,
 * after any file is written, for until then Ctrl-C waits for the command.
 */
public final class TrainingFeedback implements AutoCloseable {
    /** The exit code after Ctrl-C, the shell's for SIGINT (128 + 2). */
    public static final int EXIT_INTERRUPTED = 130;

    private final int epochs;
    private final EpochProgress progress;
    private final CtrlC ctrlC;
    private final PrintWriter out;
    private final PrintWriter err;

    private TrainingFeedback(int epochs, EpochProgress progress, PrintWriter out, PrintWriter err) {
        this.epochs = epochs;
        this.progress = progress;
        this.out = out;
        this.err = err;
        this.ctrlC = CtrlC.watch();
    }

    /**
     * Starts the feedback of one run.
     *
     * @param mode the resolved mode ({@link ProgressMode#resolve}); AUTO counts as LINES
     * @param epochs the epochs the run will train
     * @param every how many epochs apart the loss lines are
     * @param line how the command words a loss line
     * @param out the command's stdout, for the loss lines
     * @param err the command's stderr, for the interrupted line
     * @param barLine where the bar is drawn, in {@link ProgressMode#BAR}
     */
    static TrainingFeedback start(ProgressMode mode, int epochs, int every, EpochLine line, PrintWriter out,
            PrintWriter err, ProgressBarConsumer barLine) {
        return start(mode, epochs, every, line, out, err, barLine, System::nanoTime);
    }

    /**
     * As {@link #start(ProgressMode, int, int, EpochLine, PrintWriter, PrintWriter, ProgressBarConsumer)},
     * with the bar's rate and time left measured on {@code nanoTime}: a test's clock makes them exact.
     */
    static TrainingFeedback start(ProgressMode mode, int epochs, int every, EpochLine line, PrintWriter out,
            PrintWriter err, ProgressBarConsumer barLine, LongSupplier nanoTime) {
        EpochProgress progress = switch (mode) {
            case NONE -> EpochProgress.NONE;
            case BAR -> new EpochBar(epochs, barLine, LossLines.whenTrainingEnds(epochs, every, line, out), nanoTime);
            case AUTO, LINES -> LossLines.asTheyCome(epochs, every, line, out);
        };
        return new TrainingFeedback(epochs, progress, out, err);
    }

    /** The listener to train with: it shows each epoch's loss and stops the run after Ctrl-C, loss or not. */
    public EpochListener listener() {
        return new EpochListener() {
            @Override
            public TrainingDecision onEpoch(int epoch, double loss) {
                return onEpoch(new EpochFigures(epoch, loss, 0, Double.NaN, Double.NaN));
            }

            @Override
            public TrainingDecision onEpoch(EpochFigures figures) {
                progress.epochDone(figures);
                return onEpochWithoutLoss(figures.epoch());
            }

            @Override
            public TrainingDecision onEpochWithoutLoss(int epoch) {
                return ctrlC.pressed() ? TrainingDecision.STOP : TrainingDecision.CONTINUE;
            }
        };
    }

    /**
     * Ends the progress (the bar is closed, held lines are printed) and tells whether Ctrl-C stopped
     * training; if it did, says so in one line on stderr, and the command should return
     * {@link #EXIT_INTERRUPTED} without writing anything.
     *
     * @param epochsRun the epochs that ran
     * @param consequence what the command leaves undone, added to the line, or null
     */
    public boolean interrupted(int epochsRun, String consequence) {
        progress.close();
        if (!ctrlC.pressed()) {
            return false;
        }
        err.println("backprop: interrupted at epoch " + epochsRun + " of " + epochs
                + (consequence == null ? "" : "; " + consequence));
        err.flush();
        return true;
    }

    /** The command has finished: the progress is ended, its output flushed, and Ctrl-C no longer waits for it. */
    @Override
    public void close() {
        progress.close();
        out.flush();
        err.flush();
        ctrlC.close();
    }
}
