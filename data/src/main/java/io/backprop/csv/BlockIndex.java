package io.backprop.csv;

import io.backprop.error.DataException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each block of a CSV file's rows starts, and the number of its first line, found in one pass over
 * the file's bytes that parses nothing: a long and an int a block.
 *
 * <p>A block ends at a line start at least {@code blockBytes} past its own start, the first such line start
 * outside quoted values, so that it holds whole rows; the last block runs to the end of the file. A block
 * holds at least one byte other than a space or a line break, so that it holds a row (the parser skips
 * lines of spaces): blank lines at the end of the file belong to the block before them. The lines are
 * counted as the parser counts them, a line feed inside a quoted value included, so that a block's rows
 * and errors carry the file's line numbers.
 *
 * <p>The pass reads the bytes as the parser reads the characters: a quote opens a quoted value only where a
 * value starts (at the start of a line or after the delimiter, past spaces and control characters), two
 * quotes in a quoted value are one, and a quote elsewhere is text. A carriage return without a line feed
 * after it is a line break of its own to the parser but not to the line-length limit, which counts line
 * feeds; a file holding one is refused rather than cut where the two would not agree. Eight bytes are
 * looked at at once where no quote or carriage return is among them, which is nearly everywhere in a file
 * of numbers.
 */
final class BlockIndex {
    private static final int PREFIX = 8; // the bytes before a buffer's, kept to match a delimiter of up to 3 bytes
    private static final int BUFFER = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    private final long[] starts;
    private final int[] firstLines;
    private final long size;

    private BlockIndex(long[] starts, int[] firstLines, long size) {
        this.starts = starts;
        this.firstLines = firstLines;
        this.size = size;
    }

    /**
     * The blocks of the rows of a file of {@code size} bytes: after its header line when it has one.
     *
     * @param delimiter the delimiter between values, as the header read found or the format gave it
     * @param header whether the first line with content is a header line rather than a row
     * @throws DataException naming the file and line of a carriage return without a line feed, or when the
     *     file is shorter than {@code size}
     */
    static BlockIndex scan(FileChannel channel, long size, String source, char delimiter, boolean header,
                           long blockBytes) throws IOException {
        return new Scanner(channel, size, source, delimiter, blockBytes).run(header);
    }

    /** The number of blocks; 0 when the file holds no rows. */
    int count() {
        return starts.length;
    }

    /** Where block {@code block} starts in the file, in bytes. */
    long start(int block) {
        return starts[block];
    }

    /** Where block {@code block} ends: where the next starts, or the end of the file. */
    long end(int block) {
        return block + 1 < starts.length ? starts[block + 1] : size;
    }

    /** The number in the file, from 1, of the line block {@code block} starts with. */
    int firstLine(int block) {
        return firstLines[block];
    }

    /** The file's size when it was scanned. */
    long size() {
        return size;
    }

