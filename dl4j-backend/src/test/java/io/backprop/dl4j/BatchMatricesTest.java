package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.data.DataSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchMatricesTest {
    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    @Test
    void theLastThreeBatchSizesAreKeptAndTheLeastRecentIsClosed() {
        try (BatchMatrices matrices = new BatchMatrices(2)) {
            RowBuffer batch = matrices.acquire(64);
            RowBuffer tail = matrices.acquire(17);
            RowBuffer whole = matrices.acquire(1000);
            assertThat(matrices.acquire(64)).isSameAs(batch);
            assertThat(matrices.acquire(17)).isSameAs(tail);
            INDArray wholeMatrix = whole.features(rows(1000, 2), order(1000), 0, 1000);

            matrices.acquire(5);

            assertThat(wholeMatrix.wasClosed()).isTrue();
            assertThat(matrices.acquire(64)).isSameAs(batch);
        }
    }

    @Test
    void aBufferTooLargeToKeepIsClosedOnRelease() {
        int rows = (int) (BatchMatrices.KEPT_VALUES / 4) + 1;
        try (BatchMatrices matrices = new BatchMatrices(4)) {
            RowBuffer large = matrices.acquire(rows);
            INDArray matrix = large.features(rows(rows, 4), order(rows), 0, rows);

            matrices.release(large);

            assertThat(matrix.wasClosed()).isTrue();
            assertThat(matrices.acquire(rows)).isNotSameAs(large);
        }
    }

    @Test
    void rowsAreGatheredInTheGivenOrderIntoTheKeptMatrix() {
        try (BatchMatrices matrices = new BatchMatrices(2)) {
            DataSet data = rows(4, 2);
            RowBuffer buffer = matrices.acquire(2);

            INDArray first = buffer.features(data, new int[] {3, 0, 2, 1}, 1, 3);
            assertThat(first.toDoubleMatrix()).isEqualTo(new double[][] {{0, 1}, {4, 5}});
            INDArray second = buffer.features(data, new int[] {3, 0, 2, 1}, 2, 4);

            assertThat(second).isSameAs(first);
            assertThat(second.toDoubleMatrix()).isEqualTo(new double[][] {{4, 5}, {2, 3}});
        }
    }

    /** Row {@code r} holds {@code 2r, 2r + 1, …}: each value says where it came from. */
    private static DataSet rows(int rows, int width) {
        double[] features = new double[rows * width];
        for (int i = 0; i < features.length; i++) {
            features[i] = i;
        }
        return DataSet.ofFlat(rows, width, features, 0, new double[0]);
    }

    private static int[] order(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }
}
