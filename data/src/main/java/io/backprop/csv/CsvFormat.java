package io.backprop.csv;

import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import java.util.Optional;

/**
 * How a CSV file is laid out: the character between values, whether its first line names the
 * columns, and the longest line read.
 *
 * <p>By default ({@link #DEFAULT}) the first line is a header naming the columns, the delimiter is
 * found from it (a comma, a tab or a semicolon: see {@link CsvTable}), and lines are at most
 * {@link CsvTable#DEFAULT_MAX_LINE_LENGTH} characters.
 */
public final class CsvFormat {
    /** A header line, the delimiter found from it, lines of at most {@link CsvTable#DEFAULT_MAX_LINE_LENGTH} characters. */
    public static final CsvFormat DEFAULT = new CsvFormat(Optional.empty(), true, CsvTable.DEFAULT_MAX_LINE_LENGTH);

    private final Optional<Character> delimiter;
    private final boolean header;
    private final int maxLineLength;

    private CsvFormat(Optional<Character> delimiter, boolean header, int maxLineLength) {
        this.delimiter = delimiter;
        this.header = header;
        this.maxLineLength = maxLineLength;
    }

    /**
     * This format with {@code delimiter} between values instead of one found from the first line.
     *
     * @throws DataException for a quote, a space or a line break, which cannot separate values
     */
    public CsvFormat withDelimiter(char delimiter) {
        // The quote starts a quoted value, spaces around values are ignored, and a line break ends a row.
        if (delimiter == '"' || delimiter == ' ' || delimiter == '\n' || delimiter == '\r') {
            throw new DataException("delimiter: found " + Excerpt.quote(String.valueOf(delimiter)) + "; expected one"
                    + " character other than a quote, a space or a line break, such as , or ; or a tab");
        }
        return new CsvFormat(Optional.of(delimiter), header, maxLineLength);
    }

    /** This format without a header line: every line is a row, and the columns are named {@code c1, c2, …}. */
    public CsvFormat withoutHeader() {
        return new CsvFormat(delimiter, false, maxLineLength);
    }

    /**
     * This format refusing lines longer than {@code maxLineLength} characters.
     *
     * @throws IllegalArgumentException when it is below 1
     */
    public CsvFormat withMaxLineLength(int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength: found " + maxLineLength + "; expected at least 1");
        }
        return new CsvFormat(delimiter, header, maxLineLength);
    }

    /** The delimiter given, or empty when it is found from the first line. */
    public Optional<Character> delimiter() {
        return delimiter;
    }

    /** Whether the first line names the columns. */
    public boolean hasHeader() {
        return header;
    }

    /** The longest line read, in characters. */
    public int maxLineLength() {
        return maxLineLength;
    }
}
