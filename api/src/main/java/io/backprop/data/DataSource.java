package io.backprop.data;

import io.backprop.error.DataException;
import java.util.function.UnaryOperator;

/**
 * Rows read a block at a time, for data larger than the memory it would take whole: a file read in
 * blocks of rows, each an in-memory {@link DataSet}, so that a backend consumes them exactly as it
 * consumes a data set held whole.
 *
 * <p>The blocks of a source split its rows in the order the file holds them: block 0 holds the first
 * rows, the last block the last. Their number is known when the source is opened; how many rows each
 * holds may be known only once it is read. A source holds no block: each {@link #block} reads it again,
 * so that memory holds the blocks being used and no more. How {@link io.backprop.Network#fit(DataSource,
 * io.backprop.train.TrainingOptions) fit} visits them, shuffled or not, is
 * {@link io.backprop.train.TrainingLoop}'s to say.
 */
public interface DataSource extends AutoCloseable {
    /** Where the rows come from, for messages: a file's name. */
    String name();

    /** The number of feature columns of every block. */
    int featureCount();

    /** The number of target columns of every block; 0 for rows meant only for prediction. */
    int targetCount();

    /** The number of blocks, at least 1. */
    int blockCount();

    /**
     * Reads block {@code index}: its rows in the source's order, at least one.
     *
     * @throws DataException when the rows cannot be read or are not rows of this source (naming the file,
     *     line and column where a file's are not)
     * @throws IndexOutOfBoundsException when {@code index} is not below {@link #blockCount()}
     */
    DataSet block(int index);

    /** Lets go of the file. Does nothing by default. */
    @Override
    default void close() {
    }

    /**
     * This source with each block passed through {@code change} as it is read, such as a standardization
     * or a check; {@code change} must keep the number of feature and target columns.
     */
    default DataSource mapBlocks(UnaryOperator<DataSet> change) {
        return new MappedBlocks(this, change);
    }

    /**
     * {@code data} in blocks of {@code rowsPerBlock} rows (the last may hold fewer): for tests, and to
     * train with the streaming order on rows already in memory.
     *
     * @throws DataException when {@code data} has no rows or {@code rowsPerBlock} is less than 1
     */
    static DataSource inBlocks(DataSet data, int rowsPerBlock) {
        return new InMemoryBlocks(data, rowsPerBlock);
    }
}
