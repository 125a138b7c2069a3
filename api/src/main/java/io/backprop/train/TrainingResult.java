package io.backprop.train;

import java.util.Arrays;

/**
 * What a run of {@link io.backprop.Network#fit} did.
 *
 * @param losses the loss over the whole data set after each epoch whose loss was computed, in order:
 *     after epochs {@code lossEvery}, {@code 2·lossEvery}, … (every epoch by default); the data loss,
 *     without the regularization penalty
 * @param lossEvery how many epochs apart the losses were computed ({@link TrainingOptions#lossEvery()})
 * @param epochs the number of epochs that ran
 * @param stoppedEarly whether the listener or early stopping stopped the run before its last epoch
 * @param penalties beside each loss, the regularization's penalty then
 *     ({@link io.backprop.optimizer.Regularization#penalty}); all 0 without regularization
 * @param validationLosses beside each loss, the validation data's; empty without validation data
 * @param validationAccuracies beside each loss, the share of validation rows whose class was
 *     predicted; empty without validation data or when its targets are not classes
 * @param keptEpoch the epoch whose parameters the network holds at the end: {@code epochs}, or the
 *     best epoch early stopping went back to
 */
public record TrainingResult(double[] losses, int lossEvery, int epochs, boolean stoppedEarly, double[] penalties,
                             double[] validationLosses, double[] validationAccuracies, int keptEpoch) {
    public TrainingResult {
        if (lossEvery < 1 || epochs < 0 || losses.length != epochs / lossEvery) {
            throw new IllegalArgumentException("losses: found " + losses.length + " after " + epochs
                    + " epochs, one every " + lossEvery + "; expected " + (lossEvery < 1 ? "lossEvery ≥ 1"
                    : epochs / lossEvery));
        }
        besideLosses("penalties", penalties, losses, false);
        besideLosses("validationLosses", validationLosses, losses, true);
        besideLosses("validationAccuracies", validationAccuracies, losses, true);
        if (keptEpoch < 0 || keptEpoch > epochs) {
            throw new IllegalArgumentException("keptEpoch: found " + keptEpoch + "; expected 0 to " + epochs);
        }
        losses = losses.clone();
        penalties = penalties.clone();
        validationLosses = validationLosses.clone();
        validationAccuracies = validationAccuracies.clone();
    }

    /** A run without regularization or validation. */
    public TrainingResult(double[] losses, int lossEvery, int epochs, boolean stoppedEarly) {
        this(losses, lossEvery, epochs, stoppedEarly, new double[losses.length], new double[0], new double[0], epochs);
    }

    /** A run whose loss was computed after every epoch: one loss per epoch that ran. */
    public TrainingResult(double[] losses, boolean stoppedEarly) {
        this(losses, 1, losses.length, stoppedEarly);
    }

    private static void besideLosses(String name, double[] values, double[] losses, boolean mayBeEmpty) {
        if (values.length != losses.length && !(mayBeEmpty && values.length == 0)) {
            throw new IllegalArgumentException(name + ": found " + values.length + " values; expected one per loss ("
                    + losses.length + ")" + (mayBeEmpty ? " or none" : ""));
        }
    }

    /** A copy of the computed losses, the first after epoch {@link #lossEpoch(int) lossEpoch(0)}. */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** A copy of the penalties, one per loss. */
    @Override
    public double[] penalties() {
        return penalties.clone();
    }

    /** A copy of the validation losses, one per loss, or none. */
    @Override
    public double[] validationLosses() {
        return validationLosses.clone();
    }

    /** A copy of the validation accuracies, one per loss, or none. */
    @Override
    public double[] validationAccuracies() {
        return validationAccuracies.clone();
    }

    /** The epoch, counting from 1, after which {@code losses()[k]} was computed. */
    public int lossEpoch(int k) {
        if (k < 0 || k >= losses.length) {
            throw new IndexOutOfBoundsException("loss " + k + ": expected 0 to " + (losses.length - 1));
        }
        return (k + 1) * lossEvery;
    }

    /**
     * The last loss computed: the loss after the last epoch that ran when the loss was computed
     * after every epoch.
     *
     * @throws IllegalStateException when no loss was computed (fewer epochs ran than {@code lossEvery})
     */
    public double finalLoss() {
        if (losses.length == 0) {
            throw new IllegalStateException("no loss was computed: " + epochs + " epochs ran, and the loss is computed"
                    + " every " + lossEvery);
        }
        return losses[losses.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult other
                && stoppedEarly == other.stoppedEarly
                && lossEvery == other.lossEvery
                && epochs == other.epochs
                && keptEpoch == other.keptEpoch
                && Arrays.equals(losses, other.losses)
                && Arrays.equals(penalties, other.penalties)
                && Arrays.equals(validationLosses, other.validationLosses)
                && Arrays.equals(validationAccuracies, other.validationAccuracies);
    }

    @Override
    public int hashCode() {
        int hash = ((Arrays.hashCode(losses) * 31 + lossEvery) * 31 + epochs) * 31 + Boolean.hashCode(stoppedEarly);
        hash = (hash * 31 + Arrays.hashCode(penalties)) * 31 + Arrays.hashCode(validationLosses);
        return (hash * 31 + Arrays.hashCode(validationAccuracies)) * 31 + keptEpoch;
    }

    @Override
    public String toString() {
        return "TrainingResult[" + epochs + " epochs, final loss " + (losses.length == 0 ? "none" : finalLoss())
                + (lossEvery == 1 ? "" : " (computed every " + lossEvery + " epochs)")
                + (validationLosses.length == 0 ? "" : ", final validation loss "
                + validationLosses[validationLosses.length - 1])
                + (stoppedEarly ? ", stopped early" : "") + (keptEpoch == epochs ? "" : ", kept epoch " + keptEpoch)
                + "]";
    }
}
