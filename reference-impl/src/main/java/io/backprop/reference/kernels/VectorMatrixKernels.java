package io.backprop.reference.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot products of {@link MatrixKernels} written with the Vector API ({@code jdk.incubator.vector}):
 * the same results up to the order of the sums (the last bits); the gradients with the same arguments
 * and layouts, the forward product in the batch's own layout ({@link #weightedSumsOfRows}).
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
 * <p>Remainders: what the full tiles leave (rows of the result beyond a multiple of four, columns
 * beyond a multiple of two vectors) is done one row of the result at a time, a vector at a time while
 * one fits, then element by element; so any shape, down to 1 by 1, is computed. Not with masked
 * vectors: on JDK 25 those allocated (up to 100 KB a call in {@code weightGradients} on small
 * shapes), and a training step must allocate nothing.
 */
public final class VectorMatrixKernels {
    /** The widest vectors of the machine: 512 bits (8 doubles) with AVX-512, 256 with AVX2. */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * The vectors of {@link #weightedSumsOfRows}: 256 bits (4 doubles) where the machine has 256 or more.
     * Its sixteen sums, each a dot product of two rows, load two vectors for every FMA; at 512 bits the
     * kernel ran 1.7 times slower on the AMD EPYC (Zen 4) it was measured on, where a 512-bit load of a
     * {@code double[]} row (whose elements start 16 bytes into a 64-byte line) spans two lines every time.
     */
    private static final VectorSpecies<Double> R = L >= 4 ? DoubleVector.SPECIES_256 : S;
    private static final int RL = R.length();
    /** Columns of a full tile: two vectors. */
    private static final int W = 2 * L;

    private VectorMatrixKernels() {
    }

    /**
     * As {@link LayerProducts#weightedSumsOfRows}: {@code z[r][j] = b[j] + Σ_i w[j][i]·x[r][i]} for rows
     * {@code [0, rows)} and neurons {@code [firstUnit, endUnit)}, in the batch's own layout, so that the
     * forward pass needs no transposes (in the transposed layout of {@link MatrixKernels#weightedSums}
     * they took about a fifth of inference).
     * Each result is a dot product of two rows, both read along their length: a tile of four rows of the
     * batch by four neurons holds its sixteen sums in sixteen vector registers for the whole of the inputs,
     * each step loading four vectors of weights and four of inputs for sixteen FMAs, and adds each vector's
     * lanes once at the end.
     *
     * @param biases null for a layer without biases
     */
    public static void weightedSumsOfRows(double[][] w, double[] biases, double[][] x, int rows, int inputs,
                                          double[][] z, int firstUnit, int endUnit) {
        int fourUnitsEnd = firstUnit + (endUnit - firstUnit) / 4 * 4;
        int fourRowsEnd = rows / 4 * 4;
        int vectorEnd = R.loopBound(inputs);
        for (int j = firstUnit; j < fourUnitsEnd; j += 4) {
            for (int r = 0; r < fourRowsEnd; r += 4) {
                dotsFourByFour(w, biases, x, j, r, inputs, vectorEnd, z);
            }
        }
        for (int j = firstUnit; j < endUnit; j++) {
            double b = bias(biases, j);
            for (int r = j < fourUnitsEnd ? fourRowsEnd : 0; r < rows; r++) {
                z[r][j] = dot(w[j], x[r], inputs, vectorEnd, b);
            }
        }
    }

    /** {@code start + Σ_i a[i]·b[i]} over {@code [0, n)}: a vector at a time up to {@code vectorEnd}. */
    private static double dot(double[] a, double[] b, int n, int vectorEnd, double start) {
        DoubleVector acc = DoubleVector.zero(R);
        for (int i = 0; i < vectorEnd; i += RL) {
            acc = DoubleVector.fromArray(R, a, i).fma(DoubleVector.fromArray(R, b, i), acc);
        }
        return finish(acc, a, b, vectorEnd, n, start);
    }

    /** {@code start} plus the lanes of {@code acc}, plus {@code a[i]·b[i]} over the remainder {@code [from, n)}. */
    private static double finish(DoubleVector acc, double[] a, double[] b, int from, int n, double start) {
        double sum = start + acc.reduceLanes(VectorOperators.ADD);
        for (int i = from; i < n; i++) {
            sum = Math.fma(a[i], b[i], sum);
        }
        return sum;
    }

    /** The sums of rows {@code [r, r + 4)} and neurons {@code [j, j + 4)}: see {@link #weightedSumsOfRows}. */
    private static void dotsFourByFour(double[][] w, double[] biases, double[][] x, int j, int r, int inputs,
                                       int vectorEnd, double[][] z) {
        double[] w0 = w[j];
        double[] w1 = w[j + 1];
        double[] w2 = w[j + 2];
        double[] w3 = w[j + 3];
        double[] x0 = x[r];
        double[] x1 = x[r + 1];
        double[] x2 = x[r + 2];
        double[] x3 = x[r + 3];
        DoubleVector a00 = DoubleVector.zero(R);
        DoubleVector a01 = a00;
        DoubleVector a02 = a00;
        DoubleVector a03 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a12 = a00;
        DoubleVector a13 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a22 = a00;
        DoubleVector a23 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        DoubleVector a32 = a00;
        DoubleVector a33 = a00;
        for (int i = 0; i < vectorEnd; i += RL) {
            DoubleVector v0 = DoubleVector.fromArray(R, w0, i);
            DoubleVector v1 = DoubleVector.fromArray(R, w1, i);
            DoubleVector v2 = DoubleVector.fromArray(R, w2, i);
            DoubleVector v3 = DoubleVector.fromArray(R, w3, i);
            DoubleVector u = DoubleVector.fromArray(R, x0, i);
            a00 = u.fma(v0, a00);
            a01 = u.fma(v1, a01);
            a02 = u.fma(v2, a02);
            a03 = u.fma(v3, a03);
            u = DoubleVector.fromArray(R, x1, i);
            a10 = u.fma(v0, a10);
            a11 = u.fma(v1, a11);
            a12 = u.fma(v2, a12);
            a13 = u.fma(v3, a13);
            u = DoubleVector.fromArray(R, x2, i);
            a20 = u.fma(v0, a20);
            a21 = u.fma(v1, a21);
            a22 = u.fma(v2, a22);
            a23 = u.fma(v3, a23);
            u = DoubleVector.fromArray(R, x3, i);
            a30 = u.fma(v0, a30);
            a31 = u.fma(v1, a31);
            a32 = u.fma(v2, a32);
            a33 = u.fma(v3, a33);
        }
        double b0 = bias(biases, j);
        double b1 = bias(biases, j + 1);
        double b2 = bias(biases, j + 2);
        double b3 = bias(biases, j + 3);
        storeFour(z[r], j, a00, a01, a02, a03, w0, w1, w2, w3, x0, vectorEnd, inputs, b0, b1, b2, b3);
        storeFour(z[r + 1], j, a10, a11, a12, a13, w0, w1, w2, w3, x1, vectorEnd, inputs, b0, b1, b2, b3);
        storeFour(z[r + 2], j, a20, a21, a22, a23, w0, w1, w2, w3, x2, vectorEnd, inputs, b0, b1, b2, b3);
        storeFour(z[r + 3], j, a30, a31, a32, a33, w0, w1, w2, w3, x3, vectorEnd, inputs, b0, b1, b2, b3);
    }

    /** One row's four sums of a tile, finished (lanes added, the inputs' remainder, the bias) and stored. */
    private static void storeFour(double[] zr, int j, DoubleVector a0, DoubleVector a1, DoubleVector a2,
                                  DoubleVector a3, double[] w0, double[] w1, double[] w2, double[] w3, double[] xr,
                                  int vectorEnd, int inputs, double b0, double b1, double b2, double b3) {
        zr[j] = finish(a0, w0, xr, vectorEnd, inputs, b0);
        zr[j + 1] = finish(a1, w1, xr, vectorEnd, inputs, b1);
        zr[j + 2] = finish(a2, w2, xr, vectorEnd, inputs, b2);
        zr[j + 3] = finish(a3, w3, xr, vectorEnd, inputs, b3);
    }

    private static double bias(double[] biases, int j) {
        return biases == null ? 0.0 : biases[j];
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
        int fullInputs = inputs / W * W;
        for (int i = 0; i < fullInputs; i += W) {
            for (int r = firstRow; r < fourRowsEnd; r += 4) {
                sumFour(delta[r], delta[r + 1], delta[r + 2], delta[r + 3], w, units,
                        dX[r], dX[r + 1], dX[r + 2], dX[r + 3], i);
            }
        }
        for (int r = firstRow; r < endRow; r++) {
            inputRow(delta[r], w, units, dX[r], r < fourRowsEnd ? fullInputs : 0, inputs);
        }
    }

    /** Row {@code r}'s gradients at inputs {@code [from, to)}, outside the full tiles. */
    private static void inputRow(double[] d, double[][] w, int units, double[] dx, int from, int to) {
        int c = from;
        for (; c + L <= to; c += L) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < units; j++) {
                acc = DoubleVector.fromArray(S, w[j], c).fma(DoubleVector.broadcast(S, d[j]), acc);
            }
            acc.intoArray(dx, c);
        }
        for (; c < to; c++) {
            double sum = 0.0;
            for (int j = 0; j < units; j++) {
                sum = Math.fma(d[j], w[j][c], sum);
            }
            dx[c] = sum;
        }
    }

    /**
     * The full tile of {@link #inputGradients}, and the shape of {@link #weightGradients}' too: four rows
     * of the result, {@code c0..c3}, at columns {@code i..i+W-1}, {@code Σ_k s_t[k]·b[k][i..]}.
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
        int fullInputs = inputs / W * W;
        for (int i = 0; i < fullInputs; i += W) {
            for (int j = firstUnit; j < fourUnitsEnd; j += 4) {
                gradientFour(delta, x, rows, dW, accumulate, w, learningRate, j, i);
            }
        }
        for (int j = firstUnit; j < endUnit; j++) {
            gradientRow(delta, x, rows, j, dW[j], accumulate, w[j], learningRate,
                    j < fourUnitsEnd ? fullInputs : 0, inputs);
        }
    }

    /** Neuron {@code j}'s gradients and step at inputs {@code [from, to)}, outside the full tiles. */
    private static void gradientRow(double[][] delta, double[][] x, int rows, int j, double[] g, boolean accumulate,
                                    double[] wj, double learningRate, int from, int to) {
        int c = from;
        for (; c + L <= to; c += L) {
            DoubleVector acc;
            if (accumulate) {
                acc = DoubleVector.fromArray(S, g, c);
            } else {
                acc = DoubleVector.zero(S);
            }
            for (int r = 0; r < rows; r++) {
                acc = DoubleVector.fromArray(S, x[r], c).fma(DoubleVector.broadcast(S, delta[r][j]), acc);
            }
            acc.intoArray(g, c);
            if (learningRate != 0) {
                DoubleVector.fromArray(S, wj, c).sub(acc.mul(learningRate)).intoArray(wj, c);
            }
        }
        for (; c < to; c++) {
            double sum = accumulate ? g[c] : 0.0;
            for (int r = 0; r < rows; r++) {
                sum = Math.fma(delta[r][j], x[r][c], sum);
            }
            g[c] = sum;
            if (learningRate != 0) {
                wj[c] -= learningRate * sum;
            }
        }
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
        // (29-30 -> 33-35 GFLOP/s with the step, at batch 64). Loaded even when there is no step (8
        // loads against 64·8 FMAs): a vector or null merged after a branch is allocated on JDK 25.
        boolean stepping = learningRate != 0;
        DoubleVector w00 = DoubleVector.fromArray(S, w[j], i);
        DoubleVector w01 = DoubleVector.fromArray(S, w[j], i + L);
        DoubleVector w10 = DoubleVector.fromArray(S, w[j + 1], i);
        DoubleVector w11 = DoubleVector.fromArray(S, w[j + 1], i + L);
        DoubleVector w20 = DoubleVector.fromArray(S, w[j + 2], i);
        DoubleVector w21 = DoubleVector.fromArray(S, w[j + 2], i + L);
        DoubleVector w30 = DoubleVector.fromArray(S, w[j + 3], i);
        DoubleVector w31 = DoubleVector.fromArray(S, w[j + 3], i + L);
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
            // w − (η·g): two roundings, no FMA, as the plain kernel's step, so both step alike from the
            // same gradient.
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

    /** These kernels as {@link LayerProducts}; created only by {@link KernelChoice}, which loads this class. */
    static final class Products implements LayerProducts {
        /** The plain kernel's: with these kernels the network takes {@link #weightedSumsOfRows} instead. */
        @Override
        public void weightedSums(double[][] w, double[] biases, double[][] xT, int rows, int inputs, double[][] zT,
                                 int firstUnit, int endUnit) {
            MatrixKernels.weightedSums(w, biases, xT, rows, inputs, zT, firstUnit, endUnit);
        }

        @Override
        public boolean sumsRowsInPlace() {
            return true;
        }

        @Override
        public void weightedSumsOfRows(double[][] w, double[] biases, double[][] x, int rows, int inputs,
                                       double[][] z, int firstUnit, int endUnit) {
            VectorMatrixKernels.weightedSumsOfRows(w, biases, x, rows, inputs, z, firstUnit, endUnit);
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
