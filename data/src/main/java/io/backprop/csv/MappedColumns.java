package io.backprop.csv;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;

/**
 * The values of a {@link DataFile}'s columns, mapped into memory read-only: column after column, each
 * its rows' float64 values, little-endian.
 *
 * <p>One mapping holds at most 2 GB (a buffer's index is an int), so a larger file is mapped in pieces
 * of {@link #PIECE} bytes, a whole number of values each; a run of values that crosses from one piece
 * into the next is copied in two parts. Reading uses absolute gets only, so that any number of threads
 * may read at once.
 */
final class MappedColumns {
    /** The bytes of one mapping: 1 GiB, a multiple of 8 well within what one buffer can index. */
    static final long PIECE = 1L << 30;

    private final DoubleBuffer[] pieces;
    private final long rows;
    private final long valuesPerPiece;

    private MappedColumns(DoubleBuffer[] pieces, long rows, long piece) {
        this.pieces = pieces;
        this.rows = rows;
        this.valuesPerPiece = piece / Double.BYTES;
    }

    /**
     * Maps {@code rows × columns} values from {@code offset} in pieces of {@link #PIECE} bytes. The mapping
     * stays valid after the channel is closed.
     */
    static MappedColumns map(FileChannel channel, long offset, long rows, int columns) throws IOException {
        return map(channel, offset, rows, columns, PIECE);
    }

    /** As {@link #map(FileChannel, long, long, int)}, in pieces of {@code piece} bytes (a multiple of 8): for tests. */
    static MappedColumns map(FileChannel channel, long offset, long rows, int columns, long piece) throws IOException {
        long bytes = Math.multiplyExact(Math.multiplyExact(rows, (long) columns), (long) Double.BYTES);
        int count = Math.toIntExact((bytes + piece - 1) / piece);
        DoubleBuffer[] pieces = new DoubleBuffer[count];
        for (int p = 0; p < count; p++) {
            long from = p * piece;
            pieces[p] = channel.map(FileChannel.MapMode.READ_ONLY, offset + from, Math.min(piece, bytes - from))
                    .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        }
        return new MappedColumns(pieces, rows, piece);
    }

    /** Copies {@code count} values of {@code column}, from row {@code row} on, into {@code into} from {@code at}. */
    void read(int column, long row, double[] into, int at, int count) {
        long index = column * rows + row;
        while (count > 0) {
            int piece = (int) (index / valuesPerPiece);
            int within = (int) (index % valuesPerPiece);
            int n = (int) Math.min(count, valuesPerPiece - within);
            pieces[piece].get(within, into, at, n);
            index += n;
            at += n;
            count -= n;
        }
    }
}
