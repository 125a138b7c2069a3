package io.backprop.optimizer;

import io.backprop.error.TrainingException;

/** The checks of the hyperparameters, each naming the optimizer, the field and the range expected. */
final class Ranges {
    private Ranges() {
    }

    /** {@code value} in [0, 1), as a momentum, a decay or a β must be. */
    static void unitInterval(String owner, String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new TrainingException(owner + " " + field + ": found " + value + "; expected a number in [0, 1)");
        }
    }

    /** {@code value} positive and finite, as an ε must be. */
    static void positive(String owner, String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new TrainingException(owner + " " + field + ": found " + value
                    + "; expected a positive, finite number");
        }
    }

    /** {@code value} zero or positive and finite, as a regularization coefficient must be. */
    static void notNegative(String owner, String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new TrainingException(owner + " " + field + ": found " + value
                    + "; expected zero or a positive, finite number");
        }
    }
}
