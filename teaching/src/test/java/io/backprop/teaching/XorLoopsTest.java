package io.backprop.teaching;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.params.Parameters;
import io.backprop.train.BatchSize;
import org.junit.jupiter.api.Test;

/** The two XOR variants' data, settings and loops, on their own. */
class XorLoopsTest {
    @Test
    void theDataIsTheTruthTableOfXor() {
        assertThat(Xor.DATA.features()).isDeepEqualTo(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        assertThat(Xor.DATA.targets()).isDeepEqualTo(new double[][] {{0}, {1}, {1}, {0}});
        assertThat(Xor.targets()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void perSampleSgdIsTheArticlesLoopOnXor() {
        Parameters start = Xor.PER_SAMPLE_START;

        assertThat(XorLoops.perSampleSgd(start, 3))
                .isEqualTo(ArticleLoop.train(start, Xor.features(), Xor.targets(), 0.1, 3));
        assertThat(Xor.perSampleTraining(3).batchSize()).isEqualTo(BatchSize.of(1));
        assertThat(Xor.perSampleTraining(3).learningRate()).isEqualTo(0.1);
    }

    @Test
    void fullBatchWithoutBiasesKeepsTheNetworksShapeWithoutBiasesAndStartsWhereItIsGiven() {
        Parameters start = Xor.FULL_BATCH_START;

        Parameters after = XorLoops.fullBatchWithoutBiases(start, 5);

        assertThat(XorLoops.fullBatchWithoutBiases(start, 0)).isEqualTo(start);
        assertThat(after.checkFits(Xor.FULL_BATCH_NETWORK)).isSameAs(after);
        assertThat(after.layer(0).hasBiases()).isFalse();
        assertThat(after.layer(1).hasBiases()).isFalse();
        assertThat(after).isNotEqualTo(start);
        assertThat(Xor.fullBatchTraining(5).batchSize()).isEqualTo(BatchSize.ALL);
        assertThat(Xor.fullBatchTraining(5).learningRate()).isEqualTo(1);
    }
}
