package io.backprop.reference.kernels;

/**
 * The three matrix products of a dense layer over a batch, on flat row-major {@code double[]}:
 * the weighted sums {@code Z = X·Wᵀ + b}, the gradient flowing back {@code ∂L/∂X = Δ·W}, and the
 * weight gradient {@code ∂L/∂W = Δᵀ·X} (with the SGD update fused in).
 *
 * <p>Shapes: a batch of {@code rows} rows; {@code X} is {@code rows × inputs}, {@code W} is
 * {@code units × inputs} ({@code W[j][i]} at {@code j·inputs + i}, as {@code LayerParameters} stores it),
 * {@code Z} and {@code Δ = ∂L/∂Z} are {@code rows × units}.
 *
 * <p>Why the loops look as they do: HotSpot's C2 compiler turns an innermost loop of the form
 * {@code c[o + k] = fma(s, a[p + k], c[o + k])} over contiguous memory into AVX2 vector
 * instructions, but it does not vectorize a dot product (a reduction into one sum). So every
 * product is written as such "axpy" loops: each loop updates one contiguous row of the result from
 * four contiguous rows of an operand (a register tile of four scalars), and the loops are blocked
 * so that the rows they re-read stay in the L1 or L2 cache. The forward product reads {@code X}
 * transposed ({@code Xᵀ}, {@code inputs × rows}) and writes {@code Zᵀ}: transposing a batch costs
 * {@code rows·inputs} moves, far less than transposing {@code W} after every update.
 *
 * <p>The sums are reordered: four products at a time, each by a fused multiply-add (one rounding
 * instead of two), the bias first. The results differ from the textbook loop in the last bits.
 */
public final class MatrixKernels {
    /** Inputs per block of the forward product: {@code Xᵀ}'s block of 64 rows of a batch of 64 is 32 KiB. */
    private static final int FORWARD_INPUT_BLOCK = 64;
    /** Neurons per block of {@code Δ·W}: a block of {@code W} of 16 × 256 is 32 KiB. */
    private static final int BACK_UNIT_BLOCK = 16;
    /** Inputs per block of {@code Δ·W} and of {@code Δᵀ·X}. */
    private static final int INPUT_BLOCK = 256;

    private MatrixKernels() {
    }

    /** {@code to[c][r] = from[r][c]} for a {@code rows × columns} matrix. */
    public static void transpose(double[] from, int rows, int columns, double[] to) {
        for (int r0 = 0; r0 < rows; r0 += 8) {
            int r1 = Math.min(r0 + 8, rows);
            for (int c = 0; c < columns; c++) {
                int t = c * rows;
                for (int r = r0; r < r1; r++) {
                    to[t + r] = from[r * columns + c];
                }
            }
        }
    }

