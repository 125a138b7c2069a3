package io.backprop.train;

import java.util.Arrays;

/**
 * What a run of {@link io.backprop.Network#fit} did.
 *
 * @param losses the loss over the whole data set after each epoch whose loss was computed, in order:
 *     after epochs {@code lossEvery}, {@code 2·lossEvery}, … (every epoch by default)
 * @param lossEvery how many epochs apart the losses were computed ({@link TrainingOptions#lossEvery()})
 * @param epochs the number of epochs that ran
 * @param stoppedEarly whether the listener stopped the run before its last epoch
 */
public record TrainingResult(double[] losses, int lossEvery, int epochs, boolean stoppedEarly) {
    public TrainingResult {
        if (lossEvery < 1 || epochs < 0 || losses.length != epochs / lossEvery) {
            throw new IllegalArgumentException("losses: found " + losses.length + " after " + epochs
                    + " epochs, one every " + lossEvery + "; expected " + (lossEvery < 1 ? "lossEvery ≥ 1"
                    : epochs / lossEvery));
        }
        losses = losses.clone();
    }

    /** A run whose loss was computed after every epoch: one loss per epoch that ran. */
    public TrainingResult(double[] losses, boolean stoppedEarly) {
        this(losses, 1, losses.length, stoppedEarly);
    }

    /** A copy of the computed losses, the first after epoch {@link #lossEpoch(int) lossEpoch(0)}. */
    @Override
    public double[] losses() {
        return losses.clone();
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
                && Arrays.equals(losses, other.losses);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(losses) * 31 + lossEvery) * 31 + epochs) * 31 + Boolean.hashCode(stoppedEarly);
    }

    @Override
    public String toString() {
        return "TrainingResult[" + epochs + " epochs, final loss " + (losses.length == 0 ? "none" : finalLoss())
                + (lossEvery == 1 ? "" : " (computed every " + lossEvery + " epochs)")
                + (stoppedEarly ? ", stopped early" : "") + "]";
    }
}
