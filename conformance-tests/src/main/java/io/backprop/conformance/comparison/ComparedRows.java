package io.backprop.conformance.comparison;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.params.Parameters;
import io.backprop.train.TrainingOptions;

/**
 * The rows a {@link BackendComparison} runs every network on, held whole or read a block at a time: the
 * blocks it predicts, and how a network takes the loss, the gradients and a training run over all of them.
 * Rows held whole are one block and go to the network's {@link DataSet} methods, so that they give what
 * they gave before rows could be read in blocks, bit for bit.
 */
interface ComparedRows {
    /** The number of blocks, at least 1. */
    int blockCount();

    /** Block {@code index}, read again at each call. */
    DataSet block(int index);

    /** The loss of {@code network} over every row. */
    double loss(Network network);

    /** The gradients of {@code network} over every row, taken as one batch. */
    Parameters gradients(Network network);

    /** Trains {@code network} on every row. */
    void fit(Network network, TrainingOptions training);

    static ComparedRows whole(DataSet data) {
        return new Whole(data);
    }

    static ComparedRows inBlocks(DataSource data) {
        return new InBlocks(data);
    }

    /** Rows held whole: one block. */
    record Whole(DataSet data) implements ComparedRows {
        @Override
        public int blockCount() {
            return 1;
        }

        @Override
        public DataSet block(int index) {
            if (index != 0) {
                throw new IndexOutOfBoundsException("block " + index + " of 1");
            }
            return data;
        }

        @Override
        public double loss(Network network) {
            return network.loss(data);
        }

        @Override
        public Parameters gradients(Network network) {
            return network.gradients(data);
        }

        @Override
        public void fit(Network network, TrainingOptions training) {
            network.fit(data, training);
        }
    }

    /** Rows read a block at a time, every time they are needed, so that memory holds a block and no more. */
    record InBlocks(DataSource data) implements ComparedRows {
        @Override
        public int blockCount() {
            return data.blockCount();
        }

        @Override
        public DataSet block(int index) {
            return data.block(index);
        }

        @Override
        public double loss(Network network) {
            return network.loss(data);
        }

        @Override
        public Parameters gradients(Network network) {
            return network.gradients(data);
        }

        @Override
        public void fit(Network network, TrainingOptions training) {
            network.fit(data, training);
        }
    }
}
