package io.backprop.error;

/** A network specification is invalid: a field of a layer or of the network is missing, out of range or unknown. */
public class SpecException extends BackpropException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
