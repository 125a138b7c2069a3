package io.backprop.spi;

import io.backprop.model.Model;
import java.nio.file.Path;

/**
 * A backend's own model file, the way out of Backprop with a trained network and the way back in.
 * A backend that has one returns it from {@link Backend#nativeFormat()}. A format with a place for
 * where training stands keeps the model's {@link Model#training()} there and gives it back, so that
 * the backend's own training, or {@code train --resume} after import, goes on from it (DL4J's does).
 */
public interface NativeModelFormat {
    /** What the file is, for people, such as {@code "DL4J ModelSerializer zip"}. */
    String description();

    /**
     * Writes {@code model}, which must have parameters, as a file of this format, atomically.
     *
     * @throws io.backprop.error.ModelFileException when the file cannot be written
     */
    void write(Model model, Path file);

    /**
     * Reads a file of this format.
     *
     * @throws io.backprop.error.ModelFileException when the file is unreadable, or holds a network
     *     Backprop cannot represent, naming what is not supported
     */
    Model read(Path file);
}
