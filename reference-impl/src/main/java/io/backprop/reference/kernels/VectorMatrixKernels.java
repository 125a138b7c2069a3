package io.backprop.reference.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot products of {@link MatrixKernels} written with the Vector API ({@code jdk.incubator.vector}):
 * same arguments, same layouts, same results up to the order of the sums (the last bits).
 *
 * <p>Why a second set. C2's auto-vectorizer on JDK 17 only vectorizes "axpy" loops, which load and
 * store a row of the result for every four products; it reaches about 40% of a core's peak. Here each
 * product is register-tiled: a tile of four rows of the result by two vectors (16 doubles with
 * 512-bit vectors) is held in eight vector registers for the whole of the inner (summed) loop, which
 * only loads the two vectors of one operand and broadcasts four scalars of the other; the result is
 * stored once. This needs a compiler that turns {@link DoubleVector#fma} into vector instructions: JDK
 * 25's does, JDK 17's does not (about 20 times slower than the plain kernels there). So these kernels
 * are chosen by {@link KernelChoice} only on JDK 25 or later, and this class, which needs the module
 * {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}), is loaded only then.
 *
 * <p>Remainders: rows of the result beyond a multiple of four get a tile of one row; columns beyond a
 * multiple of two vectors get masked vectors, so any shape, down to 1 by 1, is computed.
 */
public final class VectorMatrixKernels {
    /** The widest vectors of the machine: 512 bits (8 doubles) with AVX-512, 256 with AVX2. */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns of a full tile: two vectors. */
    private static final int W = 2 * L;

    private VectorMatrixKernels() {
    }

    /**
     * As {@link MatrixKernels#weightedSums}: {@code zT[j][r] = b[j] + Σ_i w[j][i]·xT[i][r]} for neurons
     * {@code [firstUnit, endUnit)} and rows {@code [0, rows)}.
     *
     * @param biases null for a layer without biases
     */
    public static void weightedSums(double[][] w, double[] biases, double[][] xT, int rows, int inputs,
                                    double[][] zT, int firstUnit, int endUnit) {
        int j = firstUnit;
        for (; j + 3 < endUnit; j += 4) {
            double b0 = bias(biases, j);
            double b1 = bias(biases, j + 1);
            double b2 = bias(biases, j + 2);
            double b3 = bias(biases, j + 3);
            int r = 0;
            for (; r + W <= rows; r += W) {
                forwardFour(w[j], w[j + 1], w[j + 2], w[j + 3], b0, b1, b2, b3, xT, inputs,
                        zT[j], zT[j + 1], zT[j + 2], zT[j + 3], r);
            }
            for (; r < rows; r += L) {
                forwardFourMasked(w[j], w[j + 1], w[j + 2], w[j + 3], b0, b1, b2, b3, xT, inputs,
                        zT[j], zT[j + 1], zT[j + 2], zT[j + 3], r, S.indexInRange(r, rows));
            }
        }
        for (; j < endUnit; j++) {
            double[] wj = w[j];
            double[] zj = zT[j];
            double b = bias(biases, j);
            for (int r = 0; r < rows; r += L) {
                VectorMask<Double> m = S.indexInRange(r, rows);
                DoubleVector acc = DoubleVector.broadcast(S, b);
                for (int i = 0; i < inputs; i++) {
                    acc = DoubleVector.fromArray(S, xT[i], r, m).fma(DoubleVector.broadcast(S, wj[i]), acc);
                }
                acc.intoArray(zj, r, m);
            }
        }
    }

    private static double bias(double[] biases, int j) {
        return biases == null ? 0.0 : biases[j];
    }

