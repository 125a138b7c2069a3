package io.backprop.cli;

import io.backprop.error.ModelFileException;
import io.backprop.model.Model;
import io.backprop.params.Parameters;
import java.nio.file.Path;

/** The parameters a command needs from a model file that must hold them. */
final class Trained {
    private Trained() {
    }

    static Parameters parameters(Model model, Path file, String command) {
        return model.parameters().orElseThrow(() -> new ModelFileException(file
                + ": a spec only (its layers have no \"weights\"); `" + command
                + "` needs a model with weights: train one first with `backprop train`"));
    }
}
