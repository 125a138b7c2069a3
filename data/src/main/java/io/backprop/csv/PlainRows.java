package io.backprop.csv;

import io.backprop.error.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * The rows of a part of a plain CSV file, split into cells byte by byte: the fast way through the files
 * most data comes in, beside the tokenizer that reads any CSV file.
 *
 * <p>A part is plain when it is ASCII without quotes or control characters other than the delimiter
 * and its line ends, which are line feeds, each perhaps after a carriage return; when each of its lines
 * is blank or holds as many values as the header has columns; and when no line is near the longest line
 * allowed. In such text, a cell is the bytes between two delimiters less the spaces around them (trimmed
 * as the tokenizer trims them; a line of spaces alone is not plain), with nothing to decode or unquote,
 * and a line's number is one more than the line feeds before it. Anything else, and the part is not read
 * here at all ({@link Optional#empty()}), so the tokenizer reads the file and says what is wrong, exactly
 * as it always did: what this reads is what the tokenizer reads, or nothing ({@code PlainRowsTest} holds
 * the two to that on random files).
 */
final class PlainRows {
    private static final int BUFFER = 1 << 18;

    /** The cells of a part's rows, with each row's line counted from the part's first line as 1. */
    record Part(Cells cells, IntBlocks lines, long lineFeeds) { }

    private PlainRows() { }

    /**
     * Whether a delimiter is one byte that is neither trimmed nor quoted with, so that a plain file's
     * values are exactly the bytes between delimiters.
     */
    static boolean splits(char delimiter) {
        return delimiter == '\t' || delimiter > ' ' && delimiter < 0x7F && delimiter != '"';
    }

    /**
     * The rows of {@code [from, to)} of the file, a part that starts at a line's start, as cells of
     * {@code width} columns separated by {@code delimiter}, or empty when the part is not plain.
     *
     * @throws IOException when the file cannot be read
     */
    static Optional<Part> read(FileChannel channel, long from, long to, int width, char delimiter,
                               int maxLineLength) throws IOException {
        Cells cells = new Cells(width, to - from);
        IntBlocks lines = new IntBlocks();
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, to - from))];
        byte separator = (byte) delimiter;
        // A line within a few characters of the limit is left to the tokenizer, which counts as it always has.
        long longest = maxLineLength - 2L;
        int line = 1; // of the part
        long lineStart = from;
        int values = 0; // cells ended on this line
        boolean returned = false; // the last byte was a carriage return, so the next must be a line feed
        boolean spaced = false; // the line holds a space
        int write = 0; // where the cell's next byte goes in the text
        int trailing = 0; // spaces at the end of the cell's text so far, trimmed if it ends there
        try {
            for (long position = from; position < to; ) {
                int n = channel.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, to - position)),
                        position);
                if (n <= 0) {
                    return Optional.empty(); // the file has shrunk
                }
                byte[] text = cells.room(write - cells.length() + n);
                for (int k = 0; k < n; k++) {
                    byte b = buffer[k];
                    if (b > ' ' && b != '"' && b != separator && !returned) { // the common byte: part of a value
                        text[write++] = b;
                        trailing = 0;
                    } else if (b == separator && !returned) {
                        cells.endAt(write - trailing);
                        write -= trailing;
                        trailing = 0;
                        values++;
                    } else if (b == ' ' && !returned) {
                        // spaces around a value are trimmed, as the tokenizer trims them; inside it they stay
                        spaced = true;
                        if (write > cells.length()) {
                            text[write++] = b;
                            trailing++;
                        }
                    } else if (b == '\n') {
                        if (position + k - lineStart > longest) {
                            return Optional.empty();
                        }
                        write -= trailing;
                        trailing = 0;
                        if (values > 0 || write > cells.length()) {
                            if (++values != width) {
                                return Optional.empty();
                            }
                            cells.endAt(write);
                            lines.add(line);
                        } else if (spaced) {
                            return Optional.empty(); // a line of spaces alone: left to the tokenizer
                        }
                        line++;
                        lineStart = position + k + 1;
                        values = 0;
                        returned = false;
                        spaced = false;
                    } else if (b == '\r' && !returned) {
                        returned = true;
                    } else {
                        // a lone carriage return, a quote, a byte past ASCII, a tab that does not separate,
                        // or another control character
                        return Optional.empty();
                    }
                }
                position += n;
                if (position - lineStart > longest) {
                    return Optional.empty();
                }
            }
            write -= trailing;
            if (returned || spaced && values == 0 && write == cells.length()) {
                return Optional.empty();
            }
            if (values > 0 || write > cells.length()) { // the file's last line, without a line feed
                if (++values != width) {
                    return Optional.empty();
                }
                cells.endAt(write);
                lines.add(line);
            }
        } catch (DataException tooMany) {
            return Optional.empty(); // the tokenizer reaches the same limit and says so
        }
        return Optional.of(new Part(cells, lines, line - 1));
    }
}