    /** The full tile of {@link #weightedSums}: neurons {@code j..j+3} by rows {@code r..r+W-1}. */
    private static void forwardFour(double[] w0, double[] w1, double[] w2, double[] w3,
                                    double b0, double b1, double b2, double b3, double[][] xT, int inputs,
                                    double[] z0, double[] z1, double[] z2, double[] z3, int r) {
        DoubleVector a00 = DoubleVector.broadcast(S, b0);
        DoubleVector a01 = a00;
        DoubleVector a10 = DoubleVector.broadcast(S, b1);
        DoubleVector a11 = a10;
        DoubleVector a20 = DoubleVector.broadcast(S, b2);
        DoubleVector a21 = a20;
        DoubleVector a30 = DoubleVector.broadcast(S, b3);
        DoubleVector a31 = a30;
        for (int i = 0; i < inputs; i++) {
            double[] xi = xT[i];
            DoubleVector x0 = DoubleVector.fromArray(S, xi, r);
            DoubleVector x1 = DoubleVector.fromArray(S, xi, r + L);
            DoubleVector s = DoubleVector.broadcast(S, w0[i]);
            a00 = x0.fma(s, a00);
            a01 = x1.fma(s, a01);
            s = DoubleVector.broadcast(S, w1[i]);
            a10 = x0.fma(s, a10);
            a11 = x1.fma(s, a11);
            s = DoubleVector.broadcast(S, w2[i]);
            a20 = x0.fma(s, a20);
            a21 = x1.fma(s, a21);
            s = DoubleVector.broadcast(S, w3[i]);
            a30 = x0.fma(s, a30);
            a31 = x1.fma(s, a31);
        }
        a00.intoArray(z0, r);
        a01.intoArray(z0, r + L);
        a10.intoArray(z1, r);
        a11.intoArray(z1, r + L);
        a20.intoArray(z2, r);
        a21.intoArray(z2, r + L);
        a30.intoArray(z3, r);
        a31.intoArray(z3, r + L);
    }

    /** The tile of {@link #weightedSums} at the last rows: neurons {@code j..j+3} by one masked vector. */
    private static void forwardFourMasked(double[] w0, double[] w1, double[] w2, double[] w3,
                                          double b0, double b1, double b2, double b3, double[][] xT, int inputs,
                                          double[] z0, double[] z1, double[] z2, double[] z3, int r,
                                          VectorMask<Double> m) {
        DoubleVector a0 = DoubleVector.broadcast(S, b0);
        DoubleVector a1 = DoubleVector.broadcast(S, b1);
        DoubleVector a2 = DoubleVector.broadcast(S, b2);
        DoubleVector a3 = DoubleVector.broadcast(S, b3);
        for (int i = 0; i < inputs; i++) {
            DoubleVector x = DoubleVector.fromArray(S, xT[i], r, m);
            a0 = x.fma(DoubleVector.broadcast(S, w0[i]), a0);
            a1 = x.fma(DoubleVector.broadcast(S, w1[i]), a1);
            a2 = x.fma(DoubleVector.broadcast(S, w2[i]), a2);
            a3 = x.fma(DoubleVector.broadcast(S, w3[i]), a3);
        }
        a0.intoArray(z0, r, m);
        a1.intoArray(z1, r, m);
        a2.intoArray(z2, r, m);
        a3.intoArray(z3, r, m);
    }

    /**
     * As {@link MatrixKernels#inputGradients}: {@code dX[r][i] = Σ_j delta[r][j]·w[j][i]} for rows
     * {@code [firstRow, endRow)}.
     */
    public static void inputGradients(double[][] delta, double[][] w, int units, int inputs, double[][] dX,
                                      int firstRow, int endRow) {
        // Columns outer, rows inner: the columns of W a tile reads (units × W doubles, 32 KiB for 256
        // neurons) stay in the cache for every row of the batch, where rows outer would read the whole
        // of W, larger than the L2 cache, once per four rows.
        int fourRowsEnd = firstRow + (endRow - firstRow) / 4 * 4;
        int i = 0;
        for (; i + W <= inputs; i += W) {
            for (int r = firstRow; r < fourRowsEnd; r += 4) {
                sumFour(delta[r], delta[r + 1], delta[r + 2], delta[r + 3], w, units,
                        dX[r], dX[r + 1], dX[r + 2], dX[r + 3], i);
            }
        }
        for (; i < inputs; i += L) {
            VectorMask<Double> m = S.indexInRange(i, inputs);
            for (int r = firstRow; r < fourRowsEnd; r += 4) {
                sumFourMasked(delta[r], delta[r + 1], delta[r + 2], delta[r + 3], w, units,
                        dX[r], dX[r + 1], dX[r + 2], dX[r + 3], i, m);
            }
        }
        for (int r = fourRowsEnd; r < endRow; r++) {
            double[] d = delta[r];
            double[] dx = dX[r];
            for (int c = 0; c < inputs; c += L) {
                VectorMask<Double> m = S.indexInRange(c, inputs);
                DoubleVector acc = DoubleVector.zero(S);
                for (int j = 0; j < units; j++) {
                    acc = DoubleVector.fromArray(S, w[j], c, m).fma(DoubleVector.broadcast(S, d[j]), acc);
                }
                acc.intoArray(dx, c, m);
            }
        }
    }

