package io.backprop.conformance;

import io.backprop.teaching.ArticleNames;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;

/**
 * The teaching sources' training loops, written as they write them: second implementations the
 * kit (and a backend's own tests) compare training runs with.
 */
public final class TeachingLoops {
    private TeachingLoops() {
    }

    /**
     * The article's per-sample SGD on its 2-2-1 sigmoid network: nine named scalars, each partial
     * derivative spelled out, every parameter updated after each sample, rows in order.
     */
    public static Parameters article(Parameters start, double[][] x, double[] y, double learnRate, int epochs) {
        double w1 = ArticleNames.get(start, "w1");
        double w2 = ArticleNames.get(start, "w2");
        double w3 = ArticleNames.get(start, "w3");
        double w4 = ArticleNames.get(start, "w4");
        double w5 = ArticleNames.get(start, "w5");
        double w6 = ArticleNames.get(start, "w6");
        double b1 = ArticleNames.get(start, "b1");
        double b2 = ArticleNames.get(start, "b2");
        double b3 = ArticleNames.get(start, "b3");
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int r = 0; r < x.length; r++) {
                double sumH1 = w1 * x[r][0] + w2 * x[r][1] + b1;
                double h1 = sigmoid(sumH1);
                double sumH2 = w3 * x[r][0] + w4 * x[r][1] + b2;
                double h2 = sigmoid(sumH2);
                double sumO1 = w5 * h1 + w6 * h2 + b3;
                double yPred = sigmoid(sumO1);

                double dLdYPred = -2 * (y[r] - yPred);
                double dYPredDw5 = h1 * sigmoidDerivative(sumO1);
                double dYPredDw6 = h2 * sigmoidDerivative(sumO1);
                double dYPredDb3 = sigmoidDerivative(sumO1);
                double dYPredDh1 = w5 * sigmoidDerivative(sumO1);
                double dYPredDh2 = w6 * sigmoidDerivative(sumO1);
                double dH1Dw1 = x[r][0] * sigmoidDerivative(sumH1);
                double dH1Dw2 = x[r][1] * sigmoidDerivative(sumH1);
                double dH1Db1 = sigmoidDerivative(sumH1);
                double dH2Dw3 = x[r][0] * sigmoidDerivative(sumH2);
                double dH2Dw4 = x[r][1] * sigmoidDerivative(sumH2);
                double dH2Db2 = sigmoidDerivative(sumH2);

                w1 -= learnRate * dLdYPred * dYPredDh1 * dH1Dw1;
                w2 -= learnRate * dLdYPred * dYPredDh1 * dH1Dw2;
                b1 -= learnRate * dLdYPred * dYPredDh1 * dH1Db1;
                w3 -= learnRate * dLdYPred * dYPredDh2 * dH2Dw3;
                w4 -= learnRate * dLdYPred * dYPredDh2 * dH2Dw4;
                b2 -= learnRate * dLdYPred * dYPredDh2 * dH2Db2;
                w5 -= learnRate * dLdYPred * dYPredDw5;
                w6 -= learnRate * dLdYPred * dYPredDw6;
                b3 -= learnRate * dLdYPred * dYPredDb3;
            }
        }
        return ArticleNames.of(w1, w2, w3, w4, w5, w6, b1, b2, b3);
    }

    /**
     * Seed 004's full-batch loop on a 2-2-1 sigmoid network without biases, with its weights1 as
     * [input][hidden]: W += Xᵀ·δ with δ = 2(y − out)·out(1 − out) chained back, that is η = 1 on
     * the summed squared error.
     */
    public static Parameters seed004(Parameters start, double[][] xs, double[] ys, int steps) {
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

    private static double sigmoidDerivative(double x) {
        double fx = sigmoid(x);
        return fx * (1 - fx);
    }
}
