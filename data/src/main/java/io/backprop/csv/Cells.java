package io.backprop.csv;

import io.backprop.error.DataException;
import java.util.Arrays;

/**
 * Every cell's text, one after another, with where each ends: a few bytes a cell rather than a String
 * each. The text is kept as bytes, one a character for ASCII (so a file of numbers costs about its
 * size), which {@link Decimal} checks and parses in place: a character from U+0080 up takes two or
 * three bytes, each UTF-16 unit on its own as in Java's modified UTF-8, so that any text, lone
 * surrogates included, comes back exactly as it went in.
 */
final class Cells {
    private static final int MAX = Integer.MAX_VALUE - 8;
    private static final int PRESIZE = 1 << 26;
    private final int width;
    private byte[] text;
    private int length;
    private final IntBlocks ends = new IntBlocks();

    /**
     * @param size the file's size in bytes, or 0: the cells of an ASCII file hold fewer bytes than it
     *     (no delimiters or line breaks), so the text starts that large, up to {@link #PRESIZE}, and a
     *     file of that size never grows it by doubling and copying what it holds (10% of the time to
     *     read the 45 MB benchmark file). The cap bounds what a file of mostly blank lines, whose size
     *     says little about its cells, can make the reader hold for nothing.
     */
    Cells(int width, long size) {
        this.width = width;
        this.text = new byte[(int) Math.max(256, Math.min(size, PRESIZE))];
    }

    /** @throws DataException past the most values or bytes of text one table holds */
    void add(String cell) {
        int count = cell.length();
        if (ends.size() == MAX || length > MAX - 3L * count) {
            throw new DataException("found more than " + ends.size() + " values (" + length
                    + " bytes of text); expected fewer in one table");
        }
        if (text.length - length < 3 * count) {
            // doubling, as StringBuilder grew before, up to the most an array holds
            text = Arrays.copyOf(text, (int) Math.min(MAX, Math.max(length + 3L * count,
                    2L * text.length)));
        }
        byte[] bytes = text;
        int n = length;
        for (int k = 0; k < count; k++) {
            char c = cell.charAt(k);
            if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else if (c < 0x800) {
                bytes[n++] = (byte) (0xC0 | c >> 6);
                bytes[n++] = (byte) (0x80 | c & 0x3F);
            } else {
                bytes[n++] = (byte) (0xE0 | c >> 12);
                bytes[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        length = n;
        ends.add(n);
    }

    /**
     * The text's array with room for {@code more} bytes past its end, for a reader that writes a plain
     * ASCII cell's bytes in place ({@link PlainRows}) and then marks its end with {@link #endAt}.
     *
     * @throws DataException past the most bytes of text one table holds
     */
    byte[] room(int more) {
        if (length > MAX - more) {
            throw new DataException("found more than " + ends.size() + " values (" + length
                    + " bytes of text); expected fewer in one table");
        }
        if (text.length - length < more) {
            text = Arrays.copyOf(text, (int) Math.min(MAX, Math.max(length + (long) more, 2L * text.length)));
        }
        return text;
    }

    /**
     * Ends a cell whose bytes were written in place, up to {@code end}, into the array {@link #room} gave.
     *
     * @throws DataException past the most values one table holds
     */
    void endAt(int end) {
        if (ends.size() == MAX) {
            throw new DataException("found more than " + ends.size() + " values (" + length
                    + " bytes of text); expected fewer in one table");
        }
        length = end;
        ends.add(end);
    }

    /** Where the last cell's text ends: the text's length. */
    int length() {
        return length;
    }

    /** The number of cells held. */
    int count() {
        return ends.size();
    }

    String get(int row, int column) {
        int index = row * width + column;
        int from = start(index);
        int to = ends.get(index);
        char[] characters = new char[to - from];
        int n = 0;
        for (int k = from; k < to; n++) {
            int b = text[k] & 0xFF;
            if (b < 0x80) {
                characters[n] = (char) b;
                k++;
            } else if (b < 0xE0) {
                characters[n] = (char) ((b & 0x1F) << 6 | text[k + 1] & 0x3F);
                k += 2;
            } else {
                characters[n] = (char) ((b & 0x0F) << 12 | (text[k + 1] & 0x3F) << 6 | text[k + 2] & 0x3F);
                k += 3;
            }
        }
        return new String(characters, 0, n);
    }

    /**
     * Where the cells of row {@code row} start and end in the text: cell c is {@code [bounds[c],
     * bounds[c + 1])}. One copy of the row's ends, so that a row's numbers are parsed without looking
     * each cell's two ends up in the blocks (84 ms to 54 ms for the benchmark file's numbers on one core).
     */
    void rowBounds(int row, int[] bounds) {
        int first = row * width;
        bounds[0] = start(first);
        ends.copy(first, first + width, bounds, 1);
    }

    /** The value of the plain decimal {@code text[from, to)}, else NaN: see {@link Decimal#plain}. */
    double plainValueBetween(int from, int to) {
        return Decimal.plain(text, from, to);
    }

    /** Whether the cell is a number as {@link Decimal} says, read in place rather than copied out. */
    boolean isNumber(int row, int column) {
        int index = row * width + column;
        return Decimal.matches(text, start(index), ends.get(index));
    }

    /** The value of a cell that is a plain decimal of at most 15 digits, else NaN: see {@link Decimal#plain}. */
    double plainValue(int row, int column) {
        int index = row * width + column;
        return Decimal.plain(text, start(index), ends.get(index));
    }

    /** The value of a cell that {@link #isNumber} accepts. */
    double value(int row, int column) {
        int index = row * width + column;
        return Decimal.parse(text, start(index), ends.get(index));
    }

    boolean isEmpty(int row, int column) {
        int index = row * width + column;
        return start(index) == ends.get(index);
    }

    /** Appends every cell of {@code rest}, whose width is this one's. */
    void append(Cells rest) {
        if (ends.size() > MAX - rest.ends.size() || length > MAX - rest.length) {
            throw new DataException("found more than " + ends.size() + " values (" + length
                    + " bytes of text); expected fewer in one table");
        }
        if (text.length - length < rest.length) {
            text = Arrays.copyOf(text, length + rest.length);
        }
        System.arraycopy(rest.text, 0, text, length, rest.length);
        for (int k = 0; k < rest.ends.size(); k++) {
            ends.add(length + rest.ends.get(k));
        }
        length += rest.length;
    }

    private int start(int index) {
        return index == 0 ? 0 : ends.get(index - 1);
    }
}
