package io.backprop.csv;

import io.backprop.model.ClassLabels;

import io.backprop.data.DataSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.error.IoFailure;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The reader as it was before cells were kept as bytes and parsed without a regular expression
 * (commit 1b3ad1c's CsvTable, renamed and otherwise unchanged): the oracle {@link CsvTableSameAsBeforeTest}
 * holds the reader to, result for result and error for error.
 *
 * <p>The original's description follows.
 *
 * A CSV file under a header line, read whole as text, that knows where each value came from.
 *
 * <p>Reading checks the shape (a header of distinct names, as many values on every row); the cells
 * are parsed only when a data set is taken from the table, and only in the columns it uses, so a
 * column of names beside the data does no harm. Every feature value must be a finite number; a bad
 * cell is refused with its file, line and column: {@code people.csv:3:2 (height): found "tall";
 * expected a number}. A target column that holds anything other than numbers is a class column:
 * its cells are class names (see {@link ClassLabels}). Blank lines are skipped and spaces around
 * values are ignored.
 *
 * <p>The values are separated by the delimiter {@link CsvFormat} gives, or else by the one of comma,
 * tab and semicolon that the first line holds most often outside quoted values (none of them: one
 * column; two equally often: refused, naming the line). A header line whose every name is a number
 * looks like data, and is refused rather than read as names, losing the first row; a file without
 * a header is read with {@link CsvFormat#withoutHeader()}, its columns then named {@code c1, c2, …}.
 */
public final class OldCsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    /** A decimal number, or NaN or infinity, which are numbers but refused as not finite. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|NaN|Infinity)");

    /** The longest line read by default, in characters; see {@link #read(Path, int)}. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

    /** The prefix of the names a file without a header line gives its columns: c1, c2, … */
    public static final String COLUMN_PREFIX = "c";

    private final String source;
    private final List<String> header;
    private final Cells cells;
    private final IntBlocks lines; // the line of each row in the file, for error messages
    private final int rows;
    private final char delimiter;

    private OldCsvTable(String source, List<String> header, Cells cells, IntBlocks lines, char delimiter) {
        this.source = source;
        this.header = List.copyOf(header);
        this.cells = cells;
        this.lines = lines;
        this.rows = lines.size();
        this.delimiter = delimiter;
    }

    /**
     * Reads a UTF-8 CSV file whose lines are at most {@link #DEFAULT_MAX_LINE_LENGTH} characters.
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    public static OldCsvTable read(Path file) {
        return read(file, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Reads a UTF-8 CSV file. A line longer than {@code maxLineLength} characters is refused, naming
     * it, as soon as it is that long, so that a file without line ends (such as {@code /dev/zero}) is
     * never read whole.
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    public static OldCsvTable read(Path file, int maxLineLength) {
        return read(file, CsvFormat.DEFAULT.withMaxLineLength(maxLineLength));
    }

    /**
     * Reads a UTF-8 CSV file laid out as {@code format} says. A line longer than its
     * {@link CsvFormat#maxLineLength()} is refused, naming it, as soon as it is that long, so that a
     * file without line ends (such as {@code /dev/zero}) is never read whole.
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    public static OldCsvTable read(Path file, CsvFormat format) {
        try {
            return readUtf8(file, format);
        } catch (DataException e) {
            if (e.getCause() instanceof LineCountingReader.NotUtf8Exception) {
                // The decoder reports bad bytes before handing over the characters in front of them, so
                // the reader's count is behind; a second pass finds the exact place.
                throw new DataException(file + ":" + Utf8Position.ofFirstBadByte(file) + ": not UTF-8 text (a byte"
                        + " sequence that is not a UTF-8 character); expected a UTF-8 CSV file", e);
            }
            throw e;
        }
    }

    private static OldCsvTable readUtf8(Path file, CsvFormat format) {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return read(reader, file.toString(), format);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file; expected a CSV file with a header line");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + IoFailure.reason(e) + ")", e);
        }
    }

    /**
     * Reads CSV text whose lines are at most {@link #DEFAULT_MAX_LINE_LENGTH} characters; {@code source}
     * names it in error messages.
     *
     * @throws DataException naming the source, line and column of the first problem
     */
    public static OldCsvTable read(Reader reader, String source) throws IOException {
        return read(reader, source, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Reads CSV text; {@code source} names it in error messages, and a line longer than
     * {@code maxLineLength} characters is refused.
     *
     * @throws DataException naming the source, line and column of the first problem
     */
    public static OldCsvTable read(Reader reader, String source, int maxLineLength) throws IOException {
        return read(reader, source, CsvFormat.DEFAULT.withMaxLineLength(maxLineLength));
    }

    /**
     * Reads CSV text laid out as {@code format} says; {@code source} names it in error messages.
     *
     * @throws DataException naming the source, line and column of the first problem
     */
    public static OldCsvTable read(Reader reader, String source, CsvFormat format) throws IOException {
        int maxLineLength = format.maxLineLength();
        LineCountingReader counted = new LineCountingReader(reader, maxLineLength);
        try {
            Reader text = counted;
            char delimiter;
            if (format.delimiter().isPresent()) {
                delimiter = format.delimiter().get();
            } else {
                FirstLine first = FirstLine.read(counted, maxLineLength);
                delimiter = CsvDelimiter.detect(first, source, format.hasHeader());
                text = first.replay();
            }
            return parse(text, source, format.hasHeader(), delimiter);
        } catch (LineCountingReader.LineTooLongException e) {
            throw new DataException(source + ":" + e.line() + ": a line longer than " + maxLineLength + " characters;"
                    + " expected CSV lines of at most " + maxLineLength + " characters (the command's --max-line-length"
                    + " raises the limit)");
        } catch (LineCountingReader.NotUtf8Exception e) {
            throw new DataException(source + ":" + e.line() + ": not UTF-8 text (" + e.reason()
                    + "); expected a UTF-8 CSV file", e);
        }
    }

    private static OldCsvTable parse(Reader text, String source, boolean hasHeader, char delimiter) throws IOException {
        try (CsvParser parser = (CsvParser) MAPPER.createParser(text)) {
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            String separated = CsvDelimiter.separatedBy(delimiter);
            List<String> header = null;
            Cells cells = null;
            IntBlocks lines = new IntBlocks();
            int rowCells = 0;
            int rowLine = -1;
            List<String> names = new ArrayList<>();
            List<JsonLocation> places = new ArrayList<>();
            // WRAP_AS_ARRAY puts every line's array (depth 2) inside one array for the file (depth 1),
            // whose end is not a line.
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    depth++;
                    rowCells = 0;
                    rowLine = -1;
                } else if (token == JsonToken.VALUE_STRING) {
                    if (header == null) {
                        names.add(parser.getText());
                        places.add(parser.currentTokenLocation());
                        continue;
                    }
                    if (rowCells == 0) {
                        rowLine = parser.currentTokenLocation().getLineNr();
                    }
                    // Values past the header's width are counted for the message, never kept.
                    if (++rowCells <= header.size()) {
                        cells.add(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    }
                } else if (token == JsonToken.END_ARRAY) {
                    if (depth-- != 2) {
                        continue;
                    }
                    if (header == null) {
                        if (hasHeader) {
                            header = header(names, places, source, delimiter);
                            cells = new Cells(header.size());
                            continue;
                        }
                        // No header: the first line is the first row, and its width names the columns.
                        header = numbered(names.size());
                        cells = new Cells(header.size());
                        names.forEach(cells::add);
                        rowCells = names.size();
                        rowLine = places.get(0).getLineNr();
                    }
                    if (rowCells != header.size()) {
                        throw new DataException(source + ":" + rowLine + ": found " + rowCells + " values; expected "
                                + header.size() + ", " + (hasHeader ? "one per column of the header"
                                : "as many as the first line has") + " (" + listed(header) + "), " + separated);
                    }
                    lines.add(rowLine);
                }
            }
            if (header == null) {
                throw new DataException(source + ": empty; expected " + (hasHeader
                        ? "a header line naming the columns, then rows" : "rows of values"));
            }
            if (lines.size() == 0) {
                throw new DataException(source + ": has a header but no rows; expected at least one row of numbers");
            }
            return new OldCsvTable(source, header, cells, lines, delimiter);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataException(source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": malformed CSV (" + Excerpt.line(e.getOriginalMessage()) + ")", e);
        }
    }

    /** The names of the columns of a file without a header line: c1, c2, … */
    private static List<String> numbered(int width) {
        List<String> names = new ArrayList<>(width);
        for (int c = 1; c <= width; c++) {
            names.add(COLUMN_PREFIX + c);
        }
        return names;
    }

    /** Every cell's text, one after another, with where each ends: a few bytes a cell rather than a String each. */
    private static final class Cells {
        private final int width;
        private final StringBuilder text = new StringBuilder();
        private final IntBlocks ends = new IntBlocks();

        Cells(int width) {
            this.width = width;
        }

        /** @throws DataException past the most values or characters one table holds */
        void add(char[] characters, int offset, int length) {
            if (ends.size() == Integer.MAX_VALUE - 8 || text.length() > Integer.MAX_VALUE - 8 - length) {
                throw new DataException("found more than " + ends.size() + " values (" + text.length()
                        + " characters); expected fewer in one table");
            }
            text.append(characters, offset, length);
            ends.add(text.length());
        }

        void add(String cell) {
            add(cell.toCharArray(), 0, cell.length());
        }

        String get(int row, int column) {
            int index = row * width + column;
            return text.substring(index == 0 ? 0 : ends.get(index - 1), ends.get(index));
        }
    }

    /** The length of an array of {@code rows × width} values, refused when no array can hold them. */
    private int values(int rows, int width) {
        long count = (long) rows * width;
        if (count > Integer.MAX_VALUE - 8) {
            throw new DataException(source + ": " + rows + " rows × " + width + " columns = " + count + " values;"
                    + " expected at most " + (Integer.MAX_VALUE - 8) + " in one data set");
        }
        return (int) count;
    }

    /** Names joined with commas, cut to what one line of a message can show. */
    private static String listed(List<String> names) {
        String joined = String.join(", ", names);
        return joined.length() <= Excerpt.MAX_QUOTED ? Excerpt.line(joined)
                : Excerpt.line(joined.substring(0, Excerpt.MAX_QUOTED)) + "… (" + names.size() + " columns)";
    }

    private static List<String> header(List<String> cells, List<JsonLocation> places, String source, char delimiter) {
        if (looksLikeData(cells)) {
            throw new DataException(source + ":" + places.get(0).getLineNr() + ": the header line "
                    + Excerpt.quote(String.join(String.valueOf(delimiter), cells)) + " is all numbers and looks like"
                    + " data; expected a header line naming the columns, or --no-header to read every line as a row");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c);
            int line = places.get(c).getLineNr(); // not always 1: blank lines before the header are skipped
            if (name.isEmpty()) {
                throw new DataException(source + ":" + line + ":" + (c + 1) + ": empty column name; expected a header line"
                        + " naming every column");
            }
            if (!seen.add(name)) {
                throw new DataException(source + ":" + line + ":" + (c + 1) + ": column " + Excerpt.quote(name)
                        + " is named twice; expected distinct names");
            }
        }
        return List.copyOf(cells);
    }

    /**
     * Whether a header line is numbers (or empty) throughout: a file without a header, whose first
     * row would otherwise be taken for the column names and lost.
     */
    private static boolean looksLikeData(List<String> cells) {
        boolean number = false;
        for (String cell : cells) {
            if (!cell.isEmpty() && !DECIMAL.matcher(cell).matches()) {
                return false;
            }
            number |= !cell.isEmpty();
        }
        return number;
    }

    /** The cell at a row and column as a finite number, or an error naming its line and column. */
    private double number(int row, int column) {
        String cell = cells.get(row, column);
        // Double.parseDouble alone would also take Java's "1d", "2f" and hexadecimal "0x1p3".
        if (!DECIMAL.matcher(cell).matches()) {
            throw new DataException(where(row, column) + ": found " + Excerpt.quote(cell) + "; expected a number");
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw new DataException(where(row, column) + ": found " + (cell.length() <= Excerpt.MAX_QUOTED ? cell
                    : Excerpt.quote(cell)) + "; expected a finite number");
        }
        return value;
    }

    private String where(int row, int column) {
        return source + ":" + lines.get(row) + ":" + (column + 1) + " (" + header.get(column) + ")";
    }

    /** The first row whose cell in the column is a class name rather than a number, or -1 when there is none. */
    private int firstClassName(int column) {
        for (int r = 0; r < rows; r++) {
            String cell = cells.get(r, column);
            // An empty cell is a missing value, never a class; it is refused where it is parsed.
            if (!cell.isEmpty() && !DECIMAL.matcher(cell).matches()) {
                return r;
            }
        }
        return -1;
    }

    /** Where the table came from, as used in error messages. */
    public String source() {
        return source;
    }

    /** The column names, in order. */
    public List<String> header() {
        return header;
    }

    /** The number of data rows (the header not counted). */
    public int rowCount() {
        return rows;
    }

    /**
     * The data set {@code spec} needs from this table, with numeric targets only.
     *
     * @see #toLabelledData
     * @throws DataException as {@link #toLabelledData} does, and for a target column of class names
     */
    public DataSet toDataSet(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                             boolean targetsRequired) {
        return toLabelledData(spec, featureNames, targetNames, targetsRequired, Optional.empty()).data();
    }

    /**
     * The data set {@code spec} needs from this table, and the classes its targets stand for.
     *
     * <p>With no names given, the first {@code spec.inputs()} columns are the features and the rest
     * are the targets. Naming only the targets makes every other column a feature. Naming only the
     * features makes every other column a target for training; for prediction
     * ({@code targetsRequired} false) it leaves the other columns out. Columns that are neither
     * features nor targets are not parsed.
     *
     * <p>A target column with any cell that is not a number is a class column, and must be the only
     * target column. Its class names become targets as {@link ClassLabels} says: {@code known}
     * classes (from the model, or named by the user) in their order; else the names found, sorted.
     *
     * @param featureNames the feature columns, or empty for the default
     * @param targetNames the target columns, or empty for the default
     * @param targetsRequired whether the rows must carry targets (training) or may not (prediction)
     * @param known the classes in target order, when the model or the user names them
     * @throws DataException naming a column that does not exist, a count that does not fit the network,
     *     a cell that is not a finite number, or a class name that is not known, with file, line and column
     */
    public LabelledData toLabelledData(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                                       boolean targetsRequired, Optional<ClassLabels> known) {
        List<Integer> features;
        List<Integer> targets;
        if (featureNames.isEmpty() && targetNames.isEmpty()) {
            if (header.size() < spec.inputs()) {
                throw new DataException(source + ": found " + header.size() + " columns (" + listed(header) + ") "
                        + CsvDelimiter.separatedBy(delimiter) + "; the network expects " + spec.inputs() + " inputs");
            }
            features = range(0, spec.inputs());
            targets = range(spec.inputs(), header.size());
        } else {
            features = featureNames.isEmpty() ? null : indices(featureNames, "feature");
            targets = targetNames.isEmpty() ? null : indices(targetNames, "target");
            if (features == null) {
                features = others(targets);
            }
            if (targets == null) {
                targets = targetsRequired ? others(features) : List.of();
            }
            for (int c : features) {
                if (targets.contains(c)) {
                    throw new DataException(source + ": column \"" + header.get(c) + "\" is named both as a feature"
                            + " and as a target; expected each column in one role");
                }
            }
        }
        if (features.size() != spec.inputs()) {
            throw new DataException(source + ": found " + features.size() + " feature columns ("
                    + names(features) + "); the network expects " + spec.inputs() + " inputs");
        }
        int n = rows;
        double[] f = new double[values(n, features.size())];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < features.size(); c++) {
                f[r * features.size() + c] = number(r, features.get(c));
            }
        }
        int classColumn = -1;
        for (int c : targets) {
            int row = firstClassName(c);
            if (row >= 0 && targets.size() > 1) {
                throw new DataException(where(row, c) + ": found " + Excerpt.quote(cells.get(row, c)) + ", a class name, in one of "
                        + targets.size() + " target columns (" + names(targets) + "); expected numbers, or a class"
                        + " column as the only target column");
            }
            if (row >= 0) {
                classColumn = c;
            }
        }
        if (classColumn < 0 && (targetsRequired || !targets.isEmpty()) && targets.size() != spec.outputs()) {
            throw new DataException(source + ": found " + targets.size() + " target columns (" + names(targets)
                    + "); the network has " + spec.outputs() + " outputs"
                    + (targetsRequired ? "" : ", or give none"));
        }
        if (classColumn >= 0) {
            ClassLabels classes = known.isPresent() ? known.get() : foundClasses(spec.outputs(), classColumn);
            return new LabelledData(DataSet.adopting(n, features.size(), f, spec.outputs(),
                    classTargets(classes, spec.outputs(), classColumn)), Optional.of(classes));
        }
        double[] t = new double[values(n, targets.size())];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < targets.size(); c++) {
                t[r * targets.size() + c] = number(r, targets.get(c));
            }
        }
        return new LabelledData(DataSet.adopting(n, features.size(), f, targets.size(), t), Optional.empty());
    }

    /** The classes of a class column in sorted order, when their number fits the network. */
    private ClassLabels foundClasses(int outputs, int column) {
        Set<String> found = new TreeSet<>();
        int needed = outputs == 1 ? 2 : outputs;
        for (int r = 0; r < rows; r++) {
            String cell = cells.get(r, column);
            checkClassName(cell, r, column);
            if (found.add(cell) && found.size() > needed) {
                throw new DataException(where(r, column) + ": found " + Excerpt.quote(cell) + ", class number " + found.size()
                        + " (" + String.join(", ", found) + "); the network has " + outputs + " output"
                        + (outputs == 1 ? "" : "s") + "; expected " + ClassLabels.expectedFor(outputs)
                        + "; name them all with --classes");
            }
        }
        if (found.size() < needed) {
            throw new DataException(source + ": column " + (column + 1) + " (" + header.get(column) + "): found "
                    + found.size() + " class" + (found.size() == 1 ? "" : "es") + " (" + String.join(", ", found)
                    + "); the network has " + outputs + " output" + (outputs == 1 ? "" : "s") + "; expected "
                    + ClassLabels.expectedFor(outputs) + "; name them all with --classes");
        }
        return ClassLabels.of(new ArrayList<>(found));
    }

    private double[] classTargets(ClassLabels classes, int outputs, int column) {
        if (!classes.fits(outputs)) {
            throw new DataException(source + ": column " + (column + 1) + " (" + header.get(column) + "): the classes "
                    + classes + " are " + classes.size() + "; the network has " + outputs + " output"
                    + (outputs == 1 ? "" : "s") + "; expected " + ClassLabels.expectedFor(outputs));
        }
        double[] t = new double[values(rows, outputs)];
        for (int r = 0; r < rows; r++) {
            String cell = cells.get(r, column);
            checkClassName(cell, r, column);
            int index = classes.indexOf(cell);
            if (index < 0) {
                throw new DataException(where(r, column) + ": found " + Excerpt.quote(cell) + "; expected one of the classes "
                        + classes);
            }
            System.arraycopy(classes.target(index, outputs), 0, t, r * outputs, outputs);
        }
        return t;
    }

    private void checkClassName(String cell, int row, int column) {
        if (cell.isEmpty()) {
            throw new DataException(where(row, column) + ": found \"\"; expected a class name");
        }
    }

    private List<Integer> indices(List<String> names, String role) {
        List<Integer> indices = new ArrayList<>();
        for (String name : names) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new DataException(source + ": no " + role + " column \"" + name + "\"; the header has "
                        + listed(header));
            }
            if (indices.contains(index)) {
                throw new DataException(source + ": " + role + " column \"" + name + "\" is named twice;"
                        + " expected each column once");
            }
            indices.add(index);
        }
        return indices;
    }

    private List<Integer> others(List<Integer> taken) {
        List<Integer> rest = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!taken.contains(c)) {
                rest.add(c);
            }
        }
        return rest;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int c = from; c < to; c++) {
            list.add(c);
        }
        return list;
    }

    private String names(List<Integer> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(header.get(c)));
        return names.isEmpty() ? "none" : listed(names);
    }
}
