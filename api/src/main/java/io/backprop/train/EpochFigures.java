package io.backprop.train;

/**
 * What is known after an epoch whose loss is computed.
 *
 * @param epoch the epoch just finished, counting from 1
 * @param loss the data loss over every training row with the parameters as they are now
 * @param penalty the regularization's penalty then (0 without regularization)
 * @param validationLoss the validation data's loss, or NaN without validation data
 * @param validationAccuracy the share of validation rows whose class is predicted, or NaN without
 *     validation data or when its targets are not classes
 */
public record EpochFigures(int epoch, double loss, double penalty, double validationLoss, double validationAccuracy) {
    /** Whether there are validation figures. */
    public boolean validated() {
        return !Double.isNaN(validationLoss);
    }
}
