package io.backprop.train;

/**
 * Sees the loss over the whole data set after each epoch whose loss is computed (every epoch unless
 * {@link TrainingOptions#lossEvery()} says otherwise), and may stop the run.
 */
@FunctionalInterface
public interface EpochListener {
    /** A listener that watches nothing and never stops the run. */
    EpochListener NONE = (epoch, loss) -> TrainingDecision.CONTINUE;

    /**
     * Called after every epoch whose loss is computed.
     *
     * @param epoch the epoch just finished, counting from 1
     * @param loss the loss over every row of the data set with the parameters as they are now
     * @return whether to continue
     */
    TrainingDecision onEpoch(int epoch, double loss);

    /**
     * Called after every epoch whose loss is computed, with the validation figures beside it; by
     * default passes the epoch and the loss to {@link #onEpoch(int, double)}.
     *
     * @return whether to continue
     */
    default TrainingDecision onEpoch(EpochFigures figures) {
        return onEpoch(figures.epoch(), figures.loss());
    }

    /**
     * Called after every epoch whose loss is not computed ({@link TrainingOptions#lossEvery()} above
     * 1), so that a listener that must be able to stop any epoch, as on Ctrl-C, can.
     *
     * @param epoch the epoch just finished, counting from 1
     * @return whether to continue; by default, continue
     */
    default TrainingDecision onEpochWithoutLoss(int epoch) {
        return TrainingDecision.CONTINUE;
    }
}
