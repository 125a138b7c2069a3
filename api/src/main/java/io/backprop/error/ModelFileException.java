package io.backprop.error;

/** A model file cannot be read or written: it is not JSON, has another format version, or a field has the wrong shape. */
public class ModelFileException extends BackpropException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
