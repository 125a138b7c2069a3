package io.backprop.train;

/** Sees the loss over the whole data set after each epoch, and may stop the run. */
@FunctionalInterface
public interface EpochListener {
    /** A listener that watches nothing and never stops the run. */
    EpochListener NONE = (epoch, loss) -> TrainingDecision.CONTINUE;

    /**
     * Called after every epoch.
     *
     * @param epoch the epoch just finished, counting from 1
     * @param loss the loss over every row of the data set with the parameters as they are now
     * @return whether to continue
     */
    TrainingDecision onEpoch(int epoch, double loss);
}
