package io.backprop.bench;

/**
 * The floor for scenario (a): the article's 2-2-1 sigmoid network with the mse loss written out by
 * hand in plain Java, nine fields and no arrays, as a programmer would write the article's numpy
 * code. Its per-sample SGD step is what no general backend can beat.
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

    HandWrittenArticleNetwork(double[] weightsAndBiases) {
        w1 = weightsAndBiases[0];
        w2 = weightsAndBiases[1];
        w3 = weightsAndBiases[2];
        w4 = weightsAndBiases[3];
        w5 = weightsAndBiases[4];
        w6 = weightsAndBiases[5];
        b1 = weightsAndBiases[6];
        b2 = weightsAndBiases[7];
        b3 = weightsAndBiases[8];
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

    /** The mse over the four people, as the API's {@code fit} computes after every epoch. */
    double loss(double[][] features, double[][] targets) {
        double sum = 0;
        for (int r = 0; r < features.length; r++) {
            double h1 = sigmoid(w1 * features[r][0] + w2 * features[r][1] + b1);
            double h2 = sigmoid(w3 * features[r][0] + w4 * features[r][1] + b2);
            double o1 = sigmoid(w5 * h1 + w6 * h2 + b3);
            double error = targets[r][0] - o1;
            sum += error * error;
        }
        return sum / features.length;
    }
}
