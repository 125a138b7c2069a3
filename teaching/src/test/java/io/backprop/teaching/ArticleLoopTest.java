package io.backprop.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.params.Parameters;
import org.junit.jupiter.api.Test;

/** The article's loop, on its own: what it does needs no backend to see. */
class ArticleLoopTest {
    private static final Parameters ALL_ONES = ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0);

    @Test
    void oneStepOnAliceFromWeightsOneAndBiasesZeroMovesW1ByTheWorkedExamplesGradient() {
        Parameters after = ArticleLoop.train(ALL_ONES, new double[][] {Article.ALICE.features()},
                new double[] {Article.ALICE.target()}, 0.1, 1);

        // The article works ∂L/∂w1 = 0.0214 from rounded factors; unrounded it is 0.0214695…
        assertThat(ArticleNames.get(after, "w1")).isCloseTo(1 - 0.1 * 0.021469535265811107, within(1e-15));
    }

    @Test
    void noEpochsLeaveTheStart() {
        assertThat(ArticleLoop.train(Article.START, Article.features(), Article.targets(), 0.1, 0))
                .isEqualTo(Article.START);
    }

    @Test
    void theArticlesRunIsItsThousandEpochsOverTheFourPeopleAtPointOne() {
        assertThat(ArticleLoop.train(Article.START))
                .isEqualTo(ArticleLoop.train(Article.START, Article.features(), Article.targets(), 0.1, 1000));
    }

    @Test
    void theArticlesRunLowersTheLossOnTheFourPeople() {
        assertThat(mse(ArticleLoop.train(Article.START))).isLessThan(0.01).isLessThan(mse(Article.START));
    }

    /** The mse over the four people, the article's loss, computed here from the nine values. */
    private static double mse(Parameters p) {
        double sum = 0;
        for (Person person : Article.TABLE) {
            double[] x = person.features();
            double h1 = sigmoid(ArticleNames.get(p, "w1") * x[0] + ArticleNames.get(p, "w2") * x[1]
                    + ArticleNames.get(p, "b1"));
            double h2 = sigmoid(ArticleNames.get(p, "w3") * x[0] + ArticleNames.get(p, "w4") * x[1]
                    + ArticleNames.get(p, "b2"));
            double o1 = sigmoid(ArticleNames.get(p, "w5") * h1 + ArticleNames.get(p, "w6") * h2
                    + ArticleNames.get(p, "b3"));
            sum += (person.target() - o1) * (person.target() - o1);
        }
        return sum / Article.TABLE.size();
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
