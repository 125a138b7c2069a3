package io.backprop.cli.progress;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --progress} option of the commands that train. */
public final class ProgressOption {
    @Option(names = "--progress", paramLabel = "MODE",
            description = "How training shows its progress: auto (a bar on stderr when run on a terminal, else "
                    + "lines), bar, lines (the loss every --every epochs on stdout) or none; --json means none "
                    + "(default: auto).")
    ProgressMode mode = ProgressMode.AUTO;

    /** The mode asked for, before {@code --json} and the terminal are taken into account. */
    public ProgressMode mode() {
        return mode;
    }

    /**
     * Starts the feedback of one training run: progress as the mode says, and Ctrl-C turned into a stop
     * at the end of the current epoch. Close it when the command ends, after any file is written.
     *
     * @param json whether {@code --json} was given
     * @param epochs the epochs the run will train
     * @param every how many epochs apart the loss lines are
     * @param line how the command words a loss line
     * @param out the command's stdout
     * @param err the command's stderr
     */
    public TrainingFeedback start(boolean json, int epochs, int every, EpochLine line, PrintWriter out,
            PrintWriter err) {
        ProgressMode resolved = mode.resolve(json, System.console() != null);
        return TrainingFeedback.start(resolved, epochs, every, line, out, err, BarLine.onTerminal(err));
    }
}
