package io.backprop.error;

/** Training options are invalid, or a run failed (its loss became NaN or infinite). */
public class TrainingException extends BackpropException {
    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
