package io.backprop.cli.progress;

import io.backprop.train.EpochFigures;

/** How a command words its periodic loss line, without the line's end. */
@FunctionalInterface
public interface EpochLine {
    /** The line for {@code epoch}, whose loss over the whole data set is {@code loss}. */
    String format(int epoch, double loss);

    /**
     * The line for an epoch with everything known after it; by default the loss line alone, for a
     * command that has no validation data or regularization to show.
     */
    default String format(EpochFigures figures) {
        return format(figures.epoch(), figures.loss());
    }
}
