package io.backprop.teaching;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.params.Initializer;
import io.backprop.train.BatchSize;
import org.junit.jupiter.api.Test;

/** The article's example holds the article's numbers, and hands out arrays no caller can change it through. */
class ArticleTest {
    @Test
    void theFourPeopleAreTheArticlesTableLessTheShiftWithOneForFemale() {
        assertThat(Article.TABLE).extracting(Person::name).containsExactly("Alice", "Bob", "Charlie", "Diana");
        assertThat(Article.features()).isDeepEqualTo(new double[][] {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}});
        assertThat(Article.targets()).containsExactly(1, 0, 0, 1);
        assertThat(Article.measured()).isDeepEqualTo(new double[][] {{133, 65}, {160, 72}, {152, 70}, {120, 60}});
        assertThat(Article.PEOPLE.features()).isDeepEqualTo(Article.features());
        assertThat(Article.PEOPLE.targets()).isDeepEqualTo(new double[][] {{1}, {0}, {0}, {1}});
    }

    @Test
    void theNewcomersAreEmilyFemaleAndFrankMale() {
        assertThat(Article.NEWCOMERS).containsExactly(Article.EMILY, Article.FRANK);
        assertThat(Article.EMILY.features()).containsExactly(-7, -3);
        assertThat(Article.FRANK.features()).containsExactly(20, 2);
        assertThat(Article.newcomersMeasured()).isDeepEqualTo(new double[][] {{128, 63}, {155, 68}});
        assertThat(Article.EMILY.female()).isTrue();
        assertThat(Article.FRANK.female()).isFalse();
    }

    @Test
    void theArraysHandedOutAreCopies() {
        Article.features()[0][0] = 99;
        Article.targets()[0] = 99;
        Article.ALICE.features()[0] = 99;

        assertThat(Article.features()[0][0]).isEqualTo(-2);
        assertThat(Article.targets()[0]).isEqualTo(1);
        assertThat(Article.ALICE.features()[0]).isEqualTo(-2);
    }

    @Test
    void theArticleTrainsOneRowAtATimeInOrderAtPointOneForAThousandEpochs() {
        assertThat(Article.TRAINING.learningRate()).isEqualTo(0.1);
        assertThat(Article.TRAINING.epochs()).isEqualTo(1000);
        assertThat(Article.TRAINING.batchSize()).isEqualTo(BatchSize.of(1));
        assertThat(Article.TRAINING.shuffleSeed()).isEmpty();
    }

    @Test
    void theStartIsEveryWeightAndBiasFromAStandardNormalWithSeedOne() {
        assertThat(Article.START).isEqualTo(Initializer.STANDARD_NORMAL.initialize(Article.NETWORK, 1));
        assertThat(ArticleNames.apply(Article.START)).isTrue();
        assertThat(Article.NETWORK.parameterCount()).isEqualTo(9);
    }
}
