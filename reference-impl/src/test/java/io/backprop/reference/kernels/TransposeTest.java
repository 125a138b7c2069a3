package io.backprop.reference.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tiled transpose moves every element of the used corner and nothing else, for any shape. */
class TransposeTest {
    @Test
    void everyShapeAroundTheTileIsTransposedAndTheRestOfTheBufferLeftAlone() {
        Random random = new Random(7);
        int[] sizes = {1, 2, 15, 16, 17, 31, 32, 33, 64, 100};
        for (int rows : sizes) {
            for (int columns : sizes) {
                // Buffers larger than the shape, as the backend's are: only the corner is written.
                double[][] from = new double[rows + 2][columns + 3];
                for (double[] row : from) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = random.nextDouble();
                    }
                }
                double[][] to = new double[columns + 3][rows + 2];
                for (double[] row : to) {
                    java.util.Arrays.fill(row, -1);
                }

                MatrixKernels.transpose(from, rows, columns, to);

                for (int c = 0; c < columns + 3; c++) {
                    for (int r = 0; r < rows + 2; r++) {
                        double expected = c < columns && r < rows ? from[r][c] : -1;
                        assertThat(to[c][r]).as("%d×%d, to[%d][%d]", rows, columns, c, r).isEqualTo(expected);
                    }
                }
            }
        }
    }
}
