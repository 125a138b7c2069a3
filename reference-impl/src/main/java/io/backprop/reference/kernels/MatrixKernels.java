package io.backprop.reference.kernels;

/**
 * The three matrix products of a dense layer over a batch: the weighted sums {@code Z = X·Wᵀ + b},
 * the gradient flowing back {@code ∂L/∂X = Δ·W}, and the weight gradient {@code ∂L/∂W = Δᵀ·X}
 * (with the SGD update fused in).
 *
 * <p>Every matrix is an array of rows, each row one contiguous {@code double[]}: {@code x[r]} is row
 * {@code r} of the batch ({@code inputs} values), {@code w[j]} is neuron {@code j}'s weights, as
 * {@code LayerParameters} gives them ({@code w[j][i]} from input {@code i}), {@code z[r]} and
 * {@code delta[r]} ({@code Δ = ∂L/∂Z}) hold {@code units} values. Buffers may have more rows and
 * longer rows than a batch uses; only the first {@code rows} rows are read or written.
 *
 * <p>Why the loops look as they do. JDK 17's C2 compiler turns a loop such as
 * {@code c[k] = fma(s0, a0[k], fma(s1, a1[k], …c[k]))} into AVX2 vector instructions when every
 * array in it is indexed by the loop counter itself; it does not vectorize a dot product (a sum into
 * one variable), nor, measured here, a loop whose arrays are read at different offsets
 * ({@code c[co + k]}, {@code a[ao + k]}), which rules out one flat array per matrix. So every product
 * is written as such "axpy" loops ({@link #addFour}): one row of the result updated from four whole
 * rows of an operand, with four scalars of the other held in registers, and the loops are blocked so
 * that the rows they re-read stay in the L1 or L2 cache. The forward product reads {@code X}
 * transposed ({@code xT[i]} holds input {@code i} of every row) and writes {@code Z} transposed:
 * transposing a batch costs {@code rows·inputs} moves, far less than transposing {@code W} after
 * every update.
 *
 * <p>The sums are reordered: the bias first, then four products at a time, each by a fused
 * multiply-add (one rounding instead of two). The results differ from the textbook loop in the last
 * bits.
 */
public final class MatrixKernels {
    /** Rows and columns of a tile of {@link #transpose}: 16 by 16 doubles are 32 cache lines. */
    private static final int TRANSPOSE_TILE = 16;
    /** Inputs per block of the forward product: 64 rows of {@code xT} of a batch of 64 are 32 KiB. */
    private static final int FORWARD_INPUT_BLOCK = 64;
    /** Neurons per block of {@code Δ·W}: 16 rows of {@code W} by {@link #INPUT_BLOCK} are 32 KiB. */
    private static final int BACK_UNIT_BLOCK = 16;
    /** Inputs per block of {@code Δ·W} and of {@code Δᵀ·X}. */
    private static final int INPUT_BLOCK = 256;

    private MatrixKernels() {
    }

