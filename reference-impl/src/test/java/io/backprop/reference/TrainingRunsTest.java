package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Network;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleLoop;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.teaching.Xor;
import io.backprop.teaching.XorLoops;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training runs of the article and of the two XOR variants (per-sample SGD, and full batch
 * without biases under the summed squared error), each compared with a second implementation
 * written the way its source writes it: {@link ArticleLoop} and {@link XorLoops}.
 */
class TrainingRunsTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Test
    void theArticlesFirstStepOnAliceMatchesTheHandLoopToTheLastBits() {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(Article.NETWORK, 3);
        Network network = backend.create(Article.NETWORK, start);
        network.fit(Article.PEOPLE.select(0), Article.TRAINING.toBuilder().epochs(1).build());

        Parameters hand = ArticleLoop.train(start, new double[][] {Article.ALICE.features()},
                new double[] {Article.ALICE.target()}, Article.LEARN_RATE, 1);

        // The same products, multiplied in another order: at most a few units in the last place apart.
        assertNine(network.parameters(), nine(hand), 1e-15);
    }

    @Test
    void theArticlesThousandEpochsMatchTheHandLoop() {
        Network network = backend.create(Article.NETWORK, Article.START);
        network.fit(Article.PEOPLE, Article.TRAINING);

        Parameters hand = ArticleLoop.train(Article.START);

        // 4000 steps of last-bit differences from the multiplication order, on parameters of size ~1..4.
        assertNine(network.parameters(), nine(hand), 1e-14);
    }

    @Test
    void xorWithPerSampleSgdMatchesTheHandLoop() {
        for (int epochs : new int[] {1, 2, 100}) {
            Network network = backend.create(Xor.PER_SAMPLE_NETWORK, Xor.PER_SAMPLE_START);
            network.fit(Xor.DATA, Xor.perSampleTraining(epochs));

            Parameters hand = XorLoops.perSampleSgd(Xor.PER_SAMPLE_START, epochs);

            // Last-bit differences from the multiplication order, over at most 400 steps.
            assertNine(network.parameters(), nine(hand), 1e-14);
        }
    }

    @Test
    void xorWithoutBiasesFullBatchAndSummedSquaredErrorMatchesItsMatrixLoop() {
        // Its setup amplifies last-bit rounding: two correct orders of summation part after ~500 steps,
        // so the comparison keeps to one step and to twenty.
        for (int steps : new int[] {1, 20}) {
            Network network = backend.create(Xor.FULL_BATCH_NETWORK, Xor.FULL_BATCH_START);
            network.fit(Xor.DATA, Xor.fullBatchTraining(steps));
            Parameters trained = network.parameters();
            Parameters hand = XorLoops.fullBatchWithoutBiases(Xor.FULL_BATCH_START, steps);
            double tolerance = steps == 1 ? 1e-15 : 1e-14;
            for (int l = 0; l < 2; l++) {
                assertMatrix(trained.layer(l).weights(), hand.layer(l).weights(), tolerance);
            }
            assertThat(trained.layer(0).hasBiases()).isFalse();
        }
    }

    @Test
    void fullBatchTrainingWithoutBiasesLowersTheSummedSquaredErrorOfXor() {
        Network network = backend.create(Xor.FULL_BATCH_NETWORK, Xor.FULL_BATCH_START);
        double before = network.loss(Xor.DATA);

        double after = network.fit(Xor.DATA, Xor.fullBatchTraining(1500)).finalLoss();

        assertThat(after).isLessThan(before);
    }

    private static double[] nine(Parameters parameters) {
        return ArticleNames.toMap(parameters).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertNine(Parameters actual, double[] expected, double tolerance) {
        List<String> names = ArticleNames.NAMES;
        for (int k = 0; k < names.size(); k++) {
            assertThat(ArticleNames.get(actual, names.get(k))).as(names.get(k)).isCloseTo(expected[k], within(tolerance));
        }
    }

    private static void assertMatrix(double[][] actual, double[][] expected, double tolerance) {
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertThat(actual[r][c]).as("[%d][%d]", r, c).isCloseTo(expected[r][c], within(tolerance));
            }
        }
    }

}
