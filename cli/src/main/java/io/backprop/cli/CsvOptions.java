package io.backprop.cli;

import io.backprop.csv.CsvFormat;
import io.backprop.csv.CsvTable;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --no-header}, {@code --delimiter} and {@code --max-line-length}: how a CSV file a command reads is laid out. */
final class CsvOptions {
    @Option(names = "--max-line-length", paramLabel = "CHARS",
            description = "The longest line of a CSV data file read, in characters (default: ${DEFAULT-VALUE}); a "
                    + "longer line is refused, so that a file without line ends is never read whole.")
    int maxLineLength = CsvTable.DEFAULT_MAX_LINE_LENGTH;

    @Option(names = "--no-header",
            description = "The CSV data file has no header line: every line is a row, and the columns are named c1, "
                    + "c2, … (a header line of numbers only is otherwise refused as data).")
    boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "The character between the values of the CSV data file, such as , or ; or tab (default: "
                    + "the one of comma, tab and semicolon the first line holds most often).")
    Character delimiter;

    /** The layout these options give. */
    CsvFormat format() {
        CsvFormat format = CsvFormat.DEFAULT.withMaxLineLength(maxLineLength);
        if (noHeader) {
            format = format.withoutHeader();
        }
        return delimiter == null ? format : format.withDelimiter(delimiter);
    }

    /** Parses {@code --delimiter}: one character, or {@code tab} (or {@code \t}), which a shell makes awkward to type. */
    static final class DelimiterConverter implements ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            char delimiter;
            if (value.equals("tab") || value.equals("\\t")) {
                delimiter = '\t';
            } else if (value.length() == 1) {
                delimiter = value.charAt(0);
            } else {
                throw new TypeConversionException("found " + Excerpt.quote(value) + "; expected one character, such as"
                        + " , or ; or tab");
            }
            try {
                CsvFormat.DEFAULT.withDelimiter(delimiter);
            } catch (DataException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return delimiter;
        }
    }
}
