package io.backprop.data;

import io.backprop.error.DataException;

/** A data set held whole, handed out in blocks of a fixed number of rows. */
final class InMemoryBlocks implements DataSource {
    private final DataSet data;
    private final int rowsPerBlock;
    private final int blocks;

    InMemoryBlocks(DataSet data, int rowsPerBlock) {
        if (data.rows() == 0) {
            throw new DataException("data: found no rows; expected at least one");
        }
        if (rowsPerBlock < 1) {
            throw new DataException("rows per block: found " + rowsPerBlock + "; expected at least 1");
        }
        this.data = data;
        this.rowsPerBlock = rowsPerBlock;
        this.blocks = (data.rows() + rowsPerBlock - 1) / rowsPerBlock;
    }

    @Override
    public String name() {
        return "data in memory";
    }

    @Override
    public int featureCount() {
        return data.featureCount();
    }

    @Override
    public int targetCount() {
        return data.targetCount();
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
        int from = index * rowsPerBlock;
        int to = Math.min(from + rowsPerBlock, data.rows());
        int[] rows = new int[to - from];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = from + r;
        }
        return data.select(rows);
    }
}
