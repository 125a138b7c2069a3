package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spi.Backend;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleLoop;
import java.util.List;

/**
 * Every number the article prints (as data, in {@code article-cases.json}; numbers it rounds are
 * checked to the digits it prints), and its 1000-epoch per-sample run from fixed parameters
 * compared with a hand-unrolled loop written as the article writes it.
 */
final class ArticleCases {
    private ArticleCases() {
    }

    /** The article's printed numbers, kept as data, and its training run. */
    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new java.util.ArrayList<>(DataCases.read("article-cases.json"));
        cases.add(new SimpleCase("article.training", "1000 epochs of per-sample SGD, η = 0.1, on the four people end"
                + " where the article's loop ends, and tell Emily from Frank", List.of(Article.NETWORK),
                ArticleCases::training).notes(
                        "1000 epochs of per-sample SGD, η = 0.1, from the article's start on its four people, against "
                        + "the article's loop written out by hand; then Emily above 0.5 and Frank below",
                        Notes.allowed("parameters", Kind.TRAJECTORY),
                        "one step per row, in the rows' order, θ ← θ − η·∂L/∂θ after each row (not once per epoch), "
                        + "and the mse's gradient 2(ŷ − y)"));
        return cases;
    }

    private static void training(Backend backend) {
        Network network = backend.create(Article.NETWORK, Article.START);
        network.fit(Article.PEOPLE, Article.TRAINING);
        Parameters expected = ArticleLoop.train(Article.START);
        Check.parameters("parameters after 1000 epochs", network.parameters(), expected, Tolerances.TRAJECTORY);
        double emily = network.predict(Article.EMILY.features())[0];
        double frank = network.predict(Article.FRANK.features())[0];
        if (!(emily > 0.5 && frank < 0.5)) {
            throw new ConformanceFailure("predictions", Double.NaN, "Emily " + emily + ", Frank " + frank
                    + "; expected Emily > 0.5 and Frank < 0.5", 0);
        }
    }
}
