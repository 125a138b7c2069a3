package io.backprop.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix's values read into Java in one piece. ND4J's {@code toDoubleMatrix} makes a view (with
 * its own shape buffer and deallocator) per row: for a batch of 64 rows that cost more than the
 * exact cross-entropy computed from it, and about a tenth of the MLP's inference.
 */
final class RowMajor {
    private RowMajor() {
    }

    /** {@code matrix} as {@code [row][column]}, from one row-major copy. */
    static double[][] rows(INDArray matrix) {
        int rows = (int) matrix.rows();
        int columns = (int) matrix.columns();
        INDArray copy = matrix.dup('c');
        double[] values = copy.data().asDouble();
        if (copy.closeable()) {
            // Inside DL4J's workspace (the loss) the copy is the workspace's to free; outside, ours.
            copy.close();
        }
        double[][] result = new double[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(values, r * columns, (r + 1) * columns);
        }
        return result;
    }
}
