package io.backprop.cli.progress;

/** How a command words its periodic loss line, without the line's end. */
@FunctionalInterface
public interface EpochLine {
    /** The line for {@code epoch}, whose loss over the whole data set is {@code loss}. */
    String format(int epoch, double loss);
}
