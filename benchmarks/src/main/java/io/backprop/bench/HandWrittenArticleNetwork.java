package io.backprop.bench;

import io.backprop.params.Parameters;
import io.backprop.teaching.ArticleNames;

/**
 * The floor for scenario (a): the article's 2-2-1 sigmoid network with the mse loss written out by
 * hand in plain Java, nine fields and no arrays, as a programmer would write the article's numpy
 * code for speed. Its per-sample SGD step is what no general backend can beat.
 *
 * <p>It is not the article's loop as the article writes it ({@link io.backprop.teaching.ArticleLoop}),
 * and measures something else on purpose: that loop recomputes the sigmoid for every partial
 * derivative it spells out, fifteen exponentials a step, where this step computes the three
 * activations once and each shared factor of the chain once. The two take the same steps.
 */
final class HandWrittenArticleNetwork {
    private double w1;
    private double w2;
    private double w3;
    private double w4;
    private double w5;
    private double w6;
    private double b1;
    private double b2;
    private double b3;

    /** The network with the nine values of {@code start}, by the article's names. */
    HandWrittenArticleNetwork(Parameters start) {
        w1 = ArticleNames.get(start, "w1");
        w2 = ArticleNames.get(start, "w2");
        w3 = ArticleNames.get(start, "w3");
        w4 = ArticleNames.get(start, "w4");
        w5 = ArticleNames.get(start, "w5");
        w6 = ArticleNames.get(start, "w6");
        b1 = ArticleNames.get(start, "b1");
        b2 = ArticleNames.get(start, "b2");
        b3 = ArticleNames.get(start, "b3");
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** One per-sample SGD step on the row {@code (x1, x2)} with target {@code y}. */
    void step(double x1, double x2, double y, double learningRate) {
        double zH1 = w1 * x1 + w2 * x2 + b1;
        double h1 = sigmoid(zH1);
        double zH2 = w3 * x1 + w4 * x2 + b2;
        double h2 = sigmoid(zH2);
        double zO1 = w5 * h1 + w6 * h2 + b3;
        double o1 = sigmoid(zO1);

        double dLdYPred = -2 * (y - o1);
        double dO1 = o1 * (1 - o1);
        double dH1 = h1 * (1 - h1);
        double dH2 = h2 * (1 - h2);
        double dLdZO1 = dLdYPred * dO1;
        double dLdZH1 = dLdZO1 * w5 * dH1;
        double dLdZH2 = dLdZO1 * w6 * dH2;

        w1 -= learningRate * dLdZH1 * x1;
        w2 -= learningRate * dLdZH1 * x2;
        b1 -= learningRate * dLdZH1;
        w3 -= learningRate * dLdZH2 * x1;
        w4 -= learningRate * dLdZH2 * x2;
        b2 -= learningRate * dLdZH2;
        w5 -= learningRate * dLdZO1 * h1;
        w6 -= learningRate * dLdZO1 * h2;
        b3 -= learningRate * dLdZO1;
    }

    /** The nine values now, as parameters of the article's network. */
    Parameters parameters() {
        return ArticleNames.of(w1, w2, w3, w4, w5, w6, b1, b2, b3);
    }

    /** The mse over the four people, as the API's {@code fit} computes after every epoch. */
    double loss(double[][] features, double[] targets) {
        double sum = 0;
        for (int r = 0; r < features.length; r++) {
            double h1 = sigmoid(w1 * features[r][0] + w2 * features[r][1] + b1);
            double h2 = sigmoid(w3 * features[r][0] + w4 * features[r][1] + b2);
            double o1 = sigmoid(w5 * h1 + w6 * h2 + b3);
            double error = targets[r] - o1;
            sum += error * error;
        }
        return sum / features.length;
    }
}
