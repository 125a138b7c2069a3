package io.backprop.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.data.DataSet;
import io.backprop.error.TrainingException;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation figures and early stopping in the loop, seen through a trainee whose one "weight" counts
 * its steps and whose validation losses are scripted epoch by epoch.
 */
class EarlyStoppingTest {
    private static final DataSet TRAINING = DataSet.of(new double[][] {{0}, {1}}, new double[][] {{0}, {1}});
    private static final DataSet VALIDATION = DataSet.of(new double[][] {{0}, {1}, {2}, {3}},
            new double[][] {{0, 1}, {1, 0}, {0, 1}, {0, 1}});

    /** Steps once per epoch; predicts class 1 for every row; reports the scripted validation losses in turn. */
    private static final class Scripted implements TrainingLoop.Trainee {
        private final double[] validationLosses;
        private int epochsSeen;
        double weight;
        final List<Long> iterations = new ArrayList<>();

        Scripted(double... validationLosses) {
            this.validationLosses = validationLosses;
        }

        @Override
        public void step(DataSet data, int[] order, int from, int to, double learningRate) {
            weight++;
        }

        @Override
        public void step(DataSet data, int[] order, int from, int to, Step step) {
            iterations.add(step.iteration());
            step(data, order, from, to, step.learningRate());
        }

        @Override
        public double loss(DataSet data) {
            return data == VALIDATION ? validationLosses[epochsSeen++] : 1.0 / (1 + weight);
        }

        @Override
        public Parameters parameters() {
            return Parameters.of(LayerParameters.ofFlat(1, 1, new double[] {weight}, null));
        }

        @Override
        public void setParameters(Parameters parameters) {
            weight = parameters.layer(0).weight(0, 0);
        }

        @Override
        public double[][] predict(DataSet data) {
            double[][] outputs = new double[data.rows()][];
            for (int r = 0; r < outputs.length; r++) {
                outputs[r] = new double[] {0.2, 0.8};
            }
            return outputs;
        }
    }

    private static TrainingOptions.Builder options() {
        return TrainingOptions.builder().epochs(10).batchSize(BatchSize.ALL).validation(VALIDATION);
    }

    @Test
    void validationLossAndAccuracyAreReportedBesideEachLoss() {
        Scripted trainee = new Scripted(0.9, 0.8, 0.7);
        TrainingResult result = TrainingLoop.run(TRAINING, options().epochs(3).build(), trainee);

        assertThat(result.validationLosses()).containsExactly(0.9, 0.8, 0.7);
        // Three of the four rows are class 1, which the trainee always predicts.
        assertThat(result.validationAccuracies()).containsExactly(0.75, 0.75, 0.75);
        assertThat(result.keptEpoch()).isEqualTo(3);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndGoesBackToTheBest() {
        Scripted trainee = new Scripted(0.9, 0.5, 0.6, 0.55, 0.7, 0.1);
        TrainingResult result = TrainingLoop.run(TRAINING, options().earlyStopping(3, 0).build(), trainee);

        assertThat(result.epochs()).isEqualTo(5);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.keptEpoch()).isEqualTo(2);
        assertThat(trainee.weight).isEqualTo(2.0);
    }

    @Test
    void anImprovementSmallerThanMinDeltaDoesNotCount() {
        Scripted trainee = new Scripted(0.9, 0.85, 0.84, 0.83, 0.5, 0.4);
        TrainingResult result = TrainingLoop.run(TRAINING, options().earlyStopping(2, 0.1).build(), trainee);

        assertThat(result.epochs()).isEqualTo(3);
        assertThat(result.keptEpoch()).isEqualTo(1);
        assertThat(trainee.weight).isEqualTo(1.0);
    }

    @Test
    void theCountsGoOnFromTheStepGiven() {
        Scripted trainee = new Scripted(new double[10]);
        Step clock = Step.startingAt(0, 0);
        TrainingOptions twoEpochs = TrainingOptions.builder().epochs(2).batchSize(BatchSize.of(1)).build();
        TrainingLoop.run(TRAINING, twoEpochs, trainee, clock);
        TrainingLoop.run(TRAINING, twoEpochs, trainee, clock);

        assertThat(trainee.iterations).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(clock.iteration()).isEqualTo(8);
        assertThat(clock.epoch()).isEqualTo(4);
    }

    /** Records each batch's rows. */
    private static final class BatchRecorder implements TrainingLoop.Trainee {
        final List<List<Integer>> batches = new ArrayList<>();

        @Override
        public void step(DataSet data, int[] order, int from, int to, double learningRate) {
            batches.add(java.util.Arrays.stream(order, from, to).boxed().toList());
        }

        @Override
        public double loss(DataSet data) {
            return 0;
        }
    }

    @Test
    void shuffledRunsGoOnWhereTheLastStoppedAndAResumedClockReplaysTheShuffles() {
        DataSet ten = DataSet.of(new double[10][1], new double[10][1]);
        TrainingOptions.Builder shuffled = TrainingOptions.builder().batchSize(BatchSize.of(3)).shuffle(5);
        BatchRecorder once = new BatchRecorder();
        TrainingLoop.run(ten, shuffled.epochs(4).build(), once, Step.startingAt(0, 0));

        BatchRecorder twice = new BatchRecorder();
        Step clock = Step.startingAt(0, 0);
        TrainingLoop.run(ten, shuffled.epochs(1).build(), twice, clock);
        TrainingLoop.run(ten, shuffled.epochs(3).build(), twice, clock);
        assertThat(twice.batches).isEqualTo(once.batches);

        BatchRecorder resumed = new BatchRecorder();
        TrainingLoop.run(ten, shuffled.epochs(2).build(), resumed, Step.startingAt(8, 2));
        assertThat(resumed.batches).isEqualTo(once.batches.subList(8, 16));
    }

    @Test
    void earlyStoppingNeedsValidationData() {
        assertThatThrownBy(() -> TrainingOptions.builder().earlyStopping(3, 0).build())
                .isInstanceOf(TrainingException.class)
                .hasMessage("early stopping: found no validation data; expected validation data whose loss can stop"
                        + " the run");
    }
}
