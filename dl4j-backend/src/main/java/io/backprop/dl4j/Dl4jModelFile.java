package io.backprop.dl4j;

import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import io.backprop.model.AtomicFile;
import io.backprop.model.Model;
import io.backprop.spi.NativeModelFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** DL4J's own model file, the zip {@link ModelSerializer} writes and reads. */
final class Dl4jModelFile implements NativeModelFormat {
    @Override
    public String description() {
        return "DL4J ModelSerializer zip of a MultiLayerNetwork";
    }

    @Override
    public void write(Model model, Path file) {
        MultiLayerNetwork network = Dl4jModels.toMultiLayerNetwork(model.spec(), model.parameters().orElseThrow(
                () -> new ModelFileException(file + ": cannot export a spec only; expected a model with weights")));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, bytes, false);
            AtomicFile.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Model read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + ": no such file; expected a DL4J model zip");
        }
        Nd4jRuntime.start();
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + ": not a DL4J MultiLayerNetwork zip (" + e.getMessage()
                    + "); expected a file written by ModelSerializer", e);
        }
        try {
            return Dl4jModels.fromMultiLayerNetwork(network);
        } catch (SpecException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }
}