    /**
     * {@code to[c][r] = from[r][c]} for the first {@code rows} rows and {@code columns} columns.
     *
     * <p>In tiles of {@value #TRANSPOSE_TILE} by {@value #TRANSPOSE_TILE}: a whole row at a time writes
     * one element into each of {@code columns} rows of {@code to}, and a batch of 64 by 784 inputs
     * then touched 784 cache lines per row, more than the L1 cache holds; on JDK 25, where the
     * products are fast, that transpose took as much of inference as the forward product.
     */
    public static void transpose(double[][] from, int rows, int columns, double[][] to) {
        for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
            int r1 = Math.min(r0 + TRANSPOSE_TILE, rows);
            for (int c0 = 0; c0 < columns; c0 += TRANSPOSE_TILE) {
                int c1 = Math.min(c0 + TRANSPOSE_TILE, columns);
                for (int c = c0; c < c1; c++) {
                    double[] column = to[c];
                    for (int r = r0; r < r1; r++) {
                        column[r] = from[r][c];
                    }
                }
            }
        }
    }

    /**
     * The weighted sums of neurons {@code [firstUnit, endUnit)} for every row, transposed:
     * {@code zT[j][r] = b[j] + Σ_i w[j][i]·xT[i][r]}.
     *
     * @param biases null for a layer without biases
     */
    public static void weightedSums(double[][] w, double[] biases, double[][] xT, int rows, int inputs,
                                    double[][] zT, int firstUnit, int endUnit) {
        for (int j = firstUnit; j < endUnit; j++) {
            java.util.Arrays.fill(zT[j], 0, rows, biases == null ? 0.0 : biases[j]);
        }
        for (int i0 = 0; i0 < inputs; i0 += FORWARD_INPUT_BLOCK) {
            int i1 = Math.min(i0 + FORWARD_INPUT_BLOCK, inputs);
            for (int j = firstUnit; j < endUnit; j++) {
                double[] wj = w[j];
                double[] zj = zT[j];
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    addFour(wj[i], wj[i + 1], wj[i + 2], wj[i + 3], xT[i], xT[i + 1], xT[i + 2], xT[i + 3], zj, 0, rows);
                }
                for (; i < i1; i++) {
                    addOne(wj[i], xT[i], zj, 0, rows);
                }
            }
        }
    }

    /**
     * The weighted sums of one row, {@code z[j] = b[j] + Σ_i w[j][i]·x[i]}: for a batch of one, where
     * the textbook's dot product, in the textbook's order, is the shortest path.
     */
    public static void weightedSumsOfOneRow(double[][] w, double[] biases, double[] x, int units, int inputs,
                                            double[] z) {
        for (int j = 0; j < units; j++) {
            z[j] = weightedSum(w[j], biases, j, x, inputs);
        }
    }

    /** Neuron {@code j}'s weighted sum of one row, {@code b[j] + Σ_i wj[i]·x[i]}, in the textbook's order. */
    static double weightedSum(double[] wj, double[] biases, int j, double[] x, int inputs) {
        double sum = biases == null ? 0.0 : biases[j];
        for (int i = 0; i < inputs; i++) {
            sum += wj[i] * x[i];
        }
        return sum;
    }

    /**
     * Backprop of a batch of one row through a layer, the three products fused into one pass over the
     * weights as the textbook does them: {@code dW[j][i] = delta[j]·x[i]}, {@code db[j] = delta[j]},
     * {@code dX[i] = Σ_j w[j][i]·delta[j]} (unless {@code dX} is null: the first layer). The gradients
     * alone; a per-sample training step goes through {@link RowKernels}.
     *
     * @param db null for a layer without biases
     */
    public static void backpropOneRow(double[] delta, double[] x, double[][] w, double[][] dW, double[] db,
                                      double[] dX, int units, int inputs) {
        if (dX != null) {
            java.util.Arrays.fill(dX, 0, inputs, 0.0);
        }
        for (int j = 0; j < units; j++) {
            double d = delta[j];
            double[] wj = w[j];
            double[] gj = dW[j];
            for (int i = 0; i < inputs; i++) {
                gj[i] = d * x[i];
                if (dX != null) {
                    dX[i] = Math.fma(wj[i], d, dX[i]);
                }
            }
            if (db != null) {
                db[j] = d;
            }
        }
    }

    /**
     * The gradient with respect to the layer's inputs, for rows {@code [firstRow, endRow)}:
     * {@code dX[r][i] = Σ_j delta[r][j]·w[j][i]}.
     */
    public static void inputGradients(double[][] delta, double[][] w, int units, int inputs, double[][] dX,
                                      int firstRow, int endRow) {
        for (int r = firstRow; r < endRow; r++) {
            java.util.Arrays.fill(dX[r], 0, inputs, 0.0);
        }
        for (int j0 = 0; j0 < units; j0 += BACK_UNIT_BLOCK) {
            int j1 = Math.min(j0 + BACK_UNIT_BLOCK, units);
            for (int i0 = 0; i0 < inputs; i0 += INPUT_BLOCK) {
                int i1 = Math.min(i0 + INPUT_BLOCK, inputs);
                for (int r = firstRow; r < endRow; r++) {
                    double[] d = delta[r];
                    double[] dx = dX[r];
                    int j = j0;
                    for (; j + 3 < j1; j += 4) {
                        addFour(d[j], d[j + 1], d[j + 2], d[j + 3], w[j], w[j + 1], w[j + 2], w[j + 3], dx, i0, i1);
                    }
                    for (; j < j1; j++) {
                        addOne(d[j], w[j], dx, i0, i1);
                    }
                }
            }
        }
    }

    /**
     * The weight gradients of neurons {@code [firstUnit, endUnit)},
     * {@code dW[j][i] = Σ_r delta[r][j]·x[r][i]} (added to {@code dW} when {@code accumulate}, for a
     * batch fed through in chunks); then, unless {@code learningRate} is 0, the SGD step
     * {@code w[j][i] −= learningRate·dW[j][i]} while that part of {@code dW} is still in the cache.
     */
    public static void weightGradients(double[][] delta, double[][] x, int rows, int inputs, double[][] dW,
                                       boolean accumulate, double[][] w, double learningRate, int firstUnit,
                                       int endUnit) {
        for (int i0 = 0; i0 < inputs; i0 += INPUT_BLOCK) {
            int i1 = Math.min(i0 + INPUT_BLOCK, inputs);
            for (int j = firstUnit; j < endUnit; j++) {
                double[] g = dW[j];
                if (!accumulate) {
                    java.util.Arrays.fill(g, i0, i1, 0.0);
                }
                int r = 0;
                for (; r + 3 < rows; r += 4) {
                    addFour(delta[r][j], delta[r + 1][j], delta[r + 2][j], delta[r + 3][j],
                            x[r], x[r + 1], x[r + 2], x[r + 3], g, i0, i1);
                }
                for (; r < rows; r++) {
                    addOne(delta[r][j], x[r], g, i0, i1);
                }
                if (learningRate != 0) {
                    double[] wj = w[j];
                    for (int i = i0; i < i1; i++) {
                        wj[i] -= learningRate * g[i];
                    }
                }
            }
        }
    }

    /**
     * The bias gradients, {@code db[j] = Σ_r delta[r][j]} (added to {@code db} when
     * {@code accumulate}); then, unless {@code learningRate} is 0, {@code b[j] −= learningRate·db[j]}.
     */
    public static void biasGradients(double[][] delta, int rows, int units, double[] db, boolean accumulate,
                                     double[] b, double learningRate) {
        if (!accumulate) {
            java.util.Arrays.fill(db, 0, units, 0.0);
        }
        for (int r = 0; r < rows; r++) {
            double[] d = delta[r];
            for (int j = 0; j < units; j++) {
                db[j] += d[j];
            }
        }
        if (learningRate != 0) {
            for (int j = 0; j < units; j++) {
                b[j] -= learningRate * db[j];
            }
        }
    }

    /** The SGD step {@code θ ← θ − η·∂L/∂θ} of one layer, for gradients summed over several chunks. */
    public static void sgdStep(double[][] w, double[][] dW, double[] b, double[] db, int units, int inputs,
                               double learningRate) {
        for (int j = 0; j < units; j++) {
            double[] wj = w[j];
            double[] g = dW[j];
            for (int i = 0; i < inputs; i++) {
                wj[i] -= learningRate * g[i];
            }
            if (b != null) {
                b[j] -= learningRate * db[j];
            }
        }
    }

    /**
     * {@code c[k] += s0·a0[k] + s1·a1[k] + s2·a2[k] + s3·a3[k]} for {@code k} in {@code [from, to)}, by
     * four fused multiply-adds: the register tile, and the loop C2 vectorizes.
     */
    private static void addFour(double s0, double s1, double s2, double s3, double[] a0, double[] a1, double[] a2,
                                double[] a3, double[] c, int from, int to) {
        for (int k = from; k < to; k++) {
            c[k] = Math.fma(s3, a3[k], Math.fma(s2, a2[k], Math.fma(s1, a1[k], Math.fma(s0, a0[k], c[k]))));
        }
    }

    /** {@code c[k] += s·a[k]} for {@code k} in {@code [from, to)}. */
    private static void addOne(double s, double[] a, double[] c, int from, int to) {
        for (int k = from; k < to; k++) {
            c[k] = Math.fma(s, a[k], c[k]);
        }
    }
}
