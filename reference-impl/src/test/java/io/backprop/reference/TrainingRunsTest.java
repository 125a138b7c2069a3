package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Network;
import io.backprop.conformance.TeachingLoops;
import io.backprop.data.DataSet;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training runs of the article and of the two XOR variants (seeds 003 and 004), each compared
 * with a second implementation written the way its source writes it.
 */
class TrainingRunsTest {
    private static final double[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[] XOR_Y = {0, 1, 1, 0};
    private static final DataSet XOR = DataSet.of(XOR_X, new double[][] {{0}, {1}, {1}, {0}});
    private static final double[][] PEOPLE_X = {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}};
    private static final double[] PEOPLE_Y = {1, 0, 0, 1};

    private final ReferenceBackend backend = new ReferenceBackend();

    @Test
    void theArticlesFirstStepOnAliceMatchesTheHandLoopToTheLastBits() {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(ArticleNumbersTest.ARTICLE, 3);
        Network network = backend.create(ArticleNumbersTest.ARTICLE, start);
        network.fit(ArticleNumbersTest.PEOPLE.select(0), TrainingOptions.builder().learningRate(0.1).epochs(1).build());

        Parameters hand = TeachingLoops.article(start, new double[][] {{-2, -1}}, new double[] {1}, 0.1, 1);

        // The same products, multiplied in another order: at most a few units in the last place apart.
        assertNine(network.parameters(), nine(hand), 1e-15);
    }

    @Test
    void theArticlesThousandEpochsMatchTheHandLoop() {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(ArticleNumbersTest.ARTICLE, 1);
        Network network = backend.create(ArticleNumbersTest.ARTICLE, start);
        network.fit(ArticleNumbersTest.PEOPLE, TrainingOptions.builder().learningRate(0.1).epochs(1000)
                .batchSize(BatchSize.of(1)).build());

        Parameters hand = TeachingLoops.article(start, PEOPLE_X, PEOPLE_Y, 0.1, 1000);

        // 4000 steps of last-bit differences from the multiplication order, on parameters of size ~1..4.
        assertNine(network.parameters(), nine(hand), 1e-14);
    }

    @Test
    void seed003XorWithPerSampleSgdMatchesTheHandLoop() {
        NetworkSpec spec = ArticleNumbersTest.ARTICLE;
        Parameters start = Initializer.STANDARD_NORMAL.initialize(spec, 3);
        for (int epochs : new int[] {1, 2, 100}) {
            Network network = backend.create(spec, start);
            network.fit(XOR, TrainingOptions.builder().learningRate(0.1).epochs(epochs).build());

            Parameters hand = TeachingLoops.article(start, XOR_X, XOR_Y, 0.1, epochs);

            // Last-bit differences from the multiplication order, over at most 400 steps.
            assertNine(network.parameters(), nine(hand), 1e-14);
        }
    }

    @Test
    void seed004XorWithoutBiasesFullBatchAndSummedSquaredErrorMatchesItsMatrixLoop() {
        NetworkSpec spec = NetworkSpec.builder(2)
                .layer(2, Activation.SIGMOID, false)
                .layer(1, Activation.SIGMOID, false)
                .loss(Loss.SSE)
                .build();
        Parameters start = Initializer.STANDARD_NORMAL.initialize(spec, 4);
        // Its setup amplifies last-bit rounding: two correct orders of summation part after ~500 steps,
        // so the comparison keeps to one step and to twenty.
        for (int steps : new int[] {1, 20}) {
            Network network = backend.create(spec, start);
            network.fit(XOR, TrainingOptions.builder().learningRate(1).epochs(steps).batchSize(BatchSize.ALL).build());
            Parameters trained = network.parameters();
            Parameters hand = TeachingLoops.seed004(start, XOR_X, XOR_Y, steps);
            double tolerance = steps == 1 ? 1e-15 : 1e-14;
            for (int l = 0; l < 2; l++) {
                assertMatrix(trained.layer(l).weights(), hand.layer(l).weights(), tolerance);
            }
            assertThat(trained.layer(0).hasBiases()).isFalse();
        }
    }

    @Test
    void seed004TrainingLowersTheSummedSquaredErrorOfXor() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(2, Activation.SIGMOID, false).layer(1, Activation.SIGMOID, false)
                .loss(Loss.SSE).build();
        Network network = backend.create(spec, Initializer.STANDARD_NORMAL.initialize(spec, 4));
        double before = network.loss(XOR);

        double after = network.fit(XOR, TrainingOptions.builder().learningRate(1).epochs(1500)
                .batchSize(BatchSize.ALL).build()).finalLoss();

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
