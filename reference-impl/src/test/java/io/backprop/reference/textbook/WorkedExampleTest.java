package io.backprop.reference.textbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.data.DataSet;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Parameters;
import org.junit.jupiter.api.Test;

/** The article's worked example of ∂L/∂w1 for Alice, read from the textbook network's own feedforward and backprop. */
class WorkedExampleTest {
    @Test
    void theWorkedExampleOfThePartialDerivativeForAlice() {
        TextbookNetwork network = (TextbookNetwork) new TextbookBackend().create(Article.NETWORK,
                ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0));
        DataSet alice = Article.PEOPLE.select(0);

        Parameters gradients = network.gradients(alice);

        TextbookNetwork.Feedforward pass = network.feedforward(alice.featureRow(0));
        // Alice alone is the whole batch, so her share of it is 1; the gradients it adds up are not read here.
        double[][] dLdh = network.backprop(pass, alice.targetRow(0), 1.0,
                new double[][][] {new double[2][2], new double[1][2]}, new double[][] {new double[2], new double[1]});
        double h1 = pass.h()[0][0];
        double yPred = pass.yPred()[0];
        double dLdYPred = dLdh[1][0];
        double dYPredDh1 = dLdh[0][0] / dLdYPred; // ∂L/∂h1 = ∂L/∂ŷ · ∂ŷ/∂h1
        double dLdw1 = ArticleNames.get(gradients, "w1");
        double dh1Dw1 = dLdw1 / dLdh[0][0]; // ∂L/∂w1 = ∂L/∂h1 · ∂h1/∂w1
        assertThat(h1).isCloseTo(0.0474, within(0.00005));
        assertThat(yPred).isCloseTo(0.524, within(0.0005));
        // The article takes −2(1 − ŷ) with ŷ already rounded to 0.524; unrounded it is −0.95261.
        assertThat(-2 * (1 - Math.round(yPred * 1000) / 1000.0)).isCloseTo(-0.952, within(1e-12));
        assertThat(dLdYPred).isCloseTo(-0.952, within(0.001));
        assertThat(dYPredDh1).isCloseTo(0.249, within(0.0005));
        assertThat(dh1Dw1).isCloseTo(-0.0904, within(0.00005));
        // The article multiplies its rounded factors (0.952 · 0.249 · 0.0904 = 0.02143); unrounded it is 0.021470.
        assertThat(-0.952 * 0.249 * -0.0904).isCloseTo(0.0214, within(0.00005));
        assertThat(dLdw1).isCloseTo(0.0214, within(0.0001));
        assertThat(dLdYPred * dYPredDh1 * dh1Dw1).isCloseTo(dLdw1, within(1e-17));
    }
}
