package io.backprop.csv;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.DataException;

/** A {@link DataFile}'s rows in blocks of a fixed number of rows, each copied from the mapping when asked for. */
final class DataFileSource implements DataSource {
    private final String name;
    private final DataFileRows rows;
    private final long rowCount;
    private final int rowsPerBlock;
    private final int blocks;

    DataFileSource(String name, DataFileRows rows, long rowCount, int rowsPerBlock) {
        if (rowCount == 0) {
            throw new DataException(name + ": found no rows; expected at least one");
        }
        if (rowsPerBlock < 1) {
            throw new DataException("rows per block: found " + rowsPerBlock + "; expected at least 1");
        }
        long blocks = (rowCount + rowsPerBlock - 1) / rowsPerBlock;
        if (blocks > Integer.MAX_VALUE) {
            throw new DataException(name + ": " + rowCount + " rows in blocks of " + rowsPerBlock + " make " + blocks
                    + " blocks; expected at most " + Integer.MAX_VALUE + " (larger blocks)");
        }
        this.name = name;
        this.rows = rows;
        this.rowCount = rowCount;
        this.rowsPerBlock = rowsPerBlock;
        this.blocks = (int) blocks;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int featureCount() {
        return rows.featureCount();
    }

    @Override
    public int targetCount() {
        return rows.targetCount();
    }

    @Override
    public int blockCount() {
        return blocks;
    }

    @Override
    public DataSet block(int index) {
        if (index < 0 || index >= blocks) {
            throw new IndexOutOfBoundsException("block " + index + " of " + blocks);
        }
        long from = (long) index * rowsPerBlock;
        return rows.read(from, (int) Math.min(rowsPerBlock, rowCount - from));
    }
}
