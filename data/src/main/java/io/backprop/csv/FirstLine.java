package io.backprop.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * The first line of a CSV text that has content, read ahead to find its delimiter, with how often
 * each of the delimiters {@link CsvDelimiter} considers appears in it outside quoted values; and a
 * reader that gives the whole text back, so that the parser's line numbers are those of the file.
 *
 * <p>The blank lines before it (spaces and line breaks, which the parser skips) are not kept but
 * counted, line breaks as the parser counts them ({@code \r\n} once, a lone {@code \r} or
 * {@code \n} once), and given back as that many {@code \n}: a file of a billion blank lines costs
 * nothing. What is read after them is kept, at most about {@code maxChars} characters.
 */
final class FirstLine {
    private static final int CHUNK = 8192;

    private final Reader rest;
    private final int breaks;
    private final int spaces;
    private final StringBuilder read;
    private final int end;
    private final int[] counts;

    private FirstLine(Reader rest, int breaks, int spaces, StringBuilder read, int end, int[] counts) {
        this.rest = rest;
        this.breaks = breaks;
        this.spaces = spaces;
        this.read = read;
        this.end = end;
        this.counts = counts;
    }

    /**
     * Reads {@code in} up to the end of its first line with content, or {@code maxChars} characters
     * into it when a quoted value goes on past line breaks.
     */
    static FirstLine read(Reader in, int maxChars) throws IOException {
        Scanner scanner = new Scanner();
        char[] chunk = new char[CHUNK];
        StringBuilder read = new StringBuilder();
        int breaks = 0;
        int spaces = 0;
        boolean afterCr = false;
        boolean content = false;
        while (scanner.end < 0 && read.length() < maxChars) {
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                break;
            }
            int k = 0;
            for (; !content && k < n; k++) {
                char c = chunk[k];
                if (c == ' ') {
                    spaces++;
                    afterCr = false;
                } else if (c == '\r' || c == '\n') {
                    if (!(c == '\n' && afterCr)) {
                        breaks++;
                    }
                    spaces = 0;
                    afterCr = c == '\r';
                } else {
                    content = true;
                    k--;
                }
            }
            if (content) {
                int from = read.length();
                read.append(chunk, k, n - k);
                scanner.scan(read, from);
            }
        }
        int end = scanner.end >= 0 ? scanner.end : read.length();
        return new FirstLine(in, breaks, spaces, read, end, scanner.counts);
    }

    /** The line, without its line break; empty when the text has no content. */
    String text() {
        return read.substring(0, end);
    }

    /** Its number in the text, from 1, as the parser counts lines. */
    int number() {
        return breaks + 1;
    }

    /** How often {@code delimiter}, one of {@link CsvDelimiter#CANDIDATES}, appears in the line outside quoted values. */
    int count(char delimiter) {
        return counts[CsvDelimiter.CANDIDATES.indexOf(delimiter)];
    }

    /** The whole text again: the line breaks before the line, the spaces before it, what was read, then the rest. */
    Reader replay() {
        return new Reader() {
            private int breaksLeft = breaks;
            private int spacesLeft = spaces;
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                int n = 0;
                while (n < length && breaksLeft > 0) {
                    buffer[offset + n++] = '\n';
                    breaksLeft--;
                }
                while (n < length && spacesLeft > 0) {
                    buffer[offset + n++] = ' ';
                    spacesLeft--;
                }
                int kept = Math.min(length - n, read.length() - at);
                read.getChars(at, at + kept, buffer, offset + n);
                at += kept;
                n += kept;
                if (n > 0) {
                    return n;
                }
                return rest.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                rest.close();
            }
        };
    }

    /**
     * Finds where the line ends and counts the delimiters outside quoted values, as the parser reads
     * them: a quote opens a value only where a value starts (after a delimiter and spaces), two
     * quotes in a quoted value are one, and line breaks inside it do not end the line.
     */
    private static final class Scanner {
        final int[] counts = new int[CsvDelimiter.CANDIDATES.length()];
        int end = -1;
        private boolean valueStart = true;
        private boolean quoted;
        private boolean quoteInQuoted;

        void scan(CharSequence text, int from) {
            for (int k = from; k < text.length() && end < 0; k++) {
                char c = text.charAt(k);
                if (quoted) {
                    if (!quoteInQuoted) {
                        quoteInQuoted = c == '"';
                        continue;
                    }
                    quoteInQuoted = false;
                    if (c == '"') {
                        continue;
                    }
                    quoted = false;
                }
                int candidate = CsvDelimiter.CANDIDATES.indexOf(c);
                if (c == '\r' || c == '\n') {
                    end = k;
                } else if (candidate >= 0) {
                    counts[candidate]++;
                    valueStart = true;
                } else if (c == '"' && valueStart) {
                    quoted = true;
                    valueStart = false;
                } else if (c != ' ') {
                    valueStart = false;
                }
            }
        }
    }
}
