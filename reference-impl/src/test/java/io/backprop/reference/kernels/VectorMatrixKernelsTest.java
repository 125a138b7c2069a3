package io.backprop.reference.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMatrixKernels} against {@link MatrixKernels} on shapes that hit every remainder of the
 * tiles (four rows of the result by two vectors, masked vectors at the end), in buffers larger than
 * the shapes, whose extra rows and columns must stay untouched. Runs on any JDK with the module (on
 * 17 the Vector API is slow but correct).
 */
class VectorMatrixKernelsTest {
    /**
     * Each kernel sums the same n products in its own order, and a float64 sum of n terms (with or
     * without fused multiply-adds) is within n·ε·Σ|terms| of the exact sum, so the two differ by at
     * most 2n·ε·Σ|terms|; the tests allow that, with ε = 2⁻⁵³.
     */
    private static final double EPS = Math.ulp(1.0) / 2;
    private static final double PAD = -7.25; // what the buffers hold beyond the shape

    private final Random random = new Random(20261130);

    @Test
    void everySmallShapeOfUnitsAndRowsWithInputsFromOneToSeventy() {
        for (int units = 1; units <= 9; units++) {
            for (int rows = 1; rows <= 33; rows++) {
                // Every inputs count from 1 to 70 for some pairs, a random third of them for the rest.
                for (int inputs = 1; inputs <= 70; inputs++) {
                    if ((units + rows + inputs) % 3 == 0 || units == 4 && rows % 8 == 1) {
                        checkAll(units, rows, inputs);
                    }
                }
            }
        }
    }

    @Test
    void theMlpsLayersAtBatchSixtyFourAndOthers() {
        checkAll(256, 64, 784);
        checkAll(10, 64, 256);
        checkAll(256, 1, 784);
        checkAll(10, 63, 256);
        checkAll(17, 100, 130);
    }

    @Test
    void aRangeOfNeuronsOrRowsLeavesTheOthersAlone() {
        for (int[] shape : new int[][] {{9, 33, 70}, {256, 64, 784}, {5, 17, 3}}) {
            int units = shape[0];
            int rows = shape[1];
            int inputs = shape[2];
            for (int[] range : new int[][] {{0, units / 2}, {units / 2, units}, {1, units}, {units - 1, units}}) {
                check(units, rows, inputs, range[0], range[1], false, 0.0);
                check(units, rows, inputs, range[0], range[1], true, 0.01);
            }
        }
    }

    /**
     * Once compiled, no call allocates, remainders included (masked vectors did, on JDK 25). Only on
     * the JDKs that compile the Vector API to vector instructions: on 17 every vector is an object.
     */
    @Test
    void noCallAllocatesOnceCompiled() {
        assumeTrue(Runtime.version().feature() >= KernelChoice.FIRST_FAST_FEATURE, "the Vector API is boxed below JDK 25");
        for (int[] shape : new int[][] {{20, 8, 30}, {3, 8, 20}, {5, 17, 17}, {4, 16, 24}, {9, 33, 70}}) {
            int units = shape[0];
            int rows = shape[1];
            int inputs = shape[2];
            double[][] w = random(units, inputs);
            double[] b = random(1, units)[0];
            double[][] x = random(rows, inputs);
            double[][] delta = random(rows, units);
            double[][] dX = new double[rows][inputs];
            double[][] dW = new double[units][inputs];
            double[][] zRows = new double[rows][units];
            assertAllocatesNothingOnceCompiled("weightedSumsOfRows", shape,
                    () -> VectorMatrixKernels.weightedSumsOfRows(w, b, x, rows, inputs, zRows, 0, units));
            assertAllocatesNothingOnceCompiled("inputGradients", shape,
                    () -> VectorMatrixKernels.inputGradients(delta, w, units, inputs, dX, 0, rows));
            assertAllocatesNothingOnceCompiled("weightGradients", shape, () -> {
                VectorMatrixKernels.weightGradients(delta, x, rows, inputs, dW, false, w, 1e-9, 0, units);
                VectorMatrixKernels.weightGradients(delta, x, rows, inputs, dW, true, w, 0.0, 0, units);
            });
        }
    }