    /**
     * The weighted sums of neurons {@code [firstUnit, endUnit)}, transposed:
     * {@code zT[j][r] = b[j] + Σ_i w[j][i]·xT[i][r]}.
     *
     * @param biases null for a layer without biases
     */
    public static void weightedSums(double[] w, double[] biases, double[] xT, int rows, int inputs, double[] zT,
                                    int firstUnit, int endUnit) {
        for (int j = firstUnit; j < endUnit; j++) {
            java.util.Arrays.fill(zT, j * rows, (j + 1) * rows, biases == null ? 0.0 : biases[j]);
        }
        for (int i0 = 0; i0 < inputs; i0 += FORWARD_INPUT_BLOCK) {
            int i1 = Math.min(i0 + FORWARD_INPUT_BLOCK, inputs);
            for (int j = firstUnit; j < endUnit; j++) {
                int z = j * rows;
                int wj = j * inputs;
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    axpy4(w[wj + i], w[wj + i + 1], w[wj + i + 2], w[wj + i + 3], xT, i * rows, rows, zT, z, rows);
                }
                for (; i < i1; i++) {
                    axpy1(w[wj + i], xT, i * rows, zT, z, rows);
                }
            }
        }
    }

    /**
     * The gradient with respect to the layer's inputs, for rows {@code [firstRow, endRow)}:
     * {@code dX[r][i] = Σ_j delta[r][j]·w[j][i]}.
     */
    public static void inputGradients(double[] delta, double[] w, int units, int inputs, double[] dX,
                                      int firstRow, int endRow) {
        java.util.Arrays.fill(dX, firstRow * inputs, endRow * inputs, 0.0);
        for (int j0 = 0; j0 < units; j0 += BACK_UNIT_BLOCK) {
            int j1 = Math.min(j0 + BACK_UNIT_BLOCK, units);
            for (int i0 = 0; i0 < inputs; i0 += INPUT_BLOCK) {
                int width = Math.min(INPUT_BLOCK, inputs - i0);
                for (int r = firstRow; r < endRow; r++) {
                    int d = r * units;
                    int x = r * inputs + i0;
                    int j = j0;
                    for (; j + 3 < j1; j += 4) {
                        axpy4(delta[d + j], delta[d + j + 1], delta[d + j + 2], delta[d + j + 3],
                                w, j * inputs + i0, inputs, dX, x, width);
                    }
                    for (; j < j1; j++) {
                        axpy1(delta[d + j], w, j * inputs + i0, dX, x, width);
                    }
                }
            }
        }
    }

    /**
     * The weight gradients of neurons {@code [firstUnit, endUnit)},
     * {@code dW[j][i] = Σ_r delta[r][j]·x[r][i]}; then, unless {@code learningRate} is 0, the SGD
     * step {@code w[j][i] −= learningRate·dW[j][i]} while that part of {@code dW} is still in the cache.
     */
    public static void weightGradients(double[] delta, double[] x, int rows, int units, int inputs, double[] dW,
                                       double[] w, double learningRate, int firstUnit, int endUnit) {
        for (int i0 = 0; i0 < inputs; i0 += INPUT_BLOCK) {
            int width = Math.min(INPUT_BLOCK, inputs - i0);
            for (int j = firstUnit; j < endUnit; j++) {
                int g = j * inputs + i0;
                java.util.Arrays.fill(dW, g, g + width, 0.0);
                int r = 0;
                for (; r + 3 < rows; r += 4) {
                    axpy4(delta[r * units + j], delta[(r + 1) * units + j], delta[(r + 2) * units + j],
                            delta[(r + 3) * units + j], x, r * inputs + i0, inputs, dW, g, width);
                }
                for (; r < rows; r++) {
                    axpy1(delta[r * units + j], x, r * inputs + i0, dW, g, width);
                }
                if (learningRate != 0) {
                    for (int k = g; k < g + width; k++) {
                        w[k] -= learningRate * dW[k];
                    }
                }
            }
        }
    }

    /**
     * The bias gradients, {@code db[j] = Σ_r delta[r][j]}; then, unless {@code learningRate} is 0,
     * {@code b[j] −= learningRate·db[j]}.
     */
    public static void biasGradients(double[] delta, int rows, int units, double[] db, double[] b,
                                     double learningRate) {
        System.arraycopy(delta, 0, db, 0, units);
        for (int r = 1; r < rows; r++) {
            int d = r * units;
            for (int j = 0; j < units; j++) {
                db[j] += delta[d + j];
            }
        }
        if (learningRate != 0) {
            for (int j = 0; j < units; j++) {
                b[j] -= learningRate * db[j];
            }
        }
    }

    /**
     * {@code c[co + k] += s0·a[ao + k] + s1·a[ao + stride + k] + s2·a[ao + 2·stride + k] + s3·a[ao + 3·stride + k]}
     * for {@code k < length}: four rows of {@code a} into one row of {@code c}, the loop C2 vectorizes.
     */
    private static void axpy4(double s0, double s1, double s2, double s3, double[] a, int ao, int stride,
                              double[] c, int co, int length) {
        int a1 = ao + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        for (int k = 0; k < length; k++) {
            c[co + k] = Math.fma(s3, a[a3 + k], Math.fma(s2, a[a2 + k], Math.fma(s1, a[a1 + k],
                    Math.fma(s0, a[ao + k], c[co + k]))));
        }
    }

    /** {@code c[co + k] += s·a[ao + k]} for {@code k < length}. */
    private static void axpy1(double s, double[] a, int ao, double[] c, int co, int length) {
        for (int k = 0; k < length; k++) {
            c[co + k] = Math.fma(s, a[ao + k], c[co + k]);
        }
    }
}
