package io.backprop.model;

import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.train.TrainingOptions;
import java.util.Objects;

/**
 * What a model file keeps so that training can go on where it stopped: the network's
 * {@link TrainingState} (the optimizer with its hyperparameters, its state in the parameters' layout,
 * the iteration and epoch counts) and the options the steps depend on (base learning rate, schedule,
 * regularization).
 *
 * @param state the optimizer's state and the counts
 * @param learningRate the base learning rate {@code η₀}
 * @param schedule the learning-rate schedule
 * @param regularization L2 and weight decay
 */
public record SavedTraining(TrainingState state, double learningRate, LearningRateSchedule schedule,
                            Regularization regularization) {
    public SavedTraining {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(regularization, "regularization");
    }

    /** The state a network reached with these options. */
    public static SavedTraining of(TrainingState state, TrainingOptions options) {
        return new SavedTraining(state, options.learningRate(), options.schedule(), options.regularization());
    }

    /** The optimizer the state belongs to. */
    public Optimizer optimizer() {
        return state.optimizer();
    }

    /** Options that go on with the same optimizer, rate, schedule and regularization, to be completed by the caller. */
    public TrainingOptions.Builder options() {
        return TrainingOptions.builder().optimizer(state.optimizer()).learningRate(learningRate).schedule(schedule)
                .regularization(regularization);
    }
}
