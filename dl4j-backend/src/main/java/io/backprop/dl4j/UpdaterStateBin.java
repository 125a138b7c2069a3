package io.backprop.dl4j;

import static io.backprop.dl4j.Dl4jZip.UPDATER_STATE;

import io.backprop.error.ModelFileException;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.TrainingState;
import io.backprop.spec.NetworkSpec;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.zip.ZipEntry;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code updaterState.bin}: DL4J's updater state, the one vector {@code MultiLayerUpdater} keeps, as
 * {@code Nd4j.write} writes it, read without ND4J ({@link Nd4jVector}) as {@link Coefficients} reads
 * the parameters: its headers are checked against the length the configuration's updater needs
 * ({@code k} states per weight and bias) before anything that size is allocated, and no more of it
 * is inflated than those values take.
 *
 * <p>The values are then put into the updater of a network built from the (checked) configuration,
 * whose blocks say which value is which, and read out in the API's layout by {@link UpdaterState}.
 */
final class UpdaterStateBin {
    private UpdaterStateBin() {
    }

    /**
     * The training state in {@code entry}, for {@code optimizer} on {@code spec} at these counts.
     *
     * @param parameters the model's flat parameters, in DL4J's order
     * @throws ModelFileException naming the entry, what it holds and what was expected
     */
    static TrainingState read(Dl4jZip zip, ZipEntry entry, MultiLayerConfiguration configuration, NetworkSpec spec,
                              double[] parameters, Optimizer optimizer, int iteration, int epoch, long maxHeapBytes) {
        int states = optimizer.stateNames().size();
        long expected = (long) states * spec.parameterCount();
        String why = optimizer.name() + " keeps " + states + " value" + (states == 1 ? "" : "s") + " ("
                + String.join(", ", optimizer.stateNames()) + ") per weight and bias, " + expected + " in all";
        if (expected > Dl4jSpec.MAX_PARAMETERS) {
            // One Java array holds them on their way in, as it holds the parameters.
            throw zip.error(UPDATER_STATE, why + "; expected at most " + Dl4jSpec.MAX_PARAMETERS + " in all");
        }
        long largest = Coefficients.MAX_HEADER_BYTES + 8 * expected;
        if (entry.getSize() > largest) {
            throw zip.error(UPDATER_STATE, "declares " + entry.getSize() + " bytes; " + why + ", which take at most "
                    + largest);
        }
        // The values, the network's parameters and its updater's copy of them.
        if (8 * (expected * 3 + 2L * spec.parameterCount()) > maxHeapBytes) {
            throw zip.error(UPDATER_STATE, why + ", more than this JVM's heap holds beside the model (raise -Xmx)");
        }
        Nd4jVector vector = new Nd4jVector(expected, why, "one per state and parameter", "state values",
                message -> zip.error(UPDATER_STATE, message));
        double[] values;
        try (LimitedInputStream counted = zip.open(entry, largest)) {
            DataInputStream in = new DataInputStream(counted);
            Nd4jVector.Type type = vector.readHeaders(in);
            long total = counted.count() + type.bytes * expected;
            if (total > zip.maxInflatedBytes(entry)) {
                throw zip.error(UPDATER_STATE, expected + " " + type + " values take " + total + " bytes, more than its "
                        + entry.getCompressedSize() + " compressed bytes can hold; expected a complete " + UPDATER_STATE);
            }
            values = vector.readValues(in, type);
            if (!counted.atEnd()) {
                throw zip.error(UPDATER_STATE, "goes on after its " + expected + " values; expected it to end there");
            }
        } catch (EOFException e) {
            throw zip.error(UPDATER_STATE, "ends inside its headers; expected ND4J's headers and " + expected + " values");
        } catch (UTFDataFormatException e) {
            throw zip.error(UPDATER_STATE, "holds a malformed name in its headers; expected ND4J's headers");
        } catch (IOException e) {
            throw zip.unreadable(UPDATER_STATE, e);
        }
        Nd4jRuntime.start();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.clone());
        try (INDArray flat = Nd4j.create(parameters, new long[] {1, parameters.length}, 'c')) {
            network.init(flat.castTo(configuration.getDataType()), true);
        }
        INDArray view = ((MultiLayerUpdater) network.getUpdater()).getStateViewArray();
        if (view == null || view.length() != expected) {
            throw zip.error(UPDATER_STATE, "the configuration's updater keeps " + (view == null ? 0 : view.length())
                    + " values; expected " + expected + " (" + why + ")");
        }
        try (INDArray source = Nd4j.create(values, view.shape(), view.ordering())) {
            view.assign(source);
        }
        return new TrainingState(optimizer, iteration, epoch, UpdaterState.read(spec, network, states));
    }
}
