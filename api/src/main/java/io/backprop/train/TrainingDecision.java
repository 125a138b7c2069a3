package io.backprop.train;

/** What an {@link EpochListener} wants after an epoch. */
public enum TrainingDecision {
    /** Go on with the next epoch. */
    CONTINUE,
    /** Stop now; the parameters stay as this epoch left them. */
    STOP
}
