package io.backprop.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of a file from one place to another, read through a channel that another slice of the same
 * file may be reading at the same time, counting the line feeds and watching for the bytes that make a
 * split at a line feed unsafe: a quote, which may open a value that goes on past line breaks, and a
 * carriage return, which Jackson counts as a line break of its own when alone.
 */
final class FileSlice extends InputStream {
    private final FileChannel channel;
    private final AtomicBoolean cancelled;
    private long position;
    private final long end;
    private long lineFeeds;
    private boolean unsafe;

    FileSlice(FileChannel channel, long from, long to, AtomicBoolean cancelled) {
        this.channel = channel;
        this.position = from;
        this.end = to;
        this.cancelled = cancelled;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (cancelled.get()) {
            throw new IOException("cancelled: the other half of the file could not be read in parallel");
        }
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)), position);
        if (n < 0) {
            return -1; // the file has shrunk; the reader sees its end, and the sizes will not add up
        }
        position += n;
        for (int k = offset; k < offset + n; k++) {
            byte b = buffer[k];
            if (b == '\n') {
                lineFeeds++;
            } else if (b == '"' || b == '\r') {
                unsafe = true;
            }
        }
        return n;
    }

    /** The line feeds read so far. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** Whether a quote or a carriage return was read, so that the split may not fall between two lines. */
    boolean unsafe() {
        return unsafe;
    }

    /** Whether every byte of the slice was read. */
    boolean whole() {
        return position >= end;
    }

    @Override
    public void close() {
        // the channel is the caller's, shared with the other slice
    }
}