    private static void assertAllocatesNothingOnceCompiled(String kernel, int[] shape, Runnable calls) {
        // Until C2 has compiled every path, calls allocate; so up to 200 rounds of 1,000 calls, and one
        // of them must allocate nothing. Any allocation in a call would be at least 16 bytes, 16,000
        // over a round.
        long bytes = Long.MAX_VALUE;
        for (int round = 0; round < 200 && bytes >= 1_000; round++) {
            long before = allocatedBytes();
            for (int k = 0; k < 1_000; k++) {
                calls.run();
            }
            bytes = allocatedBytes() - before;
        }
        assertThat(bytes).as("bytes allocated by 1,000 calls of %s on %s", kernel, java.util.Arrays.toString(shape))
                .isLessThan(1_000);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private void checkAll(int units, int rows, int inputs) {
        check(units, rows, inputs, 0, units, false, 0.0);
        check(units, rows, inputs, 0, units, false, 0.1);
        check(units, rows, inputs, 0, units, true, 0.05);
    }

    /**
     * The three products on one random shape, with neurons {@code [first, end)} (and the same range of
     * rows for {@code ∂L/∂X}), buffers two rows and three columns larger than the shape.
     */
    private void check(int units, int rows, int inputs, int first, int end, boolean accumulate, double rate) {
        String shape = units + " units, " + rows + " rows, " + inputs + " inputs, [" + first + ", " + end + ")"
                + (accumulate ? ", accumulated" : "") + ", rate " + rate;
        double[][] w = random(units + 2, inputs + 3);
        double[] b = random(1, units + 2)[0];
        double[][] x = random(rows + 2, inputs + 3);
        double[][] xT = new double[inputs + 2][rows + 3];
        MatrixKernels.transpose(x, rows, inputs, xT);
        double[][] delta = random(rows + 2, units + 3);

        // Z = X·Wᵀ + b in the batch's own layout, by the vector kernel and the plain one, against the plain
        // transposed kernel's sums.
        for (double[] biases : new double[][] {b, null}) {
            double[][] transposed = filled(units + 2, rows + 3);
            MatrixKernels.weightedSums(w, biases, xT, rows, inputs, transposed, first, end);
            for (LayerProducts products : new LayerProducts[] {new VectorMatrixKernels.Products(),
                new PlainLayerProducts()}) {
                double[][] inRows = filled(rows + 2, units + 3);
                products.weightedSumsOfRows(w, biases, x, rows, inputs, inRows, first, end);
                for (int r = 0; r < rows + 2; r++) {
                    for (int j = 0; j < units + 3; j++) {
                        String where = shape + ", " + products.name() + ": z[" + r + "][" + j + "]";
                        if (j >= first && j < end && r < rows) {
                            double magnitude = biases == null ? 0 : Math.abs(biases[j]);
                            for (int i = 0; i < inputs; i++) {
                                magnitude += Math.abs(w[j][i] * x[r][i]);
                            }
                            assertClose(inRows[r][j], transposed[j][r], inputs + 1, magnitude, where);
                        } else {
                            assertThat(inRows[r][j]).as(where + " outside").isEqualTo(PAD);
                        }
                    }
                }
            }
        }

        // ∂L/∂X = Δ·W over rows [first, end) when they are rows of the batch.
        if (end <= rows) {
            double[][] plain = filled(rows + 2, inputs + 3);
            double[][] vector = filled(rows + 2, inputs + 3);
            MatrixKernels.inputGradients(delta, w, units, inputs, plain, first, end);
            VectorMatrixKernels.inputGradients(delta, w, units, inputs, vector, first, end);
            for (int r = 0; r < rows + 2; r++) {
                for (int i = 0; i < inputs + 3; i++) {
                    if (r >= first && r < end && i < inputs) {
                        double magnitude = 0;
                        for (int j = 0; j < units; j++) {
                            magnitude += Math.abs(delta[r][j] * w[j][i]);
                        }
                        assertClose(vector[r][i], plain[r][i], units, magnitude, shape + ": dX[" + r + "][" + i + "]");
                    } else {
                        assertThat(vector[r][i]).as(shape + ": dX[%d][%d] outside", r, i).isEqualTo(PAD);
                    }
                }
            }
        }

        // ∂L/∂W = Δᵀ·X (added to what dW holds when accumulating), then the SGD step.
        double[][] start = accumulate ? random(units + 2, inputs + 3) : filled(units + 2, inputs + 3);
        double[][] plainGradients = copy(start);
        double[][] vectorGradients = copy(start);
        double[][] plainWeights = copy(w);
        double[][] vectorWeights = copy(w);
        MatrixKernels.weightGradients(delta, x, rows, inputs, plainGradients, accumulate, plainWeights, rate, first, end);
        VectorMatrixKernels.weightGradients(delta, x, rows, inputs, vectorGradients, accumulate, vectorWeights, rate,
                first, end);
        for (int j = 0; j < units + 2; j++) {
            for (int i = 0; i < inputs + 3; i++) {
                if (j >= first && j < end && i < inputs) {
                    double magnitude = accumulate ? Math.abs(start[j][i]) : 0;
                    for (int r = 0; r < rows; r++) {
                        magnitude += Math.abs(delta[r][j] * x[r][i]);
                    }
                    String where = shape + ": dW[" + j + "][" + i + "]";
                    assertClose(vectorGradients[j][i], plainGradients[j][i], rows + 1, magnitude, where);
                    // The step's own roundings are the same in both; only the gradient's difference, times the
                    // rate, and one rounding of w may show.
                    double gradientBound = 2 * (rows + 1) * EPS * magnitude;
                    assertThat(Math.abs(vectorWeights[j][i] - plainWeights[j][i]))
                            .as(where + ": w after the step")
                            .isLessThanOrEqualTo(rate * gradientBound * 1.01 + 2 * Math.ulp(plainWeights[j][i]));
                } else {
                    assertThat(vectorGradients[j][i]).as(shape + ": dW[%d][%d] outside", j, i).isEqualTo(start[j][i]);
                    assertThat(vectorWeights[j][i]).as(shape + ": w[%d][%d] outside", j, i).isEqualTo(w[j][i]);
                }
            }
        }
    }

    private static void assertClose(double actual, double expected, int terms, double magnitude, String where) {
        assertThat(Math.abs(actual - expected)).as(where + ": %s against %s", actual, expected)
                .isLessThanOrEqualTo(2 * terms * EPS * magnitude);
    }

    private double[][] random(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextDouble() * 2 - 1;
            }
        }
        return m;
    }

    private static double[][] filled(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            java.util.Arrays.fill(row, PAD);
        }
        return m;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            c[r] = m[r].clone();
        }
        return c;
    }
}
