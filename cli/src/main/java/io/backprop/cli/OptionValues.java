package io.backprop.cli;

import io.backprop.error.TrainingException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli cannot make itself, refused as picocli refuses the ones it
 * finds: naming the option, so that the error line points at the command's help. Commands run them
 * before any work, so that a bad value costs nothing and prints nothing else.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** Runs {@code apply}, which hands the value to the api; a value the api refuses is refused naming the option. */
    static void check(CommandSpec command, String option, Runnable apply) {
        try {
            apply.run();
        } catch (TrainingException e) {
            throw invalid(command, option, e.getMessage(), e);
        }
    }

    /** {@code value}, refused unless it is at least 1. */
    static int atLeastOne(CommandSpec command, String option, int value) {
        if (value < 1) {
            throw invalid(command, option, "found " + value + "; expected at least 1", null);
        }
        return value;
    }

    private static ParameterException invalid(CommandSpec command, String option, String problem, Exception cause) {
        return new ParameterException(command.commandLine(), "Invalid value for option '" + option + "': " + problem,
                cause);
    }
}
