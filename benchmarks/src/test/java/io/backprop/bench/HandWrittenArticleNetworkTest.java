package io.backprop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.params.Parameters;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleLoop;
import io.backprop.teaching.ArticleNames;
import org.junit.jupiter.api.Test;

/** The hand-written floor of scenario (a) takes the article's steps, however differently it computes them. */
class HandWrittenArticleNetworkTest {
    @Test
    void theArticlesThousandEpochsEndWhereTheArticlesLoopEnds() {
        HandWrittenArticleNetwork network = new HandWrittenArticleNetwork(Article.START);
        double[][] x = Article.features();
        double[] y = Article.targets();

        for (int epoch = 0; epoch < Article.EPOCHS; epoch++) {
            for (int r = 0; r < x.length; r++) {
                network.step(x[r][0], x[r][1], y[r], Article.LEARN_RATE);
            }
        }

        Parameters expected = ArticleLoop.train(Article.START);
        // 4000 steps of last-bit differences: the shared factors are multiplied in another order.
        for (String name : ArticleNames.NAMES) {
            assertThat(ArticleNames.get(network.parameters(), name)).as(name)
                    .isCloseTo(ArticleNames.get(expected, name), within(1e-12));
        }
        assertThat(network.loss(x, y)).isLessThan(0.01);
    }
}
