package io.backprop.cli;

import io.backprop.error.SimilarNames;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The words for a command line picocli refuses: its message, with the closest name when one was mistyped. */
final class UsageErrors {
    /** Suggestions beyond this many would not help pick one. */
    private static final int MOST_SUGGESTIONS = 3;

    private UsageErrors() {
    }

    /**
     * What is wrong, such as {@code Unknown option: '--modle'; did you mean --model?}, without the
     * pointer to the help that the caller adds.
     */
    static String describe(ParameterException e) {
        CommandLine where = e.getCommandLine();
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched() : List.of();
        String message = e.getMessage();
        // A mistyped --model also leaves --model missing; the typo is the cause, so it is the one reported.
        if (e instanceof MissingParameterException && where != null && !where.getUnmatchedArguments().isEmpty()) {
            unmatched = where.getUnmatchedArguments();
            message = new UnmatchedArgumentException(where, unmatched).getMessage();
        }
        if (unmatched.isEmpty() && e.getArgSpec() == null && e.getValue() != null) {
            // How picocli's help command names a command it does not know (backprop help trian).
            unmatched = List.of(e.getValue());
        }
        for (String argument : unmatched) {
            List<String> suggestions = suggestions(argument, where.getCommandSpec());
            if (!suggestions.isEmpty()) {
                return message + "; did you mean "
                        + String.join(" or ", suggestions.subList(0, Math.min(MOST_SUGGESTIONS, suggestions.size())))
                        + "?";
            }
        }
        return message;
    }

    /**
     * The names {@code argument} may have been meant as, by the rule backend names follow too: the
     * command's options for what looks like an option, else its subcommands.
     */
    private static List<String> suggestions(String argument, CommandSpec command) {
        if (argument.startsWith("-")) { // every option of ours begins with a dash
            String name = argument.split("=", 2)[0]; // --daat=5 is --daat with its value
            return SimilarNames.closest(name, command.options().stream().filter(o -> !o.hidden())
                    .flatMap((OptionSpec o) -> Stream.of(o.names())).toList());
        }
        return SimilarNames.closest(argument, command.subcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList());
    }
}
