package io.backprop.cli.picture;

import io.backprop.error.BackpropException;

/** A picture cannot be written where it was asked for: a wrong extension, a missing directory, a failed write. */
public final class PictureException extends BackpropException {
    private static final long serialVersionUID = 1L;

    PictureException(String message) {
        super(message);
    }

    PictureException(String message, Throwable cause) {
        super(message, cause);
    }
}
