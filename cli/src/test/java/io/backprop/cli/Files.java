package io.backprop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The article's model and data files, written into a test's folder. */
final class Files {
    static final String FEEDFORWARD = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [
               {"units": 2, "activation": "sigmoid", "bias": true, "weights": [[0, 1], [0, 1]], "biases": [0, 0]},
               {"units": 1, "activation": "sigmoid", "bias": true, "weights": [[0, 1]], "biases": [0]}]}
            """;
    static final String ALL_ONES = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [
               {"units": 2, "activation": "sigmoid", "bias": true, "weights": [[1, 1], [1, 1]], "biases": [0, 0]},
               {"units": 1, "activation": "sigmoid", "bias": true, "weights": [[1, 1]], "biases": [0]}]}
            """;
    static final String SPEC_ONLY = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [{"units": 2, "activation": "sigmoid"}, {"units": 1, "activation": "sigmoid"}]}
            """;
    static final String PEOPLE = "weight,height,female\n-2,-1,1\n25,6,0\n17,4,0\n-15,-6,1\n";

    private Files() {
    }

    static Path write(Path folder, String name, String content) {
        try {
            return java.nio.file.Files.writeString(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
