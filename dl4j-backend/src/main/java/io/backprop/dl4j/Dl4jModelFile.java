package io.backprop.dl4j;

import io.backprop.error.IoFailure;
import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.model.AtomicFile;
import io.backprop.model.Model;
import io.backprop.params.Parameters;
import io.backprop.spi.NativeModelFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;

/**
 * DL4J's own model file, the zip {@link ModelSerializer} writes; read by {@link Dl4jModels#read}.
 *
 * <p>A model's standardization goes where DL4J keeps a normalizer: {@code normalizer.bin}, a
 * {@link NormalizerStandardize} written by DL4J's {@link NormalizerSerializer}, so that a plain DL4J
 * user gets it back with {@code ModelSerializer.restoreMultiLayerNetworkAndNormalizer}. Its class
 * names go in an entry of Backprop's own, {@code backprop/classes.json} ({@link ClassesJson}), which
 * DL4J does not read.
 *
 * <p>A model's training entry goes where DL4J keeps training: the layers' updater (with its
 * learning rate and schedule) and regularization in {@code configuration.json}, the iteration and
 * epoch counts there too, and the optimizer's state in {@code updaterState.bin}, so that
 * {@code ModelSerializer.restoreMultiLayerNetwork(file, true)} goes on training where Backprop stopped,
 * and {@link #read} gives the entry back.
 */
final class Dl4jModelFile implements NativeModelFormat {
    @Override
    public String description() {
        return "DL4J ModelSerializer zip of a MultiLayerNetwork";
    }

    @Override
    public void write(Model model, Path file) {
        Parameters parameters = model.parameters().orElseThrow(
                () -> new ModelFileException(file + ": cannot export a spec only; expected a model with weights"));
        NormalizerStandardize normalizer = null;
        try {
            MultiLayerNetwork network = model.training()
                    .map(training -> Dl4jModels.toMultiLayerNetwork(model.spec(), parameters, training.state(),
                            training.options().build()))
                    .orElseGet(() -> Dl4jModels.toMultiLayerNetwork(model.spec(), parameters));
            normalizer = model.standardization().map(Dl4jModels::toNormalizer).orElse(null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // With a training entry, DL4J's updater keeps its state in updaterState.bin.
            ModelSerializer.writeModel(network, bytes, model.training().isPresent());
            byte[] zip = bytes.toByteArray();
            if (normalizer != null || model.classes().isPresent()) {
                byte[] classes = model.classes().map(ClassesJson::write).orElse(null);
                zip = withEntries(zip, normalizer, classes);
            }
            AtomicFile.write(file, zip);
        } catch (SpecException | TrainingException e) {
            throw new ModelFileException(file + ": cannot export to DL4J: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot be written (" + IoFailure.reason(e) + ")", e);
        } finally {
            if (normalizer != null) {
                normalizer.getMean().close();
                normalizer.getStd().close();
            }
        }
    }

    /**
     * ModelSerializer's {@code zip} with normalizer.bin and backprop/classes.json added (either may
     * be null). {@code ModelSerializer.writeModel(network, stream, saveUpdater, normalizer)} would write
     * the first, but in DL4J 1.0.0-M2.1 it throws after {@link NormalizerSerializer} has closed the zip
     * under it (deeplearning4j issues 7214 and 10154), and {@code addNormalizerToModel} rewrites a file
     * in place; so the network's entries are copied into a new zip and the normalizer written as both
     * write it, by {@code NormalizerSerializer}. A model zip is in memory already; this holds it twice
     * for a moment.
     */
    private static byte[] withEntries(byte[] zip, NormalizerStandardize normalizer, byte[] classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length + 1024);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            if (normalizer != null) {
                out.putNextEntry(new ZipEntry(ModelSerializer.NORMALIZER_BIN));
                NormalizerSerializer.getDefault().write(normalizer, new Unclosable(out));
                out.closeEntry();
            }
            if (classes != null) {
                out.putNextEntry(new ZipEntry(Dl4jZip.CLASSES));
                out.write(classes);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Reads {@code file} with {@link Dl4jModels#read}, never with {@code ModelSerializer}, whose reader deserializes Java objects. */
    @Override
    public Model read(Path file) {
        return Dl4jModels.read(file);
    }

    /** A stream whose {@code close} only flushes: DL4J's normalizer strategies close the stream they are given. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
