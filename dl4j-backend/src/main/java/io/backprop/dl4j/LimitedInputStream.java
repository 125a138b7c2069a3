package io.backprop.dl4j;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An entry's bytes, at most {@code limit} of them, counted. The reader never asks the zip for
 * more than it needs, so a zip bomb is inflated only as far as the bytes a model of the expected
 * size holds; {@link #atEnd()} looks one byte further to tell a longer entry.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The bytes read so far. */
    long count() {
        return count;
    }

    /** Whether the entry ends where reading stopped: reads one more byte, past the limit if need be. */
    boolean atEnd() throws IOException {
        return in.read() == -1;
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            return -1;
        }
        int b = in.read();
        if (b != -1) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count >= limit) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(Math.max(n, 0), limit - count));
        count += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), limit - count);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // Not supported: a reset would make the count wrong.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
