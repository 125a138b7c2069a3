package io.backprop.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * A reader that knows the line and column it has reached, so that a line that never ends and bytes
 * that are not UTF-8 can be reported where they are: it refuses a line longer than its limit as
 * soon as the line is that long, and turns a decoding error into one that names the line and column.
 */
final class LineCountingReader extends Reader {
    private final Reader in;
    private final int maxLineLength;
    private int line;
    private int column; // characters read on the current line

    LineCountingReader(Reader in, int maxLineLength) {
        this(in, maxLineLength, 1);
    }

    /** A reader of text whose first line is line {@code firstLine} of the file: a slice of it. */
    LineCountingReader(Reader in, int maxLineLength, int firstLine) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength: found " + maxLineLength + "; expected at least 1");
        }
        this.in = in;
        this.maxLineLength = maxLineLength;
        this.line = firstLine;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = in.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
            // The decoder may report bad bytes before handing over the characters in front of them: the
            // line is where the reader had got to, at or before the bad bytes.
            throw new NotUtf8Exception(line, e.getMessage() == null ? "" : e.getMessage());
        }
        int end = offset + Math.max(read, 0);
        for (int k = offset; k < end; ) {
            // a run up to the next line feed, counted whole: one comparison a character
            int run = k;
            while (run < end && buffer[run] != '\n') {
                run++;
            }
            column += run - k;
            if (column > maxLineLength) {
                throw new LineTooLongException(line);
            }
            if (run < end) {
                line++;
                column = 0;
                run++;
            }
            k = run;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A line longer than the limit; {@link #line()} is its number, from 1. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        LineTooLongException(int line) {
            super("line " + line + " is too long");
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** Bytes that are not UTF-8, on or after a line (from 1). */
    static final class NotUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        NotUtf8Exception(int line, String detail) {
            super(detail);
            this.line = line;
        }

        int line() {
            return line;
        }

        /** What the decoder found, in words: Java says "Input length = 1". */
        String reason() {
            return "a byte sequence that is not a UTF-8 character";
        }
    }
}
