package io.backprop.teaching;

import io.backprop.params.Parameters;

/**
 * The article's training loop, written out once as the article writes it: nine named scalars
 * {@code w1 … w6, b1 … b3}, a feedforward for each row, every partial derivative spelled out by
 * name, and each weight and bias updated after each row, rows in order.
 *
 * <p>It is a second implementation, sharing no code with any backend, that a backend's training
 * run is compared with: the conformance kit's {@code article.training} and
 * {@code xor.per-sample-sgd} cases, and the backends' own tests.
 */
public final class ArticleLoop {
    private ArticleLoop() {
    }

    /** The article's own run: {@link Article#EPOCHS} epochs over its four people at {@link Article#LEARN_RATE}. */
    public static Parameters train(Parameters start) {
        return train(start, Article.features(), Article.targets(), Article.LEARN_RATE, Article.EPOCHS);
    }

    /**
     * Per-sample SGD on the article's 2-2-1 sigmoid network with the mse loss: {@code epochs}
     * passes over the rows {@code x} with targets {@code y} in order, from {@code start}.
     *
     * @param start the nine parameters to start from, in the article's shape ({@link ArticleNames})
     * @param x the rows, two features each
     * @param y one target a row
     * @param learnRate the article's {@code learn_rate}, η
     * @param epochs the passes over the rows
     * @return the nine parameters after the last update
     */
    public static Parameters train(Parameters start, double[][] x, double[] y, double learnRate, int epochs) {
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

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double sigmoidDerivative(double x) {
        double fx = sigmoid(x);
        return fx * (1 - fx);
    }
}
