package io.backprop.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
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
        UnmatchedArgumentException unmatched = e instanceof UnmatchedArgumentException u ? u : null;
        // A mistyped --model also leaves --model missing; the typo is the cause, so it is the one reported.
        if (e instanceof MissingParameterException && where != null && !where.getUnmatchedArguments().isEmpty()) {
            unmatched = new UnmatchedArgumentException(where, where.getUnmatchedArguments());
        }
        if (unmatched == null) {
            return e.getMessage();
        }
        List<String> suggestions = unmatched.getSuggestions();
        return unmatched.getMessage() + (suggestions.isEmpty() ? ""
                : "; did you mean " + String.join(" or ",
                        suggestions.subList(0, Math.min(MOST_SUGGESTIONS, suggestions.size()))) + "?");
    }
}
