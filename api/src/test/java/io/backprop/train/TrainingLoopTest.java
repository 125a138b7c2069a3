package io.backprop.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.data.DataSet;
import io.backprop.error.TrainingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The epoch and batch schedule, seen through a fake update that records each batch's rows. */
class TrainingLoopTest {
    /** Records {@code order[from..to)} of each call, copied, since the loop reuses the array. */
    private static final class Recorder implements TrainingLoop.BatchUpdate {
        final List<List<Integer>> batches = new ArrayList<>();

        @Override
        public void apply(int[] order, int from, int to) {
            batches.add(Arrays.stream(order, from, to).boxed().toList());
        }
    }

    private final Recorder recorder = new Recorder();

    @Test
    void batchSizeOneVisitsEveryRowInOrderEachEpoch() {
        run(4, options().epochs(2).batchSize(BatchSize.of(1)));

        assertThat(recorder.batches).containsExactly(
                List.of(0), List.of(1), List.of(2), List.of(3),
                List.of(0), List.of(1), List.of(2), List.of(3));
    }

    @Test
    void aLastBatchTakesTheRowsLeftOver() {
        run(7, options().epochs(1).batchSize(BatchSize.of(3)));

        assertThat(recorder.batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    }

    @Test
    void allIsOneBatchPerEpoch() {
        run(7, options().epochs(2).batchSize(BatchSize.ALL));

        assertThat(recorder.batches).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6), List.of(0, 1, 2, 3, 4, 5, 6));
    }

    @Test
    void aBatchLargerThanTheDataIsAllOfIt() {
        run(3, options().epochs(1).batchSize(BatchSize.of(10)));

        assertThat(recorder.batches).containsExactly(List.of(0, 1, 2));
    }

    @Test
    void shufflingVisitsAPermutationOfTheRowsEachEpoch() {
        run(10, options().epochs(3).shuffle(17));

        List<Integer> all = IntStream.range(0, 10).boxed().toList();
        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(epochOrder(epoch, 10)).as("epoch %d", epoch + 1).containsExactlyInAnyOrderElementsOf(all);
        }
        assertThat(epochOrder(0, 10)).isNotEqualTo(all);
        assertThat(epochOrder(1, 10)).isNotEqualTo(epochOrder(0, 10));
    }

    @Test
    void theSameSeedGivesTheSameBatches() {
        run(10, options().epochs(3).batchSize(BatchSize.of(4)).shuffle(17));
        Recorder again = new Recorder();
        TrainingLoop.run(rows(10), options().epochs(3).batchSize(BatchSize.of(4)).shuffle(17).build(), again, () -> 1);

        assertThat(again.batches).isEqualTo(recorder.batches);
    }

    @Test
    void differentSeedsGiveDifferentBatches() {
        run(10, options().epochs(3).shuffle(17));
        Recorder other = new Recorder();
        TrainingLoop.run(rows(10), options().epochs(3).shuffle(18).build(), other, () -> 1);

        assertThat(other.batches).isNotEqualTo(recorder.batches);
    }

    @Test
    void eachEpochReshufflesWithOneRandomSeededOncePerRun() {
        // The documented schedule: one java.util.Random(seed) for the run, and at the start of every
        // epoch a Fisher–Yates shuffle of the previous epoch's order, as Collections.shuffle does.
        long seed = 99;
        run(10, options().epochs(3).shuffle(seed));

        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        for (int epoch = 0; epoch < 3; epoch++) {
            Collections.shuffle(order, random);
            assertThat(epochOrder(epoch, 10)).as("epoch %d", epoch + 1).isEqualTo(order);
        }
    }

    @Test
    void recordsTheLossOfEveryEpoch() {
        double[] losses = {0.5, 0.25, 0.125};
        int[] calls = {0};

        TrainingResult result = TrainingLoop.run(rows(2), options().epochs(3).build(), recorder, () -> losses[calls[0]++]);

        assertThat(result.losses()).containsExactly(0.5, 0.25, 0.125);
        assertThat(result.epochs()).isEqualTo(3);
        assertThat(result.finalLoss()).isEqualTo(0.125);
        assertThat(result.stoppedEarly()).isFalse();
    }

    @Test
    void theListenerSeesEachEpochAndItsLoss() {
        List<String> seen = new ArrayList<>();
        int[] calls = {0};
        EpochListener listener = (epoch, loss) -> {
            seen.add(epoch + ":" + loss);
            return TrainingDecision.CONTINUE;
        };

        TrainingLoop.run(rows(2), options().epochs(3).listener(listener).build(), recorder, () -> ++calls[0] * 1.5);

        assertThat(seen).containsExactly("1:1.5", "2:3.0", "3:4.5");
    }

    @Test
    void aListenerThatStopsAfterEpochTwoEndsTheRunThere() {
        EpochListener stopAfterTwo = (epoch, loss) -> epoch == 2 ? TrainingDecision.STOP : TrainingDecision.CONTINUE;

        TrainingResult result = TrainingLoop.run(rows(3), options().epochs(5).listener(stopAfterTwo).build(),
                recorder, () -> 1.0);

        assertThat(result.epochs()).isEqualTo(2);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(recorder.batches).hasSize(2 * 3);
    }

    @Test
    void stoppingAfterTheFirstOfTwoEpochsIsStoppingEarly() {
        TrainingResult result = TrainingLoop.run(rows(3),
                options().epochs(2).listener((epoch, loss) -> TrainingDecision.STOP).build(), recorder, () -> 1.0);

        assertThat(result.epochs()).isEqualTo(1);
        assertThat(result.stoppedEarly()).isTrue();
    }

    @Test
    void stoppingAfterTheLastEpochIsNotStoppingEarly() {
        TrainingResult result = TrainingLoop.run(rows(3),
                options().epochs(1).listener((epoch, loss) -> TrainingDecision.STOP).build(), recorder, () -> 1.0);

        assertThat(result.epochs()).isEqualTo(1);
        assertThat(result.stoppedEarly()).isFalse();
    }

    @Test
    void aNanLossStopsTheRunNamingTheEpoch() {
        double[] losses = {0.5, 0.4, Double.NaN, 0.3};
        int[] calls = {0};
        TrainingOptions options = options().epochs(4).learningRate(2.5).build();

        assertThatThrownBy(() -> TrainingLoop.run(rows(2), options, recorder, () -> losses[calls[0]++]))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("training: the loss became NaN in epoch 3; expected a finite loss")
                .hasMessageContaining("2.5");
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void anInfiniteLossStopsTheRunNamingTheEpoch() {
        TrainingOptions options = options().epochs(4).build();

        assertThatThrownBy(() -> TrainingLoop.run(rows(2), options, recorder, () -> Double.POSITIVE_INFINITY))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("training: the loss became Infinity in epoch 1;");
    }

    @Test
    void lossEveryThreeComputesTheLossAfterEpochsThreeAndSixOnly() {
        List<String> seen = new ArrayList<>();
        int[] calls = {0};
        EpochListener listener = (epoch, loss) -> {
            seen.add(epoch + ":" + loss);
            return TrainingDecision.CONTINUE;
        };

        TrainingResult result = TrainingLoop.run(rows(2), options().epochs(7).lossEvery(3).listener(listener).build(),
                recorder, () -> ++calls[0] * 0.5);

        assertThat(recorder.batches).hasSize(7 * 2);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(seen).containsExactly("3:0.5", "6:1.0");
        assertThat(result.losses()).containsExactly(0.5, 1.0);
        assertThat(result.lossEpoch(0)).isEqualTo(3);
        assertThat(result.lossEpoch(1)).isEqualTo(6);
        assertThat(result.epochs()).isEqualTo(7);
        assertThat(result.lossEvery()).isEqualTo(3);
        assertThat(result.finalLoss()).isEqualTo(1.0);
        assertThat(result.stoppedEarly()).isFalse();
    }

    @Test
    void lossEveryBeyondTheEpochsComputesNoLossAndSaysSo() {
        int[] calls = {0};

        TrainingResult result = TrainingLoop.run(rows(2), options().epochs(2).lossEvery(5).build(), recorder,
                () -> ++calls[0]);

        assertThat(calls[0]).isZero();
        assertThat(recorder.batches).hasSize(2 * 2);
        assertThat(result.losses()).isEmpty();
        assertThat(result.epochs()).isEqualTo(2);
        assertThatThrownBy(result::finalLoss).isInstanceOf(IllegalStateException.class)
                .hasMessage("no loss was computed: 2 epochs ran, and the loss is computed every 5");
    }

    @Test
    void aNanLossBetweenComputationsGoesUnseenUntilTheNextOne() {
        double[] losses = {Double.NaN};
        int[] calls = {0};

        assertThatThrownBy(() -> TrainingLoop.run(rows(2), options().epochs(5).lossEvery(4).build(), recorder,
                () -> losses[calls[0]++]))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("training: the loss became NaN in epoch 4;");
        assertThat(recorder.batches).hasSize(4 * 2);
    }

    @Test
    void aListenerStopsARunWithSparseLossesAtAComputedEpoch() {
        TrainingResult result = TrainingLoop.run(rows(1),
                options().epochs(10).lossEvery(4).listener((epoch, loss) -> TrainingDecision.STOP).build(), recorder,
                () -> 1.0);

        assertThat(result.epochs()).isEqualTo(4);
        assertThat(result.losses()).containsExactly(1.0);
        assertThat(result.stoppedEarly()).isTrue();
    }

    @Test
    void aListenerCanStopBetweenComputedLosses() {
        List<Integer> without = new ArrayList<>();
        EpochListener stopAtFive = new EpochListener() {
            @Override
            public TrainingDecision onEpoch(int epoch, double loss) {
                return TrainingDecision.CONTINUE;
            }

            @Override
            public TrainingDecision onEpochWithoutLoss(int epoch) {
                without.add(epoch);
                return epoch == 5 ? TrainingDecision.STOP : TrainingDecision.CONTINUE;
            }
        };

        TrainingResult result = TrainingLoop.run(rows(1), options().epochs(10).lossEvery(4).listener(stopAtFive).build(),
                recorder, () -> 2.0);

        assertThat(without).containsExactly(1, 2, 3, 5);
        assertThat(result.epochs()).isEqualTo(5);
        assertThat(result.losses()).containsExactly(2.0);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(recorder.batches).hasSize(5);
    }

    @Test
    void aResultRefusesLossesThatDoNotMatchItsEpochs() {
        assertThat(new TrainingResult(new double[3], 2, 7, false).epochs()).isEqualTo(7);
        assertThatThrownBy(() -> new TrainingResult(new double[2], 2, 7, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("losses: found 2 after 7 epochs, one every 2; expected 3");
    }

    /** A trainee whose only parameter is set by each step: finite until {@code badFrom}, then {@code bad}. */
    private static final class Diverging implements TrainingLoop.Trainee {
        final int badFrom;
        final double bad;
        int epoch;
        double parameter;

        Diverging(int badFrom, double bad) {
            this.badFrom = badFrom;
            this.bad = bad;
        }

        @Override
        public void step(DataSet data, int[] order, int from, int to, double learningRate) {
            epoch++;
            parameter = epoch >= badFrom ? bad : epoch;
        }

        @Override
        public double loss(DataSet data) {
            return 0.5; // an infinite weight into a saturating neuron can leave the loss finite
        }

        @Override
        public boolean parametersFinite() {
            return Double.isFinite(parameter);
        }
    }

    @Test
    void parametersThatStopBeingFiniteFailTheRunInTheirEpochWhenEveryLossIsComputed() {
        Diverging trainee = new Diverging(3, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> TrainingLoop.run(rows(1), options().epochs(10).learningRate(5).build(), trainee))
                .isInstanceOf(TrainingException.class)
                .hasMessage("training: the parameters became NaN or infinite in epoch 3; expected finite weights and"
                        + " biases (a smaller learning rate than 5.0 may help)");
        assertThat(trainee.epoch).isEqualTo(3);
    }

    @Test
    void parametersThatStopBeingFiniteFailTheRunWhateverLossEvery() {
        Diverging between = new Diverging(3, Double.NaN);
        assertThatThrownBy(() -> TrainingLoop.run(rows(1), options().epochs(10).lossEvery(4).build(), between))
                .hasMessageStartingWith("training: the parameters became NaN or infinite between epochs 1 and 4;");
        // No loss at all before the end (lossEvery beyond the epochs): the end of the run still checks.
        Diverging never = new Diverging(2, Double.NaN);
        assertThatThrownBy(() -> TrainingLoop.run(rows(1), options().epochs(6).lossEvery(100).build(), never))
                .hasMessageStartingWith("training: the parameters became NaN or infinite between epochs 1 and 6;");
        // The loss after epoch 8 checked them; epochs 9 and 10 ran without.
        Diverging atTheEnd = new Diverging(10, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> TrainingLoop.run(rows(1), options().epochs(10).lossEvery(4).build(), atTheEnd))
                .hasMessageStartingWith("training: the parameters became NaN or infinite between epochs 9 and 10;");
    }

    @Test
    void aListenerStoppingARunStillHasTheParametersChecked() {
        Diverging trainee = new Diverging(2, Double.NaN);
        TrainingOptions stopAtTwo = options().epochs(10).lossEvery(5).listener(new EpochListener() {
            @Override
            public TrainingDecision onEpoch(int epoch, double loss) {
                return TrainingDecision.CONTINUE;
            }

            @Override
            public TrainingDecision onEpochWithoutLoss(int epoch) {
                return epoch == 2 ? TrainingDecision.STOP : TrainingDecision.CONTINUE;
            }
        }).build();
        assertThatThrownBy(() -> TrainingLoop.run(rows(1), stopAtTwo, trainee))
                .hasMessageStartingWith("training: the parameters became NaN or infinite between epochs 1 and 2;");
    }

    @Test
    void aHugeEpochCountAllocatesNothingUpFront() {
        // One double per epoch up front would be 16 GB here; the listener stops the run after three.
        TrainingResult result = TrainingLoop.run(rows(1), options().epochs(Integer.MAX_VALUE)
                .listener((epoch, loss) -> epoch == 3 ? TrainingDecision.STOP : TrainingDecision.CONTINUE).build(),
                recorder, () -> 1.0);
        assertThat(result.losses()).containsExactly(1.0, 1.0, 1.0);
        assertThat(result.stoppedEarly()).isTrue();
    }

    @Test
    void lossesBeyondTheFirstThousandAreAllKept() {
        double[] computed = {0};
        TrainingResult result = TrainingLoop.run(rows(1), options().epochs(5000).build(), recorder,
                () -> ++computed[0]);
        assertThat(result.losses()).hasSize(5000);
        assertThat(result.losses()[4999]).isEqualTo(5000.0);
        assertThat(result.losses()[1024]).isEqualTo(1025.0);
    }

    private List<Integer> epochOrder(int epoch, int rows) {
        List<Integer> order = new ArrayList<>();
        recorder.batches.subList(epoch * rows, (epoch + 1) * rows).forEach(order::addAll);
        return order;
    }

    private TrainingResult run(int rows, TrainingOptions.Builder options) {
        return TrainingLoop.run(rows(rows), options.build(), recorder, () -> 1.0);
    }

    private static TrainingOptions.Builder options() {
        return TrainingOptions.builder();
    }

    /** {@code n} rows of one feature and one target each. */
    private static DataSet rows(int n) {
        double[][] features = new double[n][1];
        double[][] targets = new double[n][1];
        for (int r = 0; r < n; r++) {
            features[r][0] = r;
        }
        return DataSet.of(features, targets);
    }
}
