package io.backprop.teaching;

import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;

/**
 * The two XOR variants' training loops, each written out as its source writes it: second
 * implementations, sharing no code with any backend, that a backend's runs on {@link Xor} are
 * compared with.
 */
public final class XorLoops {
    private XorLoops() {
    }

    /**
     * XOR with per-sample SGD: the article's loop ({@link ArticleLoop}) unchanged, on the four rows
     * of XOR in order at {@link Xor#PER_SAMPLE_LEARN_RATE}.
     */
    public static Parameters perSampleSgd(Parameters start, int epochs) {
        return ArticleLoop.train(start, Xor.features(), Xor.targets(), Xor.PER_SAMPLE_LEARN_RATE, epochs);
    }

    /**
     * XOR with full-batch gradient descent on {@link Xor#FULL_BATCH_NETWORK}, written with matrices
     * as its source writes it: the input-to-hidden weights held as {@code [input][hidden]}, and each
     * step {@code W += Xᵀ·δ}, with {@code δ = 2(y − out)·out(1 − out)} at the output chained back
     * through the hidden layer; that is, η = 1 on the summed squared error.
     *
     * @param start the weights to start from, in {@link Xor#FULL_BATCH_NETWORK}'s shape
     * @param steps the steps, one over all four rows each
     * @return the weights after the last step, without biases
     */
    public static Parameters fullBatchWithoutBiases(Parameters start, int steps) {
        double[][] xs = Xor.features();
        double[] ys = Xor.targets();
        double[][] w1 = new double[2][2];
        double[] w2 = new double[2];
        for (int h = 0; h < 2; h++) {
            w2[h] = start.layer(1).weight(0, h);
            for (int i = 0; i < 2; i++) {
                w1[i][h] = start.layer(0).weight(h, i);
            }
        }
        for (int step = 0; step < steps; step++) {
            double[][] d1 = new double[2][2];
            double[] d2 = new double[2];
            for (int r = 0; r < xs.length; r++) {
                double[] layer1 = new double[2];
                for (int h = 0; h < 2; h++) {
                    layer1[h] = sigmoid(xs[r][0] * w1[0][h] + xs[r][1] * w1[1][h]);
                }
                double out = sigmoid(layer1[0] * w2[0] + layer1[1] * w2[1]);
                double delta = 2 * (ys[r] - out) * out * (1 - out);
                for (int h = 0; h < 2; h++) {
                    d2[h] += layer1[h] * delta;
                    double hidden = delta * w2[h] * layer1[h] * (1 - layer1[h]);
                    for (int i = 0; i < 2; i++) {
                        d1[i][h] += xs[r][i] * hidden;
                    }
                }
            }
            for (int h = 0; h < 2; h++) {
                w2[h] += d2[h];
                for (int i = 0; i < 2; i++) {
                    w1[i][h] += d1[i][h];
                }
            }
        }
        return Parameters.of(
                LayerParameters.of(new double[][] {{w1[0][0], w1[1][0]}, {w1[0][1], w1[1][1]}}, null),
                LayerParameters.of(new double[][] {{w2[0], w2[1]}}, null));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
