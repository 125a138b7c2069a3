package io.backprop.error;

/**
 * The root of every error Backprop reports about its input or a run.
 *
 * <p>Each message names where the problem is (a file with its line and column, or a field), what
 * was found and what was expected, so that it can be shown to a user as one line.
 */
public abstract class BackpropException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected BackpropException(String message) {
        super(message);
    }

    protected BackpropException(String message, Throwable cause) {
        super(message, cause);
    }
}
