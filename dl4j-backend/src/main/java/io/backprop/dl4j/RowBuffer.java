package io.backprop.dl4j;

import io.backprop.data.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float64 {@code [rows, width]} matrix outside any workspace, refilled with every batch of its
 * size, so that a training step allocates neither a Java array nor native memory for its batch.
 * Rows are gathered into a reused Java array (the only way a {@link DataSet} gives its values
 * without allocating) and copied to native memory in one piece.
 */
final class RowBuffer implements AutoCloseable {
    private final double[] values;
    private final INDArray matrix;

    RowBuffer(int rows, int width) {
        this.values = new double[rows * width];
        this.matrix = Nd4j.createUninitializedDetached(DataType.DOUBLE, 'c', rows, width);
    }

    int rows() {
        return (int) matrix.rows();
    }

    /** The features of rows {@code order[from..to)} of {@code data}, in this buffer's matrix. */
    INDArray features(DataSet data, int[] order, int from, int to) {
        data.copyFeatures(order, from, to, values);
        return upload();
    }

    /** The targets of rows {@code order[from..to)} of {@code data}, in this buffer's matrix. */
    INDArray targets(DataSet data, int[] order, int from, int to) {
        data.copyTargets(order, from, to, values);
        return upload();
    }

    private INDArray upload() {
        matrix.data().asNioDouble().put(values, 0, values.length);
        return matrix;
    }

    @Override
    public void close() {
        matrix.close();
    }
}
