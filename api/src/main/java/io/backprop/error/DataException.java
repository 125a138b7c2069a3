package io.backprop.error;

/** A data set or CSV file cannot be used: it is unreadable, malformed, not numeric, not finite, or does not fit the network. */
public class DataException extends BackpropException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
