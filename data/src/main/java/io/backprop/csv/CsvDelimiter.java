package io.backprop.csv;

import io.backprop.error.DataException;
import io.backprop.error.Excerpt;

/**
 * The delimiter between a CSV file's values: the one given, or the one of comma, tab and semicolon
 * that its first line holds most often outside quoted values. A line with none of them is one
 * column (a comma is assumed); a line holding two of them equally often is refused, since either
 * could be meant.
 */
final class CsvDelimiter {
    /** The delimiters looked for, in this order. */
    static final String CANDIDATES = ",\t;";

    private CsvDelimiter() {
    }

    /**
     * The delimiter of a text whose first line with content is {@code first}.
     *
     * @param header whether that line is a header line, to say which line it is in errors
     * @throws DataException naming the source and line when two delimiters appear equally often
     */
    static char detect(FirstLine first, String source, boolean header) {
        char best = ',';
        int most = 0;
        for (char candidate : CANDIDATES.toCharArray()) {
            int count = first.count(candidate);
            if (count > most) {
                best = candidate;
                most = count;
            }
        }
        for (char other : CANDIDATES.toCharArray()) {
            if (other != best && most > 0 && first.count(other) == most) {
                char[] pair = CANDIDATES.indexOf(other) < CANDIDATES.indexOf(best) ? new char[] {other, best}
                        : new char[] {best, other};
                throw new DataException(source + ":" + first.number() + ": the " + (header ? "header" : "first")
                        + " line has " + most + " " + plural(pair[0]) + " and " + most + " " + plural(pair[1])
                        + "; expected one delimiter more often than the others (comma, tab or semicolon), or"
                        + " --delimiter to say which");
            }
        }
        return best;
    }

    /** How a message says which delimiter separated the values: {@code "separated by commas"}. */
    static String separatedBy(char delimiter) {
        return "separated by " + plural(delimiter);
    }

    private static String plural(char delimiter) {
        return switch (delimiter) {
            case ',' -> "commas";
            case '\t' -> "tabs";
            case ';' -> "semicolons";
            default -> Excerpt.quote(String.valueOf(delimiter));
        };
    }
}
