package io.backprop.reference;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;

/**
 * Central finite differences of {@link Network#loss}, the independent check of every gradient:
 * {@code (L(θ + h) − L(θ − h)) / 2h} for one parameter at a time.
 */
final class FiniteDifferences {
    /** The step: near the cube root of float64's epsilon, where truncation and rounding errors balance. */
    static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** The numerical gradient of {@code network}'s loss on {@code batch}, in the parameters' shape. */
    static Parameters gradients(Network network, DataSet batch) {
        Parameters at = network.parameters();
        Parameters result = at;
        for (int l = 0; l < at.layers().size(); l++) {
            LayerParameters layer = at.layer(l);
            LayerParameters numeric = layer;
            for (int j = 0; j < layer.units(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    double w = layer.weight(j, i);
                    double plus = lossWith(network, at.withLayer(l, layer.withWeight(j, i, w + STEP)), batch);
                    double minus = lossWith(network, at.withLayer(l, layer.withWeight(j, i, w - STEP)), batch);
                    numeric = numeric.withWeight(j, i, (plus - minus) / (2 * STEP));
                }
                if (layer.hasBiases()) {
                    double b = layer.bias(j);
                    double plus = lossWith(network, at.withLayer(l, layer.withBias(j, b + STEP)), batch);
                    double minus = lossWith(network, at.withLayer(l, layer.withBias(j, b - STEP)), batch);
                    numeric = numeric.withBias(j, (plus - minus) / (2 * STEP));
                }
            }
            result = result.withLayer(l, numeric);
        }
        network.setParameters(at);
        return result;
    }

    private static double lossWith(Network network, Parameters parameters, DataSet batch) {
        network.setParameters(parameters);
        return network.loss(batch);
    }

    /** The relative error as DL4J's GradientCheckUtil defines it: {@code |a − n| / (|a| + |n|)}. */
    static double relativeError(double analytic, double numeric) {
        double sum = Math.abs(analytic) + Math.abs(numeric);
        return sum == 0 ? 0 : Math.abs(analytic - numeric) / sum;
    }
}