    /**
     * The full tile of {@link #inputGradients}, and the shape of the other products' too: four rows of
     * the result, {@code c0..c3}, at columns {@code i..i+W-1}, {@code Σ_k s_t[k]·b[k][i..]}.
     */
    private static void sumFour(double[] s0, double[] s1, double[] s2, double[] s3, double[][] b, int count,
                                double[] c0, double[] c1, double[] c2, double[] c3, int i) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        for (int k = 0; k < count; k++) {
            double[] bk = b[k];
            DoubleVector v0 = DoubleVector.fromArray(S, bk, i);
            DoubleVector v1 = DoubleVector.fromArray(S, bk, i + L);
            DoubleVector s = DoubleVector.broadcast(S, s0[k]);
            a00 = v0.fma(s, a00);
            a01 = v1.fma(s, a01);
            s = DoubleVector.broadcast(S, s1[k]);
            a10 = v0.fma(s, a10);
            a11 = v1.fma(s, a11);
            s = DoubleVector.broadcast(S, s2[k]);
            a20 = v0.fma(s, a20);
            a21 = v1.fma(s, a21);
            s = DoubleVector.broadcast(S, s3[k]);
            a30 = v0.fma(s, a30);
            a31 = v1.fma(s, a31);
        }
        a00.intoArray(c0, i);
        a01.intoArray(c0, i + L);
        a10.intoArray(c1, i);
        a11.intoArray(c1, i + L);
        a20.intoArray(c2, i);
        a21.intoArray(c2, i + L);
        a30.intoArray(c3, i);
        a31.intoArray(c3, i + L);
    }

    /** {@link #sumFour} at the last columns: one masked vector. */
    private static void sumFourMasked(double[] s0, double[] s1, double[] s2, double[] s3, double[][] b, int count,
                                      double[] c0, double[] c1, double[] c2, double[] c3, int i,
                                      VectorMask<Double> m) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        for (int k = 0; k < count; k++) {
            DoubleVector v = DoubleVector.fromArray(S, b[k], i, m);
            a0 = v.fma(DoubleVector.broadcast(S, s0[k]), a0);
            a1 = v.fma(DoubleVector.broadcast(S, s1[k]), a1);
            a2 = v.fma(DoubleVector.broadcast(S, s2[k]), a2);
            a3 = v.fma(DoubleVector.broadcast(S, s3[k]), a3);
        }
        a0.intoArray(c0, i, m);
        a1.intoArray(c1, i, m);
        a2.intoArray(c2, i, m);
        a3.intoArray(c3, i, m);
    }

    /**
     * As {@link MatrixKernels#weightGradients}: {@code dW[j][i] = Σ_r delta[r][j]·x[r][i]} for neurons
     * {@code [firstUnit, endUnit)} (added to {@code dW} when {@code accumulate}); then, unless
     * {@code learningRate} is 0, {@code w[j][i] −= learningRate·dW[j][i]}, tile by tile while the
     * gradients are still in registers.
     */
    public static void weightGradients(double[][] delta, double[][] x, int rows, int inputs, double[][] dW,
                                       boolean accumulate, double[][] w, double learningRate, int firstUnit,
                                       int endUnit) {
        // Columns outer, neurons inner: the columns of X a tile reads (rows × W doubles, 8 KiB at batch
        // 64) stay in the L1 cache for every neuron, where neurons outer would read the whole batch
        // from L2 once per four neurons (measured alike, either way and with blocks of inputs or of
        // neurons: what held it back was the step's loads of W, see gradientFour).
        int fourUnitsEnd = firstUnit + (endUnit - firstUnit) / 4 * 4;
        int i = 0;
        for (; i + W <= inputs; i += W) {
            for (int j = firstUnit; j < fourUnitsEnd; j += 4) {
                gradientFour(delta, x, rows, dW, accumulate, w, learningRate, j, i);
            }
        }
        for (; i < inputs; i += L) {
            VectorMask<Double> m = S.indexInRange(i, inputs);
            for (int j = firstUnit; j < fourUnitsEnd; j += 4) {
                gradientFourMasked(delta, x, rows, dW, accumulate, w, learningRate, j, i, m);
            }
        }
        for (int j = fourUnitsEnd; j < endUnit; j++) {
            double[] g = dW[j];
            double[] wj = w[j];
            for (int c = 0; c < inputs; c += L) {
                VectorMask<Double> m = S.indexInRange(c, inputs);
                DoubleVector acc = accumulate ? DoubleVector.fromArray(S, g, c, m) : DoubleVector.zero(S);
                for (int r = 0; r < rows; r++) {
                    acc = DoubleVector.fromArray(S, x[r], c, m).fma(DoubleVector.broadcast(S, delta[r][j]), acc);
                }
                acc.intoArray(g, c, m);
                if (learningRate != 0) {
                    step(wj, c, m, acc, learningRate);
                }
            }
        }
    }

    /**
     * {@code w[i..] −= learningRate·g}, rounded as the plain kernel's {@code w - (learningRate·g)} (two
     * roundings, no FMA) so that both kernels take the same step from the same gradient.
     */
    private static void step(double[] w, int i, VectorMask<Double> m, DoubleVector g, double learningRate) {
        DoubleVector.fromArray(S, w, i, m).sub(g.mul(learningRate)).intoArray(w, i, m);
    }

    private static void step(double[] w, int i, DoubleVector g, double learningRate) {
        DoubleVector.fromArray(S, w, i).sub(g.mul(learningRate)).intoArray(w, i);
    }

    /** The full tile of {@link #weightGradients}: neurons {@code j..j+3} by inputs {@code i..i+W-1}. */
    private static void gradientFour(double[][] delta, double[][] x, int rows, double[][] dW, boolean accumulate,
                                     double[][] w, double learningRate, int j, int i) {
        double[] g0 = dW[j];
        double[] g1 = dW[j + 1];
        double[] g2 = dW[j + 2];
        double[] g3 = dW[j + 3];
        DoubleVector a00;
        DoubleVector a01;
        DoubleVector a10;
        DoubleVector a11;
        DoubleVector a20;
        DoubleVector a21;
        DoubleVector a30;
        DoubleVector a31;
        if (accumulate) {
            a00 = DoubleVector.fromArray(S, g0, i);
            a01 = DoubleVector.fromArray(S, g0, i + L);
            a10 = DoubleVector.fromArray(S, g1, i);
            a11 = DoubleVector.fromArray(S, g1, i + L);
            a20 = DoubleVector.fromArray(S, g2, i);
            a21 = DoubleVector.fromArray(S, g2, i + L);
            a30 = DoubleVector.fromArray(S, g3, i);
            a31 = DoubleVector.fromArray(S, g3, i + L);
        } else {
            a00 = DoubleVector.zero(S);
            a01 = a00;
            a10 = a00;
            a11 = a00;
            a20 = a00;
            a21 = a00;
            a30 = a00;
            a31 = a00;
        }
        // The weights the step will update are loaded before the summed loop, not after it: W (1.6 MB
        // at 784x256) is not in the L2 cache, and a load after the loop stalled each tile on the miss
        // (29-30 -> 33-35 GFLOP/s with the step, at batch 64).
        boolean stepping = learningRate != 0;
        DoubleVector w00 = stepping ? DoubleVector.fromArray(S, w[j], i) : null;
        DoubleVector w01 = stepping ? DoubleVector.fromArray(S, w[j], i + L) : null;
        DoubleVector w10 = stepping ? DoubleVector.fromArray(S, w[j + 1], i) : null;
        DoubleVector w11 = stepping ? DoubleVector.fromArray(S, w[j + 1], i + L) : null;
        DoubleVector w20 = stepping ? DoubleVector.fromArray(S, w[j + 2], i) : null;
        DoubleVector w21 = stepping ? DoubleVector.fromArray(S, w[j + 2], i + L) : null;
        DoubleVector w30 = stepping ? DoubleVector.fromArray(S, w[j + 3], i) : null;
        DoubleVector w31 = stepping ? DoubleVector.fromArray(S, w[j + 3], i + L) : null;
        for (int r = 0; r < rows; r++) {
            double[] xr = x[r];
            double[] d = delta[r];
            DoubleVector v0 = DoubleVector.fromArray(S, xr, i);
            DoubleVector v1 = DoubleVector.fromArray(S, xr, i + L);
            DoubleVector s = DoubleVector.broadcast(S, d[j]);
            a00 = v0.fma(s, a00);
            a01 = v1.fma(s, a01);
            s = DoubleVector.broadcast(S, d[j + 1]);
            a10 = v0.fma(s, a10);
            a11 = v1.fma(s, a11);
            s = DoubleVector.broadcast(S, d[j + 2]);
            a20 = v0.fma(s, a20);
            a21 = v1.fma(s, a21);
            s = DoubleVector.broadcast(S, d[j + 3]);
            a30 = v0.fma(s, a30);
            a31 = v1.fma(s, a31);
        }
        a00.intoArray(g0, i);
        a01.intoArray(g0, i + L);
        a10.intoArray(g1, i);
        a11.intoArray(g1, i + L);
        a20.intoArray(g2, i);
        a21.intoArray(g2, i + L);
        a30.intoArray(g3, i);
        a31.intoArray(g3, i + L);
        if (stepping) {
            w00.sub(a00.mul(learningRate)).intoArray(w[j], i);
            w01.sub(a01.mul(learningRate)).intoArray(w[j], i + L);
            w10.sub(a10.mul(learningRate)).intoArray(w[j + 1], i);
            w11.sub(a11.mul(learningRate)).intoArray(w[j + 1], i + L);
            w20.sub(a20.mul(learningRate)).intoArray(w[j + 2], i);
            w21.sub(a21.mul(learningRate)).intoArray(w[j + 2], i + L);
            w30.sub(a30.mul(learningRate)).intoArray(w[j + 3], i);
            w31.sub(a31.mul(learningRate)).intoArray(w[j + 3], i + L);
        }
    }

    /** {@link #gradientFour} at the last inputs: one masked vector. */
    private static void gradientFourMasked(double[][] delta, double[][] x, int rows, double[][] dW,
                                           boolean accumulate, double[][] w, double learningRate, int j, int i,
                                           VectorMask<Double> m) {
        double[] g0 = dW[j];
        double[] g1 = dW[j + 1];
        double[] g2 = dW[j + 2];
        double[] g3 = dW[j + 3];
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector a0 = accumulate ? DoubleVector.fromArray(S, g0, i, m) : zero;
        DoubleVector a1 = accumulate ? DoubleVector.fromArray(S, g1, i, m) : zero;
        DoubleVector a2 = accumulate ? DoubleVector.fromArray(S, g2, i, m) : zero;
        DoubleVector a3 = accumulate ? DoubleVector.fromArray(S, g3, i, m) : zero;
        for (int r = 0; r < rows; r++) {
            double[] d = delta[r];
            DoubleVector v = DoubleVector.fromArray(S, x[r], i, m);
            a0 = v.fma(DoubleVector.broadcast(S, d[j]), a0);
            a1 = v.fma(DoubleVector.broadcast(S, d[j + 1]), a1);
            a2 = v.fma(DoubleVector.broadcast(S, d[j + 2]), a2);
            a3 = v.fma(DoubleVector.broadcast(S, d[j + 3]), a3);
        }
        a0.intoArray(g0, i, m);
        a1.intoArray(g1, i, m);
        a2.intoArray(g2, i, m);
        a3.intoArray(g3, i, m);
        if (learningRate != 0) {
            step(w[j], i, m, a0, learningRate);
            step(w[j + 1], i, m, a1, learningRate);
            step(w[j + 2], i, m, a2, learningRate);
            step(w[j + 3], i, m, a3, learningRate);
        }
    }

    /** These kernels as {@link LayerProducts}; created only by {@link KernelChoice}, which loads this class. */
    static final class Products implements LayerProducts {
        @Override
        public void weightedSums(double[][] w, double[] biases, double[][] xT, int rows, int inputs, double[][] zT,
                                 int firstUnit, int endUnit) {
            VectorMatrixKernels.weightedSums(w, biases, xT, rows, inputs, zT, firstUnit, endUnit);
        }

        @Override
        public void inputGradients(double[][] delta, double[][] w, int units, int inputs, double[][] dX,
                                   int firstRow, int endRow) {
            VectorMatrixKernels.inputGradients(delta, w, units, inputs, dX, firstRow, endRow);
        }

        @Override
        public void weightGradients(double[][] delta, double[][] x, int rows, int inputs, double[][] dW,
                                    boolean accumulate, double[][] w, double learningRate, int firstUnit,
                                    int endUnit) {
            VectorMatrixKernels.weightGradients(delta, x, rows, inputs, dW, accumulate, w, learningRate, firstUnit,
                    endUnit);
        }

        @Override
        public String name() {
            return "vector (" + S + ")";
        }
    }
}
