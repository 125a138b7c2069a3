package io.backprop.dl4j;

import io.backprop.error.IoFailure;
import io.backprop.error.ModelFileException;
import io.backprop.model.AtomicFile;
import io.backprop.model.Model;
import io.backprop.spi.NativeModelFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** DL4J's own model file, the zip {@link ModelSerializer} writes; read by {@link Dl4jModels#read}. */
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
            throw new ModelFileException(file + ": cannot be written (" + IoFailure.reason(e) + ")", e);
        }
    }

    /** Reads {@code file} with {@link Dl4jModels#read}, never with {@code ModelSerializer}, whose reader deserializes Java objects. */
    @Override
    public Model read(Path file) {
        return Dl4jModels.read(file);
    }
}