    /** The bytes whose high bit is set where a byte of {@code word} is {@code c}, exactly (no false matches). */
    private static long bytesEqual(long word, int c) {
        long x = word ^ (c * ONES);
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** The pass over the bytes: where it is in a buffer, in or out of a quoted value, and the blocks so far. */
    private static final class Scanner {
        private final FileChannel channel;
        private final long size;
        private final String source;
        private final byte[] delimiter;
        private final long blockBytes;
        private final byte[] buffer = new byte[PREFIX + BUFFER];
        private long[] starts = new long[16];
        private int[] lines = new int[16];
        private int count;
        private long position; // the file offset of buffer[PREFIX]
        private long breaks; // line breaks before the byte being looked at
        private long blockStart;
        private long threshold; // the bytes the block must have before it may end
        private boolean content; // whether the block has a byte other than a space or a line break
        private boolean quoted;
        private boolean afterQuote; // a quote in a quoted value: its end, or the first of two
        private boolean pendingCr;
        private boolean startValueBefore = true; // whether a value starts at buffer[PREFIX], as far as spaces go

        Scanner(FileChannel channel, long size, String source, char delimiter, long blockBytes) {
            this.channel = channel;
            this.size = size;
            this.source = source;
            // A lone surrogate is no UTF-8 character: such a delimiter matches nothing in a UTF-8 file.
            this.delimiter = Character.isSurrogate(delimiter) ? new byte[0]
                    : String.valueOf(delimiter).getBytes(StandardCharsets.UTF_8);
            this.blockBytes = blockBytes;
        }

        BlockIndex run(boolean header) throws IOException {
            Arrays.fill(buffer, 0, PREFIX, (byte) '\n');
            // The header line is a block of its own, ended at its line break, then left out.
            threshold = header ? 1 : blockBytes;
            begin(0);
            while (position < size) {
                int n = channel.read(ByteBuffer.wrap(buffer, PREFIX, (int) Math.min(BUFFER, size - position)), position);
                if (n <= 0) {
                    throw new DataException(source + ": ended after " + position + " bytes while being read; expected "
                            + size + " bytes, unchanged while it is read");
                }
                scan(PREFIX + n);
                startValueBefore = !quoted && valueStartsAt(PREFIX + n);
                System.arraycopy(buffer, n, buffer, 0, PREFIX);
                position += n;
            }
            if (!content) {
                count--; // blank lines to the end: part of the block before
            }
            int first = header ? Math.min(1, count) : 0;
            return new BlockIndex(Arrays.copyOfRange(starts, first, count), Arrays.copyOfRange(lines, first, count),
                    size);
        }

        private void scan(int end) {
            int k = PREFIX;
            while (k < end) {
                if ((quoted || content) && !afterQuote && !pendingCr) {
                    k = skip(k, end);
                    if (k >= end) {
                        break;
                    }
                }
                k = step(k);
            }
        }

        /**
         * Skips the bytes from {@code k} on, 8 at a time, while they hold no quote and no carriage return
         * and no line start among them may end the block, counting their line feeds; returns where the byte
         * by byte reading goes on.
         */
        private int skip(int k, int end) {
            // the first k at which a line start in k's 8 bytes may end the block
            long mayEnd = quoted || threshold > size ? Long.MAX_VALUE : blockStart + threshold - position + PREFIX - 8;
            long feeds = 0;
            int last = end - 8;
            while (k <= last) {
                long word = (long) LONGS.get(buffer, k);
                // Digits, signs, points and the usual delimiters are above '"': most words need no closer look.
                if (((word - ONES * ('"' + 1)) & ~word & HIGH) != 0) {
                    if ((bytesEqual(word, '"') | bytesEqual(word, '\r')) != 0) {
                        break;
                    }
                    long lineFeeds = bytesEqual(word, '\n');
                    if (lineFeeds != 0 && k >= mayEnd) {
                        break;
                    }
                    feeds += Long.bitCount(lineFeeds);
                }
                k += 8;
            }
            breaks += feeds;
            return k;
        }

        /** Reads the byte at {@code k}; returns where the next byte to read is. */
        private int step(int k) {
            int b = buffer[k] & 0xFF;
            if (pendingCr) {
                pendingCr = false;
                if (b != '\n') {
                    throw new DataException(source + ":" + (breaks + 1) + ": a carriage return without a line feed after"
                            + " it ends the line; expected lines that end in a line feed (\\n or \\r\\n) to read the file"
                            + " in blocks: change its line ends to \\n, or read it whole");
                }
            }
            if (quoted) {
                if (!afterQuote) {
                    if (b == '"') {
                        afterQuote = true;
                    } else if (b == '\n') {
                        breaks++;
                    } else if (b == '\r') {
                        pendingCr = true;
                    }
                    return k + 1;
                }
                afterQuote = false;
                if (b == '"') {
                    return k + 1; // two quotes: one quote in the value
                }
                quoted = false; // the quote before ended the value; this byte is outside it
            }
            switch (b) {
                case '\n' -> {
                    breaks++;
                    long next = offset(k) + 1;
                    if (content && next - blockStart >= threshold && next < size) {
                        begin(next);
                        threshold = blockBytes;
                    }
                }
                case '\r' -> pendingCr = true;
                case ' ' -> {
                }
                case '"' -> {
                    content = true;
                    quoted = valueStartsAt(k);
                }
                default -> content = true;
            }
            return k + 1;
        }

        /**
         * Whether a value starts at {@code k} (outside quoted values): whether the byte before it, past
         * spaces and control characters, ends a line or the delimiter.
         */
        private boolean valueStartsAt(int k) {
            for (int j = k - 1; j >= PREFIX; j--) {
                int b = buffer[j] & 0xFF;
                if (b == '\n' || delimiterEndsAt(j)) {
                    return true;
                }
                if (b > ' ') {
                    return false;
                }
            }
            return startValueBefore;
        }

        private boolean delimiterEndsAt(int j) {
            int last = delimiter.length - 1;
            if (last < 0 || buffer[j] != delimiter[last]) {
                return false;
            }
            for (int i = 1; i <= last; i++) {
                if (buffer[j - i] != delimiter[last - i]) {
                    return false;
                }
            }
            return true;
        }

        private long offset(int k) {
            return position + (k - PREFIX);
        }

        /** Starts a block at file offset {@code start}, the start of line {@code breaks + 1}. */
        private void begin(long start) {
            if (breaks + 1 > Integer.MAX_VALUE) {
                throw new DataException(source + ": more than " + Integer.MAX_VALUE + " lines; expected at most that"
                        + " many, the most the parser counts");
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, 2 * count);
                lines = Arrays.copyOf(lines, 2 * count);
            }
            starts[count] = start;
            lines[count] = (int) (breaks + 1);
            count++;
            blockStart = start;
            content = false;
        }
    }
}
