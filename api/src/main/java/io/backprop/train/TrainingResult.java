package io.backprop.train;

import java.util.Arrays;

/**
 * What a run of {@link io.backprop.Network#fit} did.
 *
 * @param losses the loss over the whole data set after each epoch that ran, epoch 1 first
 * @param stoppedEarly whether the listener stopped the run before its last epoch
 */
public record TrainingResult(double[] losses, boolean stoppedEarly) {
    public TrainingResult {
        losses = losses.clone();
    }

    /** A copy of the per-epoch losses. */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** The number of epochs that ran. */
    public int epochs() {
        return losses.length;
    }

    /** The loss after the last epoch that ran. */
    public double finalLoss() {
        return losses[losses.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult other
                && stoppedEarly == other.stoppedEarly
                && Arrays.equals(losses, other.losses);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(losses) * 31 + Boolean.hashCode(stoppedEarly);
    }

    @Override
    public String toString() {
        return "TrainingResult[" + losses.length + " epochs, final loss " + (losses.length == 0 ? "none" : finalLoss())
                + (stoppedEarly ? ", stopped early" : "") + "]";
    }
}
