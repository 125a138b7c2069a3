package io.backprop.bench;

import java.util.Optional;
import java.util.Properties;

/**
 * The figures of a {@code scripts/command-timings.sh} run: whole {@code backprop} commands, each run
 * several times in a new JVM and timed by the wall clock. Each command's times are the keys
 * {@code NAME_median_ms}, {@code NAME_min_ms} and {@code NAME_max_ms}; a command the run could not
 * time (the binary format, before {@code backprop convert} existed) has none.
 */
final class CommandTimings {
    /** {@code backprop train} on the CSV file. */
    static final String TRAIN_CSV = "train_csv";
    /** {@code backprop train} on the same rows converted to the binary format. */
    static final String TRAIN_BINARY = "train_binary";

    private final Properties figures;

    CommandTimings(Properties figures) {
        this.figures = figures;
    }

    /** No run: nothing to show. */
    static CommandTimings none() {
        return new CommandTimings(new Properties());
    }

    /** Whether the run timed {@link #TRAIN_CSV}, the command every run of the script times. */
    boolean present() {
        return timing(TRAIN_CSV).isPresent();
    }

    /** How many times each command ran. */
    int runs() {
        return Integer.parseInt(figures.getProperty("runs"));
    }

    /** The SGD steps each {@code train} took. */
    int steps() {
        return Integer.parseInt(figures.getProperty("steps"));
    }

    /** {@code train}'s arguments after the model and data, as the script gave them. */
    String trainArguments() {
        return figures.getProperty("train_arguments", "");
    }

    /** The size of a data file the commands read: {@code csv} or {@code binary}; NaN when not recorded. */
    double bytes(String format) {
        String value = figures.getProperty(format + "_bytes");
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    /** One command's times, when the run has them. */
    Optional<Timing> timing(String command) {
        String median = figures.getProperty(command + "_median_ms");
        if (median == null) {
            return Optional.empty();
        }
        return Optional.of(new Timing(Double.parseDouble(median) * 1e6,
                Double.parseDouble(figures.getProperty(command + "_min_ms")) * 1e6,
                Double.parseDouble(figures.getProperty(command + "_max_ms")) * 1e6));
    }

    /** A command's wall-clock times over the runs, in nanoseconds. */
    record Timing(double medianNanos, double minNanos, double maxNanos) {
    }
}
