package io.backprop.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.TrainingException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Epochs over rows read a block at a time, seen through a trainee that records the rows of each
 * batch: each row's one feature is its number, so a batch gathered across blocks shows which rows it
 * took whatever array it arrives in.
 */
class StreamedEpochsTest {
    /** Records the row numbers of each batch. */
    private static final class Recorder implements TrainingLoop.Trainee {
        final List<List<Integer>> batches = new ArrayList<>();
        final List<Integer> blockRowsOfLoss = new ArrayList<>();

        @Override
        public void step(DataSet data, int[] order, int from, int to, double learningRate) {
            List<Integer> rows = new ArrayList<>();
            for (int k = from; k < to; k++) {
                rows.add((int) data.feature(order[k], 0));
            }
            batches.add(rows);
        }

        @Override
        public double loss(DataSet data) {
            blockRowsOfLoss.add(data.rows());
            double sum = 0;
            for (int r = 0; r < data.rows(); r++) {
                sum += data.feature(r, 0);
            }
            return sum / data.rows();
        }

        List<List<Integer>> epoch(int index, int batchesPerEpoch) {
            return batches.subList(index * batchesPerEpoch, (index + 1) * batchesPerEpoch);
        }
    }

    private static DataSet numbered(int rows) {
        double[][] features = new double[rows][];
        double[][] targets = new double[rows][];
        for (int r = 0; r < rows; r++) {
            features[r] = new double[] {r};
            targets[r] = new double[] {r % 2};
        }
        return DataSet.of(features, targets);
    }

    private static TrainingOptions.Builder options() {
        return TrainingOptions.builder().learningRate(0.1).epochs(1);
    }

    private static Recorder inMemory(int rows, TrainingOptions options) {
        Recorder recorder = new Recorder();
        TrainingLoop.run(numbered(rows), options, recorder, Step.startingAt(0, 0));
        return recorder;
    }

    private static Recorder streamed(int rows, int rowsPerBlock, TrainingOptions options) {
        Recorder recorder = new Recorder();
        TrainingLoop.run(DataSource.inBlocks(numbered(rows), rowsPerBlock), options, recorder, Step.startingAt(0, 0),
                true);
        return recorder;
    }

    @Test
    void inOrderTheBatchesAreThoseOfTheRowsHeldWhole() {
        for (int rowsPerBlock : new int[] {1, 2, 3, 5, 7, 50, 51, 200}) {
            for (int batch : new int[] {1, 3, 4, 10, 50, 64}) {
                TrainingOptions options = options().epochs(2).batchSize(BatchSize.of(batch)).build();

                assertThat(streamed(50, rowsPerBlock, options).batches)
                        .as("blocks of %d rows, batches of %d", rowsPerBlock, batch)
                        .isEqualTo(inMemory(50, options).batches);
            }
        }
    }

    @Test
    void aBatchLargerThanABlockGathersSeveralBlocksAndOnlyTheLastBatchIsSmaller() {
        Recorder recorder = streamed(11, 3, options().batchSize(BatchSize.of(5)).build());

        assertThat(recorder.batches).containsExactly(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9), List.of(10));
    }

    @Test
    void shuffledEachEpochVisitsEveryRowOnceInBatchesOfTheSizeAsked() {
        Recorder recorder = streamed(50, 7, options().epochs(4).batchSize(BatchSize.of(8)).shuffle(17).build());

        List<Integer> all = IntStream.range(0, 50).boxed().toList();
        for (int epoch = 0; epoch < 4; epoch++) {
            List<List<Integer>> batches = recorder.epoch(epoch, 7);
            assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(batches.subList(0, 6)).allSatisfy(batch -> assertThat(batch).hasSize(8));
            assertThat(batches.get(6)).hasSize(2);
        }
        assertThat(recorder.epoch(0, 7)).isNotEqualTo(recorder.epoch(1, 7));
        assertThat(recorder.epoch(0, 7).stream().flatMap(List::stream).toList()).isNotEqualTo(all);
    }

    @Test
    void shuffledTheOrderMovesBlocksAndTheRowsWithinThem() {
        Recorder recorder = streamed(40, 10, options().batchSize(BatchSize.of(40)).shuffle(3).build());

        List<Integer> visited = recorder.batches.get(0);
        List<Integer> blocks = new ArrayList<>();
        for (int k = 0; k < 40; k += 10) {
            int block = visited.get(k) / 10;
            blocks.add(block);
            // the ten rows of one block are visited together
            assertThat(visited.subList(k, k + 10)).allSatisfy(row -> assertThat(row / 10).isEqualTo(block));
        }
        assertThat(blocks).containsExactlyInAnyOrder(0, 1, 2, 3).isNotEqualTo(List.of(0, 1, 2, 3));
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedOthers() {
        TrainingOptions seventeen = options().epochs(3).batchSize(BatchSize.of(4)).shuffle(17).build();
        TrainingOptions eighteen = options().epochs(3).batchSize(BatchSize.of(4)).shuffle(18).build();

        assertThat(streamed(30, 4, seventeen).batches).isEqualTo(streamed(30, 4, seventeen).batches)
                .isNotEqualTo(streamed(30, 4, eighteen).batches);
    }

    @Test
    void aRunGoingOnFromANetworksEpochVisitsWhatOneLongerRunWould() {
        TrainingOptions options = options().epochs(5).batchSize(BatchSize.of(4)).shuffle(9).build();
        Recorder whole = streamed(30, 7, options);

        Recorder rest = new Recorder();
        Step afterThree = Step.startingAt(3L * 8, 3);
        TrainingLoop.run(DataSource.inBlocks(numbered(30), 7), options().epochs(2).batchSize(BatchSize.of(4))
                .shuffle(9).build(), rest, afterThree, true);

        assertThat(rest.batches).isEqualTo(whole.batches.subList(3 * 8, 5 * 8));
        assertThat(afterThree.epoch()).isEqualTo(5);
        assertThat(afterThree.iteration()).isEqualTo(5L * 8);
    }

    @Test
    void batchSizeAllIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> streamed(10, 3, options().batchSize(BatchSize.ALL).build()))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("batch size \"all\"")
                .hasMessageContaining("data in memory")
                .hasMessageContaining("expected a batch size in rows");
    }

    @Test
    void theLossOfAnAveragingLossWeighsEachBlockByItsRows() {
        Recorder recorder = new Recorder();
        double loss = TrainingLoop.loss(DataSource.inBlocks(numbered(10), 4), recorder::loss, true);

        assertThat(recorder.blockRowsOfLoss).containsExactly(4, 4, 2);
        assertThat(loss).isCloseTo(4.5, within(1e-15)); // the mean of 0..9
    }

    @Test
    void theLossOfASummingLossAddsTheBlocks() {
        Recorder recorder = new Recorder();
        double loss = TrainingLoop.loss(DataSource.inBlocks(numbered(10), 4), recorder::loss, false);

        assertThat(loss).isCloseTo(1.5 + 5.5 + 8.5, within(1e-15));
    }

    @Test
    void theEpochLossIsThatOfEveryBlock() {
        Recorder recorder = new Recorder();
        TrainingResult result = TrainingLoop.run(DataSource.inBlocks(numbered(10), 3),
                options().epochs(2).batchSize(BatchSize.of(2)).build(), recorder, Step.startingAt(0, 0), true);

        assertThat(result.losses()).containsExactly(4.5, 4.5);
        assertThat(recorder.blockRowsOfLoss).containsExactly(3, 3, 3, 1, 3, 3, 3, 1);
    }
}
