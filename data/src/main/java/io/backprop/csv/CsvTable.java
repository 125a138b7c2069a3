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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
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
 *
 * <p>Reading is built for large files (the benchmarks' {@code CsvReadBenchmark}: a 45 MB file of
 * 6,400 rows × 794 numbers). A plain file (ASCII, no quotes, spaces around values trimmed, {@code \n} or
 * {@code \r\n} line ends) is split into cells byte by byte ({@link PlainRows}), a part a processor at once
 * when it is 8 MB or more; anything else, any problem included, and the file is read by Jackson's CSV
 * tokenizer instead, whose exact handling of quotes, spaces, line numbers and errors every file gets, so
 * what is read, and the first problem, are the tokenizer's whatever the way (the tokenizer was about half
 * of the time to read that file on one core). The cells are kept as bytes, about the file's size; a
 * number is checked and parsed straight from them ({@link Decimal}: no regular expression, no String
 * per cell, each value bit for bit {@link Double#parseDouble}'s), and a large table's numbers are
 * parsed on the common fork-join pool, one run of rows per processor. Through the tokenizer, a file of
 * 8 MB or more without quotes or carriage returns is read as two halves at once, the second on the common
 * pool; anything unexpected in either half, and the file is read again on one thread. A file larger than
 * memory is read a block of rows at a time instead, by {@link CsvBlocks}, each block a table of this kind.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    /** The smallest file worth reading in two halves at once (see {@link #readInTwo}). */
    private static final long PARALLEL_BYTES = 1 << 23;

    /** The fewest values worth parsing on more than one thread: below this, starting threads costs more. */
    private static final long PARALLEL_VALUES = 1 << 16;

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

    private CsvTable(String source, List<String> header, Cells cells, IntBlocks lines, char delimiter) {
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
    public static CsvTable read(Path file) {
        return read(file, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Reads a UTF-8 CSV file. A line longer than {@code maxLineLength} characters is refused, naming
     * it, as soon as it is that long, so that a file without line ends (such as {@code /dev/zero}) is
     * never read whole.
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    public static CsvTable read(Path file, int maxLineLength) {
        return read(file, CsvFormat.DEFAULT.withMaxLineLength(maxLineLength));
    }

    /**
     * Reads a UTF-8 CSV file laid out as {@code format} says. A line longer than its
     * {@link CsvFormat#maxLineLength()} is refused, naming it, as soon as it is that long, so that a
     * file without line ends (such as {@code /dev/zero}) is never read whole.
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    public static CsvTable read(Path file, CsvFormat format) {
        return readUtf8(file, format, false);
    }

    /**
     * The header of a file, and the delimiter, read as {@link #read(Path, CsvFormat)} reads them, with the
     * same errors: a table of those columns without rows. Reading stops once the columns are known (after
     * the header line; without a header, after the first line, whose width gives them).
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    static CsvTable readHeader(Path file, CsvFormat format) {
        return readUtf8(file, format, true);
    }

    private static CsvTable readUtf8(Path file, CsvFormat format, boolean headerOnly) {
        try {
            return readText(file, format, headerOnly);
        } catch (DataException e) {
            if (e.getCause() instanceof LineCountingReader.NotUtf8Exception) {
                // The decoder reports bad bytes before handing over the characters in front of them, so
                // the reader's count is behind; a second pass finds the exact place.
                throw notUtf8(file + ":" + Utf8Position.ofFirstBadByte(file), e);
            }
            throw e;
        }
    }

    /** The error for bytes that are not UTF-8 at {@code at}, {@code file:line:column}. */
    static DataException notUtf8(String at, DataException cause) {
        return new DataException(at + ": not UTF-8 text (a byte sequence that is not a UTF-8 character); expected a"
                + " UTF-8 CSV file", cause);
    }

    private static CsvTable readText(Path file, CsvFormat format, boolean headerOnly) {
        long size = sizeOf(file);
        if (!headerOnly && size > 0) {
            Optional<CsvTable> plain = readPlain(file, format, size);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        return readTokenized(file, format, headerOnly, size);
    }

    /**
     * Reads a file as {@link #read(Path, CsvFormat)} does, through the tokenizer alone: the way any file
     * is read that {@link PlainRows} does not read, and the oracle its tests hold it to.
     */
    static CsvTable readTokenized(Path file, CsvFormat format) {
        try {
            return readTokenized(file, format, false, sizeOf(file));
        } catch (DataException e) {
            if (e.getCause() instanceof LineCountingReader.NotUtf8Exception) {
                throw notUtf8(file + ":" + Utf8Position.ofFirstBadByte(file), e);
            }
            throw e;
        }
    }

    /**
     * A plain file's rows split byte by byte ({@link PlainRows}) after its header has been read as any
     * file's is: a file of {@link #PARALLEL_BYTES} or more in one part a processor at once, each part's
     * rows following the one's before. The file must start with its first line (no blank lines before it)
     * and, with a header, that line hold no quote, so that its first line feed ends it.
     *
     * @return the table, or empty when any part is not plain, there are no rows, or the file changed
     *     size, for the tokenizer to read the file and say what is wrong
     */
    static Optional<CsvTable> readPlain(Path file, CsvFormat format, long size) {
        CsvTable columns;
        try {
            columns = readHeader(file, format);
        } catch (DataException e) {
            return Optional.empty(); // the tokenizer finds it again, reading the whole file
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = format.hasHeader() ? rowsStart(channel, size) : 0;
            if (start < 0) {
                return Optional.empty();
            }
            int firstLine = format.hasHeader() ? 2 : 1;
            int processors = Runtime.getRuntime().availableProcessors();
            int parts = size - start >= PARALLEL_BYTES && processors > 1 ? processors : 1;
            long[] bounds = new long[parts + 1];
            bounds[parts] = size;
            for (int p = 1; p < parts; p++) {
                long at = lineStartAfter(channel, Math.max(bounds[p - 1], start + (size - start) * p / parts), size);
                bounds[p] = at < 0 ? size : at;
            }
            bounds[0] = start;
            int width = columns.header.size();
            char delimiter = columns.delimiter;
            if (!PlainRows.splits(delimiter)) {
                return Optional.empty();
            }
            int maxLineLength = format.maxLineLength();
            List<CompletableFuture<Optional<PlainRows.Part>>> rest = new ArrayList<>(parts - 1);
            for (int p = 1; p < parts; p++) {
                long from = bounds[p];
                long to = bounds[p + 1];
                rest.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return PlainRows.read(channel, from, to, width, delimiter, maxLineLength);
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }));
            }
            Optional<PlainRows.Part> first = PlainRows.read(channel, bounds[0], bounds[1], width, delimiter,
                    maxLineLength);
            List<PlainRows.Part> read = new ArrayList<>(parts);
            first.ifPresent(read::add);
            for (CompletableFuture<Optional<PlainRows.Part>> part : rest) {
                part.join().ifPresent(read::add); // every part ends before the channel closes
            }
            if (read.size() != parts || channel.size() != size) {
                return Optional.empty();
            }
            Cells cells = read.get(0).cells();
            IntBlocks lines = new IntBlocks();
            long lineFeeds = firstLine - 1L;
            for (PlainRows.Part part : read) {
                if (part != read.get(0)) {
                    cells.append(part.cells());
                }
                for (int r = 0; r < part.lines().size(); r++) {
                    lines.add(Math.toIntExact(part.lines().get(r) + lineFeeds));
                }
                lineFeeds += part.lineFeeds();
            }
            if (lines.size() == 0) {
                return Optional.empty();
            }
            return Optional.of(new CsvTable(file.toString(), columns.header, cells, lines, delimiter));
        } catch (IOException | DataException | ArithmeticException | CompletionException e) {
            return Optional.empty(); // read again by the tokenizer, which says what the problem is
        }
    }

    /**
     * The rows of a block of a file, {@code [from, to)} from a line's start, split byte by byte as
     * {@link #readPlain} splits a file's; the block's first line is the file's line {@code firstLine}.
     *
     * @return the rows, or empty when the block is not plain or holds no rows, for {@link #readRows} to read
     * @throws IOException when the file cannot be read
     */
    static Optional<CsvTable> readPlainRows(FileChannel channel, long from, long to, String source, CsvFormat format,
                                            List<String> header, char delimiter, int firstLine) throws IOException {
        if (!PlainRows.splits(delimiter)) {
            return Optional.empty();
        }
        Optional<PlainRows.Part> part = PlainRows.read(channel, from, to, header.size(), delimiter,
                format.maxLineLength());
        if (part.isEmpty() || part.get().lines().size() == 0) {
            return Optional.empty();
        }
        IntBlocks relative = part.get().lines();
        IntBlocks lines = new IntBlocks();
        try {
            for (int r = 0; r < relative.size(); r++) {
                lines.add(Math.toIntExact(relative.get(r) + firstLine - 1L));
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.of(new CsvTable(source, header, part.get().cells(), lines, delimiter));
    }

    /**
     * Where the rows start in a file whose first line is a header without quotes, or -1 when the file
     * does not start with it (a blank line first), or it holds a quote or a lone carriage return.
     */
    private static long rowsStart(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        boolean returned = false;
        for (long position = 0; position < size; ) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return -1;
            }
            for (int k = 0; k < n; k++) {
                byte b = buffer.get(k);
                if (b == '"' || position + k == 0 && (b == '\n' || b == '\r') || returned && b != '\n') {
                    return -1; // a lone carriage return ends a line too, before the line feed looked for
                }
                if (b == '\n') {
                    return position + k + 1;
                }
                returned = b == '\r';
            }
            position += n;
        }
        return -1;
    }

    private static CsvTable readTokenized(Path file, CsvFormat format, boolean headerOnly, long size) {
        if (!headerOnly && size >= PARALLEL_BYTES && Runtime.getRuntime().availableProcessors() > 1) {
            Optional<CsvTable> table = readInTwo(file, format, size);
            if (table.isPresent()) {
                return table.get();
            }
        }
        try (Reader reader = utf8(Files.newInputStream(file))) {
            return headerOnly ? read(reader, file.toString(), format, 0, (header, delimiter) -> false, false)
                    : read(reader, file.toString(), format, size, null, true);
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
    public static CsvTable read(Reader reader, String source) throws IOException {
        return read(reader, source, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Reads CSV text; {@code source} names it in error messages, and a line longer than
     * {@code maxLineLength} characters is refused.
     *
     * @throws DataException naming the source, line and column of the first problem
     */
    public static CsvTable read(Reader reader, String source, int maxLineLength) throws IOException {
        return read(reader, source, CsvFormat.DEFAULT.withMaxLineLength(maxLineLength));
    }

    /**
     * Reads CSV text laid out as {@code format} says; {@code source} names it in error messages.
     *
     * @throws DataException naming the source, line and column of the first problem
     */
    public static CsvTable read(Reader reader, String source, CsvFormat format) throws IOException {
        return read(reader, source, format, 0, null, true);
    }

    /** UTF-8 text from {@code bytes}, refusing what is not UTF-8 rather than replacing it. */
    private static Reader utf8(InputStream bytes) {
        return new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * A large file read as two halves at once, split at the first line feed past its middle: the first
     * half as any file is read, on this thread; the rest, from the moment the first half's header (or
     * first row, without a header) gives the columns, on the common fork-join pool, as rows of those
     * columns whose line numbers count from the split; then the rows of the second half follow the
     * first's, their line numbers moved on by the lines before the split. Only a plain file can be split
     * so: a quote may open a value that goes on past line breaks, and a lone carriage return is a line
     * break of its own, so a half holding either byte is not used. Nor is anything after a problem in
     * either half: the file is then read again from the start on one thread, which gives the first
     * problem exactly as it always did. So this gives what reading on one thread gives, or nothing.
     *
     * @return the table, or empty when the file was not split, or a half holds a quote, a carriage
     *     return or any problem
     */
    private static Optional<CsvTable> readInTwo(Path file, CsvFormat format, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long split = lineStartAfter(channel, size / 2, size);
            if (split < 0) {
                return Optional.empty();
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            FileSlice first = new FileSlice(channel, 0, split, cancelled);
            FileSlice second = new FileSlice(channel, split, size, cancelled);
            String source = file.toString();
            List<CompletableFuture<CsvTable>> rest = new ArrayList<>(1);
            CsvTable head;
            try (Reader reader = utf8(first)) {
                head = read(reader, source, format, size, (header, delimiter) -> {
                    rest.add(CompletableFuture.supplyAsync(
                            () -> readRows(second, source, format, header, delimiter, size - split, 1)));
                    return true;
                }, false);
            } catch (DataException | IOException e) {
                cancelled.set(true);
                // the second half stops at its next read; wait for it, whatever its end, before the channel closes
                rest.forEach(half -> half.handle((table, failure) -> table).join());
                return Optional.empty();
            }
            if (rest.isEmpty()) {
                return Optional.empty();
            }
            CsvTable tail = rest.get(0).join();
            if (first.unsafe() || second.unsafe() || !first.whole() || !second.whole() || channel.size() != size
                    || head.rows + (long) tail.rows == 0) {
                return Optional.empty();
            }
            return Optional.of(head.followedBy(tail, first.lineFeeds()));
        } catch (IOException | DataException | CompletionException | ArithmeticException e) {
            return Optional.empty(); // read again on one thread, which says what the problem is
        }
    }

    /** Where the line after the first line feed at or past {@code from} starts, or -1 when no line does. */
    private static long lineStartAfter(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (long position = from; position < size; ) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return -1;
            }
            for (int k = 0; k < n; k++) {
                if (buffer.get(k) == '\n') {
                    long start = position + k + 1;
                    return start < size ? start : -1;
                }
            }
            position += n;
        }
        return -1;
    }

    /**
     * The rows of a slice of a file that starts at a line start outside quoted values, as rows of the
     * columns {@code header} separated by {@code delimiter}: the second half of a file read in two (see
     * {@link #readInTwo}), or a block of one (see {@link CsvBlocks}). The slice's first line is line
     * {@code firstLine} of the file, so that rows and errors name the file's own lines.
     *
     * @param size the slice's size in bytes, as a hint for how much text its cells hold
     * @throws DataException naming the file, line and column of the first problem; for bytes that are not
     *     UTF-8, caused by a {@link LineCountingReader.NotUtf8Exception}, whose line may be short of theirs
     * @throws UncheckedIOException when the slice cannot be read
     */
    static CsvTable readRows(FileSlice slice, String source, CsvFormat format, List<String> header,
                             char delimiter, long size, int firstLine) {
        int maxLineLength = format.maxLineLength();
        try (Reader reader = new LineCountingReader(utf8(slice), maxLineLength, firstLine)) {
            return parse(reader, source, format.hasHeader(), delimiter, size, header, null, false, firstLine - 1);
        } catch (LineCountingReader.LineTooLongException e) {
            throw tooLong(source, e, maxLineLength);
        } catch (LineCountingReader.NotUtf8Exception e) {
            throw notUtf8(source, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataException tooLong(String source, LineCountingReader.LineTooLongException e, int maxLineLength) {
        return new DataException(source + ":" + e.line() + ": a line longer than " + maxLineLength + " characters;"
                + " expected CSV lines of at most " + maxLineLength + " characters (the command's --max-line-length"
                + " raises the limit)");
    }

    private static DataException notUtf8(String source, LineCountingReader.NotUtf8Exception e) {
        return new DataException(source + ":" + e.line() + ": not UTF-8 text (" + e.reason()
                + "); expected a UTF-8 CSV file", e);
    }

    /** This table's rows followed by {@code rest}'s, whose line numbers are moved on by {@code lines}. */
    private CsvTable followedBy(CsvTable rest, long lines) {
        cells.append(rest.cells);
        for (int r = 0; r < rest.rows; r++) {
            this.lines.add(Math.toIntExact(rest.lines.get(r) + lines));
        }
        return new CsvTable(source, header, cells, this.lines, delimiter);
    }

    /**
     * The size of a file in bytes, as a hint for how much text its cells hold, or 0 when unknown (a device
     * or a pipe, whose size says nothing, is 0 too).
     */
    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Reads as {@link #read(Reader, String, CsvFormat)} does, with the text's size in bytes if known, else
     * 0; telling {@code onColumns}, unless null, the columns and the delimiter as soon as they are known;
     * refusing a table without rows only when {@code rowsRequired}.
     */
    private static CsvTable read(Reader reader, String source, CsvFormat format, long size, Columns onColumns,
                                 boolean rowsRequired) throws IOException {
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
            return parse(text, source, format.hasHeader(), delimiter, size, null, onColumns, rowsRequired, 0);
        } catch (LineCountingReader.LineTooLongException e) {
            throw tooLong(source, e, maxLineLength);
        } catch (LineCountingReader.NotUtf8Exception e) {
            throw notUtf8(source, e);
        }
    }

    /** Told the columns of a table and their delimiter as soon as they are known. */
    private interface Columns {
        /** @return whether to read on; false ends the table there, without rows */
        boolean known(List<String> header, char delimiter);
    }

    /**
     * The table in {@code text}, whose columns are {@code knownHeader} when it is not null (the text is
     * then rows alone), else its first line's; see {@link #read(Reader, String, CsvFormat, long, Columns, boolean)}.
     * The text's line n is the source's line n + {@code lineOffset}, for the rows and errors.
     */
    private static CsvTable parse(Reader text, String source, boolean hasHeader, char delimiter, long size,
                                  List<String> knownHeader, Columns onColumns, boolean rowsRequired, int lineOffset)
            throws IOException {
        try (CsvParser parser = (CsvParser) MAPPER.createParser(text)) {
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            String separated = CsvDelimiter.separatedBy(delimiter);
            List<String> header = knownHeader;
            Cells cells = knownHeader == null ? null : new Cells(knownHeader.size(), size);
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
                        rowLine = parser.currentTokenLocation().getLineNr() + lineOffset;
                    }
                    // Values past the header's width are counted for the message, never kept.
                    if (++rowCells <= header.size()) {
                        // getText is the String the decoder made; getTextCharacters would copy it into a new array
                        cells.add(parser.getText());
                    }
                } else if (token == JsonToken.END_ARRAY) {
                    if (depth-- != 2) {
                        continue;
                    }
                    if (header == null) {
                        if (hasHeader) {
                            header = header(names, places, source, delimiter);
                            cells = new Cells(header.size(), size);
                            if (onColumns != null && !onColumns.known(header, delimiter)) {
                                return new CsvTable(source, header, cells, lines, delimiter);
                            }
                            continue;
                        }
                        // No header: the first line is the first row, and its width names the columns.
                        header = numbered(names.size());
                        cells = new Cells(header.size(), size);
                        if (onColumns != null && !onColumns.known(header, delimiter)) {
                            return new CsvTable(source, header, cells, lines, delimiter);
                        }
                        names.forEach(cells::add);
                        rowCells = names.size();
                        rowLine = places.get(0).getLineNr() + lineOffset;
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
            if (lines.size() == 0 && rowsRequired) {
                throw noRows(source);
            }
            return new CsvTable(source, header, cells, lines, delimiter);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataException(source + (at == null ? "" : ":" + (at.getLineNr() + lineOffset) + ":" + at.getColumnNr())
                    + ": malformed CSV (" + Excerpt.line(e.getOriginalMessage()) + ")", e);
        }
    }

    /** The error for a file with a header line and no rows under it. */
    static DataException noRows(String source) {
        return new DataException(source + ": has a header but no rows; expected at least one row of numbers");
    }

    /** The names of the columns of a file without a header line: c1, c2, … */
    private static List<String> numbered(int width) {
        List<String> names = new ArrayList<>(width);
        for (int c = 1; c <= width; c++) {
            names.add(COLUMN_PREFIX + c);
        }
        return names;
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
    static String listed(List<String> names) {
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
            if (!cell.isEmpty() && !Decimal.matches(cell)) {
                return false;
            }
            number |= !cell.isEmpty();
        }
        return number;
    }

    /** The cell at a row and column as a finite number, or an error naming its line and column. */
    double number(int row, int column) {
        double plain = cells.plainValue(row, column);
        if (!Double.isNaN(plain)) { // the common cell, checked and parsed in one pass; always finite
            return plain;
        }
        // Double.parseDouble alone would also take Java's "1d", "2f" and hexadecimal "0x1p3".
        if (!cells.isNumber(row, column)) {
            throw new DataException(where(row, column) + ": found " + Excerpt.quote(cells.get(row, column))
                    + "; expected a number");
        }
        double value = cells.value(row, column);
        if (!Double.isFinite(value)) {
            String cell = cells.get(row, column);
            throw new DataException(where(row, column) + ": found " + (cell.length() <= Excerpt.MAX_QUOTED ? cell
                    : Excerpt.quote(cell)) + "; expected a finite number");
        }
        return value;
    }

    /** The text of the cell at a row and column. */
    String cell(int row, int column) {
        return cells.get(row, column);
    }

    /** A cell's place as errors name it: {@code file:line:column (name)}. */
    String where(int row, int column) {
        return source + ":" + lines.get(row) + ":" + (column + 1) + " (" + header.get(column) + ")";
    }

    /** The first row whose cell in the column is a class name rather than a number, or -1 when there is none. */
    int firstClassName(int column) {
        for (int r = 0; r < rows; r++) {
            // An empty cell is a missing value, never a class; it is refused where it is parsed.
            if (!cells.isEmpty(r, column) && !cells.isNumber(r, column)) {
                return r;
            }
        }
        return -1;
    }

    /** The character between the values of a line. */
    char delimiter() {
        return delimiter;
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
        return toLabelledData(columns(spec, featureNames, targetNames, targetsRequired), spec, targetsRequired, known,
                false);
    }

    /**
     * The feature and target columns {@link #toLabelledData} takes for these names.
     *
     * @throws DataException as {@link #toLabelledData} does for names that do not fit the header or the network
     */
    ColumnChoice columns(NetworkSpec spec, List<String> featureNames, List<String> targetNames, boolean targetsRequired) {
        return ColumnChoice.of(source, header, CsvDelimiter.separatedBy(delimiter), spec, featureNames, targetNames,
                targetsRequired);
    }

    /**
     * {@link #toLabelledData} for columns already chosen. With {@code classColumn}, a single target
     * column is a class column whatever its cells hold, numbers included: a block of a file whose
     * column is a class column elsewhere, read with the file's classes.
     */
    LabelledData toLabelledData(ColumnChoice columns, NetworkSpec spec, boolean targetsRequired,
                                Optional<ClassLabels> known, boolean classColumn) {
        List<Integer> features = columns.features();
        List<Integer> targets = columns.targets();
        int n = rows;
        double[] f = numbers(features);
        int classes = classColumn && targets.size() == 1 ? targets.get(0) : classColumn(columns);
        if (classes < 0) {
            columns.checkNumericTargets(spec, targetsRequired);
        }
        return classes >= 0 ? classData(n, features.size(), f, spec, classes, known) : new LabelledData(
                DataSet.adopting(n, features.size(), f, targets.size(), numbers(targets)), Optional.empty());
    }

    /**
     * The class column among {@code targets}: the one with a cell that is not a number; -1 when there is none.
     *
     * @throws DataException when there are several target columns and one holds a class name
     */
    private int classColumn(ColumnChoice columns) {
        List<Integer> targets = columns.targets();
        int classColumn = -1;
        for (int c : targets) {
            int row = firstClassName(c);
            if (row >= 0 && targets.size() > 1) {
                throw columns.classNameAmongTargets(where(row, c), cells.get(row, c));
            }
            if (row >= 0) {
                classColumn = c;
            }
        }
        return classColumn;
    }

    /** The error for a class name in a block of a file whose first block has numbers in that target column. */
    DataException classNameAmongNumbers(int row, int column) {
        return new DataException(where(row, column) + ": found " + Excerpt.quote(cells.get(row, column)) + ", a class"
                + " name, in a target column of numbers in the file's first block; expected numbers, or the classes"
                + " named (--classes) to read a class column whose first block holds none, in blocks");
    }

    /** The rows with one-hot (or, for one output, 0 or 1) targets for the class names of {@code classColumn}. */
    private LabelledData classData(int n, int featureCount, double[] f, NetworkSpec spec, int classColumn,
                                   Optional<ClassLabels> known) {
        ClassLabels classes = known.isPresent() ? known.get() : foundClasses(spec.outputs(), classColumn);
        return new LabelledData(DataSet.adopting(n, featureCount, f, spec.outputs(),
                classTargets(classes, spec.outputs(), classColumn)), Optional.of(classes));
    }

    /**
     * The cells of {@code columns} as finite numbers, row after row, or the error {@link #number} gives
     * for the first cell in that order that is not one. A large table is parsed in runs of rows on the
     * common fork-join pool, one per processor: each run stops at its first bad cell, and the error of
     * the earliest run that had one is the first error in the table, the one a single pass would give.
     */
    double[] numbers(List<Integer> columns) {
        int width = columns.size();
        double[] values = new double[values(rows, width)];
        int[] at = columns.stream().mapToInt(Integer::intValue).toArray();
        int runs = (long) rows * width < PARALLEL_VALUES ? 1
                : Math.min(rows, Math.max(1, Runtime.getRuntime().availableProcessors()));
        if (runs == 1) {
            numbers(values, at, 0, rows);
            return values;
        }
        DataException[] failures = new DataException[runs];
        IntStream.range(0, runs).parallel().forEach(run -> {
            try {
                numbers(values, at, (int) ((long) rows * run / runs), (int) ((long) rows * (run + 1) / runs));
            } catch (DataException e) {
                failures[run] = e;
            }
        });
        for (DataException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return values;
    }

    private void numbers(double[] values, int[] columns, int fromRow, int toRow) {
        int width = columns.length;
        for (int r = fromRow; r < toRow; r++) {
            for (int c = 0; c < width; c++) {
                values[r * width + c] = number(r, columns[c]);
            }
        }
    }

    /** The classes of a class column in sorted order, when their number fits the network. */
    private ClassLabels foundClasses(int outputs, int column) {
        FoundClasses found = new FoundClasses(outputs);
        findClasses(column, found);
        return found.classes(columnName(column));
    }

    /** Gives {@code found} the cells of a column, row after row, until it has met a problem. */
    private void findClasses(int column, FoundClasses found) {
        for (int r = 0; r < rows && !found.settled(); r++) {
            int row = r;
            found.add(cells.get(r, column), () -> where(row, column));
        }
    }

    /** A column as errors name it: {@code file: column 3 (name)}. */
    String columnName(int column) {
        return source + ": column " + (column + 1) + " (" + header.get(column) + ")";
    }

    private double[] classTargets(ClassLabels classes, int outputs, int column) {
        if (!classes.fits(outputs)) {
            throw new DataException(columnName(column) + ": the classes "
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

    void checkClassName(String cell, int row, int column) {
        if (cell.isEmpty()) {
            throw FoundClasses.emptyName(where(row, column));
        }
    }
}
