package io.backprop.reference;

/**
 * A second implementation of per-sample SGD on the 2-2-1 sigmoid network, written the way the
 * article's {@code train()} is: nine named scalars, each partial derivative spelled out, every
 * parameter updated right after each sample. The tests compare the reference backend against it.
 */
final class HandUnrolledArticleLoop {
    double w1, w2, w3, w4, w5, w6, b1, b2, b3;

    HandUnrolledArticleLoop(double[] nine) {
        w1 = nine[0];
        w2 = nine[1];
        w3 = nine[2];
        w4 = nine[3];
        w5 = nine[4];
        w6 = nine[5];
        b1 = nine[6];
        b2 = nine[7];
        b3 = nine[8];
    }

    double[] values() {
        return new double[] {w1, w2, w3, w4, w5, w6, b1, b2, b3};
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double derivSigmoid(double x) {
        double fx = sigmoid(x);
        return fx * (1 - fx);
    }

    /** One SGD step on one sample, with the loss (y − ŷ)². */
    void step(double x0, double x1, double yTrue, double learnRate) {
        double sumH1 = w1 * x0 + w2 * x1 + b1;
        double h1 = sigmoid(sumH1);
        double sumH2 = w3 * x0 + w4 * x1 + b2;
        double h2 = sigmoid(sumH2);
        double sumO1 = w5 * h1 + w6 * h2 + b3;
        double yPred = sigmoid(sumO1);

        double dLdYPred = -2 * (yTrue - yPred);

        double dYPredDw5 = h1 * derivSigmoid(sumO1);
        double dYPredDw6 = h2 * derivSigmoid(sumO1);
        double dYPredDb3 = derivSigmoid(sumO1);
        double dYPredDh1 = w5 * derivSigmoid(sumO1);
        double dYPredDh2 = w6 * derivSigmoid(sumO1);

        double dH1Dw1 = x0 * derivSigmoid(sumH1);
        double dH1Dw2 = x1 * derivSigmoid(sumH1);
        double dH1Db1 = derivSigmoid(sumH1);
        double dH2Dw3 = x0 * derivSigmoid(sumH2);
        double dH2Dw4 = x1 * derivSigmoid(sumH2);
        double dH2Db2 = derivSigmoid(sumH2);

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

    /** {@code epochs} passes over the rows in order, one step per row. */
    void train(double[][] x, double[] y, double learnRate, int epochs) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int r = 0; r < x.length; r++) {
                step(x[r][0], x[r][1], y[r], learnRate);
            }
        }
    }
}
