package io.backprop.dl4j;

import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The API's parameters in DL4J's flat parameter vector, and back.
 *
 * <p>DL4J keeps, per layer, {@code W} as {@code [nIn, nOut]} in column-major order
 * ({@code W[i][j]}, from input {@code i} into neuron {@code j}), then {@code b} of {@code nOut}.
 * Column-major {@code W[i][j]} sits at {@code j * nIn + i}: exactly where the API's row-major
 * {@code weights[j][i]} sits, so the flat order of one layer's weights is the same in both.
 */
final class ParameterLayout {
    private ParameterLayout() {
    }

    /** The flat DL4J parameter vector holding {@code parameters}. */
    static double[] flatten(NetworkSpec spec, Parameters parameters) {
        double[] flat = new double[spec.parameterCount()];
        int offset = 0;
        for (int l = 0; l < spec.depth(); l++) {
            LayerParameters layer = parameters.layer(l);
            layer.copyWeightsTo(flat, offset);
            offset += layer.units() * layer.inputs();
            if (layer.hasBiases()) {
                layer.copyBiasesTo(flat, offset);
                offset += layer.units();
            }
        }
        return flat;
    }

    /** The API's parameters from DL4J's flat vector (parameters or gradients), each value times {@code scale}. */
    static Parameters unflatten(NetworkSpec spec, INDArray flatVector, double scale) {
        return unflatten(spec, flatVector.toDoubleVector(), scale);
    }

    /** The API's parameters from DL4J's flat vector (parameters or gradients), each value times {@code scale}. */
    static Parameters unflatten(NetworkSpec spec, double[] flat, double scale) {
        List<LayerParameters> layers = new ArrayList<>(spec.depth());
        int offset = 0;
        for (int l = 0; l < spec.depth(); l++) {
            LayerSpec layer = spec.layer(l);
            int inputs = spec.inputsOf(l);
            double[] weights = new double[layer.units() * inputs];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = flat[offset + k] * scale;
            }
            offset += weights.length;
            double[] biases = null;
            if (layer.bias()) {
                biases = new double[layer.units()];
                for (int j = 0; j < biases.length; j++) {
                    biases[j] = flat[offset + j] * scale;
                }
                offset += biases.length;
            }
            layers.add(LayerParameters.ofFlat(layer.units(), inputs, weights, biases));
        }
        return Parameters.of(layers);
    }
}
