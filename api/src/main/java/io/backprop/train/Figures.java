package io.backprop.train;

import io.backprop.data.DataSet;
import io.backprop.params.Parameters;
import java.util.Arrays;

/**
 * The figures of one run as they come (losses, penalties, validation losses and accuracies), and
 * early stopping's memory of the best epoch.
 */
final class Figures {
    /** Room for this many losses at the start of a run; more are made as needed. */
    private static final int INITIAL_LOSSES = 1024;

    private final TrainingOptions options;
    private final TrainingLoop.Trainee trainee;
    private final DataSet validation;
    private final int[] validationClasses;
    private final int capacity;
    private double[] losses;
    private double[] penalties;
    private double[] validationLosses;
    private double[] validationAccuracies;
    private int computed;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private Parameters bestParameters;
    private int sinceBest;

    Figures(TrainingOptions options, TrainingLoop.Trainee trainee) {
        this.options = options;
        this.trainee = trainee;
        this.validation = options.validation().orElse(null);
        this.validationClasses = validation == null ? null : ClassTargets.of(validation);
        // Grown as losses come, so that a huge epoch count costs nothing up front.
        this.capacity = options.epochs() / options.lossEvery();
        int initial = Math.min(capacity, INITIAL_LOSSES);
        this.losses = new double[initial];
        this.penalties = new double[initial];
        this.validationLosses = new double[validation == null ? 0 : initial];
        this.validationAccuracies = new double[validationClasses == null ? 0 : initial];
    }

    /** Records the figures after {@code epoch}, computing the penalty and the validation figures. */
    EpochFigures add(int epoch, double loss) {
        if (computed == losses.length) {
            int grown = (int) Math.min(2L * computed + 1, capacity);
            losses = Arrays.copyOf(losses, grown);
            penalties = Arrays.copyOf(penalties, grown);
            validationLosses = Arrays.copyOf(validationLosses, validation == null ? 0 : grown);
            validationAccuracies = Arrays.copyOf(validationAccuracies, validationClasses == null ? 0 : grown);
        }
        double penalty = options.regularization().isNone() ? 0 : options.regularization().penalty(trainee.parameters());
        double validationLoss = Double.NaN;
        double accuracy = Double.NaN;
        if (validation != null) {
            validationLoss = trainee.loss(validation);
            TrainingLoop.finite("validation loss", validationLoss, epoch, options);
            validationLosses[computed] = validationLoss;
            if (validationClasses != null) {
                accuracy = ClassTargets.accuracy(trainee.predict(validation), validationClasses);
                validationAccuracies[computed] = accuracy;
            }
            watch(epoch, validationLoss);
        }
        losses[computed] = loss;
        penalties[computed] = penalty;
        computed++;
        return new EpochFigures(epoch, loss, penalty, validationLoss, accuracy);
    }

    private void watch(int epoch, double validationLoss) {
        if (options.patience() == 0) {
            return;
        }
        if (validationLoss < best - options.minDelta()) {
            best = validationLoss;
            bestEpoch = epoch;
            bestParameters = trainee.parameters();
            sinceBest = 0;
        } else {
            sinceBest++;
        }
    }

    /** Whether early stopping's patience has run out. */
    boolean patienceRunOut() {
        return options.patience() > 0 && sinceBest >= options.patience();
    }

    /** The result after {@code epochs}, going back to the best epoch's parameters under early stopping. */
    TrainingResult result(int epochs, boolean stoppedEarly) {
        int kept = epochs;
        if (bestParameters != null && bestEpoch != epochs) {
            trainee.setParameters(bestParameters);
            kept = bestEpoch;
        }
        int n = computed;
        return new TrainingResult(Arrays.copyOf(losses, n), options.lossEvery(), epochs, stoppedEarly,
                Arrays.copyOf(penalties, n), Arrays.copyOf(validationLosses, validation == null ? 0 : n),
                Arrays.copyOf(validationAccuracies, validationClasses == null ? 0 : n), kept);
    }
}
