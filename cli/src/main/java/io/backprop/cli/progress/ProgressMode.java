package io.backprop.cli.progress;

/** How a training command shows its progress. */
public enum ProgressMode {
    /** A bar when the command runs on a terminal, lines otherwise. */
    AUTO,
    /** A bar on stderr, redrawn in place; the periodic loss lines follow on stdout when training ends. */
    BAR,
    /** The periodic loss lines on stdout as each one is reached. */
    LINES,
    /** Nothing while training. */
    NONE;

    /**
     * The mode that applies: {@code --json} silences every mode, since stdout then carries only the
     * JSON document and stderr stays quiet too.
     *
     * @param json whether {@code --json} was given
     * @param onTerminal whether the command runs on a terminal
     */
    public ProgressMode resolve(boolean json, boolean onTerminal) {
        if (json) {
            return NONE;
        }
        if (this == AUTO) {
            return onTerminal ? BAR : LINES;
        }
        return this;
    }
}
