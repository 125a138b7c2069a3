package io.backprop.dl4j;

/**
 * The {@link RowBuffer}s of one width (a network's features or its targets) for the last three
 * batch sizes used: a training run uses its batch size, the smaller last batch of an epoch and the
 * whole data set for the epoch's loss. Buffers above {@link #KEPT_VALUES} values (the whole of a
 * large data set) are not kept: the caller gets a fresh one, closed on release.
 */
final class BatchMatrices implements AutoCloseable {
    /** The largest buffer kept between calls, in values (8 MiB of float64). */
    static final long KEPT_VALUES = 1L << 20;

    private final int width;
    /** Most recently used first. */
    private final RowBuffer[] kept = new RowBuffer[3];

    BatchMatrices(int width) {
        this.width = width;
    }

    /** A buffer of {@code rows} rows; {@link #release(RowBuffer)} it after use. */
    RowBuffer acquire(int rows) {
        if ((long) rows * width > KEPT_VALUES) {
            return new RowBuffer(rows, width);
        }
        int found = 0;
        while (found < kept.length && kept[found] != null && kept[found].rows() != rows) {
            found++;
        }
        if (found == kept.length) {
            found--;
            kept[found].close();
            kept[found] = null;
        }
        RowBuffer buffer = kept[found] != null ? kept[found] : new RowBuffer(rows, width);
        System.arraycopy(kept, 0, kept, 1, found);
        kept[0] = buffer;
        return buffer;
    }

    /** Closes {@code buffer} unless it is kept for the next call. */
    void release(RowBuffer buffer) {
        if (buffer != kept[0]) {
            buffer.close();
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != null) {
                kept[i].close();
                kept[i] = null;
            }
        }
    }
}
