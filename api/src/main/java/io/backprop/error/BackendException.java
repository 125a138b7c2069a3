package io.backprop.error;

/** A backend cannot be found or started, or a network is used by two threads at once. */
public class BackendException extends BackpropException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
