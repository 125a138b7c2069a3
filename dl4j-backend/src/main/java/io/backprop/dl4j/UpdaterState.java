package io.backprop.dl4j;

import io.backprop.error.BackendException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's updater state in the API's layout, and back.
 *
 * <p>DL4J's {@code MultiLayerUpdater} keeps one state vector for the network, cut into
 * {@code UpdaterBlock}s: each block covers the flat parameters {@code [start, end)} that share an
 * updater configuration, and holds its {@code k} states (Adam's {@code m} then {@code v}) as
 * {@code k} consecutive slots of {@code end − start} values, each in the flat parameters' order
 * (which {@link ParameterLayout} maps to the API's).
 */
final class UpdaterState {
    private UpdaterState() {
    }

    /** The {@code states} states of {@code network}'s updater, one {@link Parameters} each. */
    static List<Parameters> read(NetworkSpec spec, MultiLayerNetwork network, int states) {
        if (states == 0) {
            return List.of();
        }
        MultiLayerUpdater updater = (MultiLayerUpdater) network.getUpdater();
        double[] view = updater.getStateViewArray().toDoubleVector();
        double[][] flat = new double[states][spec.parameterCount()];
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            int length = checkedLength(block, states);
            for (int s = 0; s < states; s++) {
                System.arraycopy(view, block.getUpdaterViewOffsetStart() + s * length, flat[s],
                        block.getParamOffsetStart(), length);
            }
        }
        List<Parameters> values = new ArrayList<>(states);
        for (double[] state : flat) {
            values.add(ParameterLayout.unflatten(spec, state, 1.0));
        }
        return values;
    }

    /** Sets {@code network}'s updater state to {@code values}, one {@link Parameters} per state, in place. */
    static void write(NetworkSpec spec, MultiLayerNetwork network, List<Parameters> values) {
        if (values.isEmpty()) {
            return;
        }
        MultiLayerUpdater updater = (MultiLayerUpdater) network.getUpdater();
        INDArray target = updater.getStateViewArray();
        double[] view = new double[(int) target.length()];
        double[][] flat = new double[values.size()][];
        for (int s = 0; s < flat.length; s++) {
            flat[s] = ParameterLayout.flatten(spec, values.get(s));
        }
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            int length = checkedLength(block, flat.length);
            for (int s = 0; s < flat.length; s++) {
                System.arraycopy(flat[s], block.getParamOffsetStart(), view, block.getUpdaterViewOffsetStart()
                        + s * length, length);
            }
        }
        // In place: every block's GradientUpdater holds views into this one array.
        try (INDArray source = Nd4j.create(view, target.shape(), target.ordering())) {
            target.assign(source);
        }
    }

    private static int checkedLength(UpdaterBlock block, int states) {
        int length = block.getParamOffsetEnd() - block.getParamOffsetStart();
        int slots = block.getUpdaterViewOffsetEnd() - block.getUpdaterViewOffsetStart();
        if (slots != states * length) {
            throw new BackendException("dl4j: an updater block over parameters " + block.getParamOffsetStart()
                    + ".." + block.getParamOffsetEnd() + " holds " + slots + " state values; expected " + states
                    + " per parameter (" + states * length + ")");
        }
        return length;
    }
}
