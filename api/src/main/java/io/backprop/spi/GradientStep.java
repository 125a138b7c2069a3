package io.backprop.spi;

import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer's step for a backend that computes only gradients: the API's own definition applied
 * to the parameters and gradient as values, with the optimizer's state kept here. Slower than a
 * backend's own step (it copies the parameters twice per step), and the same numbers.
 */
final class GradientStep {
    private final NetworkSpec spec;
    /** {@code state[s][2l]}: state {@code s} of layer {@code l}'s weights, row-major; {@code [2l + 1]} its biases. */
    private double[][][] state = new double[0][][];

    GradientStep(NetworkSpec spec) {
        this.spec = spec;
    }

    /** The new parameters after one step of {@code step}'s optimizer from {@code theta} with {@code gradient}. */
    Parameters apply(Parameters theta, Parameters gradient, Step step) {
        Optimizer optimizer = step.optimizer();
        Regularization regularization = step.regularization();
        double rate = step.learningRate();
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            LayerParameters layer = theta.layer(l);
            LayerParameters slope = gradient.layer(l);
            int weightsCount = layer.units() * layer.inputs();
            double[] weights = new double[weightsCount];
            double[] weightSlopes = new double[weightsCount];
            layer.copyWeightsTo(weights, 0);
            slope.copyWeightsTo(weightSlopes, 0);
            optimizer.step(weights, weightSlopes, slot(0, 2 * l), slot(1, 2 * l), weightsCount, rate, step.iteration(),
                    regularization.l2For(false), regularization.decayFor(false, rate));
            double[] biases = null;
            if (layer.hasBiases()) {
                biases = new double[layer.units()];
                double[] biasSlopes = new double[layer.units()];
                layer.copyBiasesTo(biases, 0);
                slope.copyBiasesTo(biasSlopes, 0);
                optimizer.step(biases, biasSlopes, slot(0, 2 * l + 1), slot(1, 2 * l + 1), biases.length, rate,
                        step.iteration(), regularization.l2For(true), regularization.decayFor(true, rate));
            }
            layers.add(LayerParameters.ofFlat(layer.units(), layer.inputs(), weights, biases));
        }
        return Parameters.of(layers);
    }

    private double[] slot(int s, int segment) {
        return s < state.length ? state[s][segment] : null;
    }

    /** The state, one {@link Parameters} per state name. */
    List<Parameters> state() {
        List<Parameters> values = new ArrayList<>();
        for (double[][] segments : state) {
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < spec.depth(); l++) {
                layers.add(LayerParameters.ofFlat(spec.layer(l).units(), spec.inputsOf(l), segments[2 * l],
                        segments[2 * l + 1]));
            }
            values.add(Parameters.of(layers));
        }
        return values;
    }

    /** Sets the state, one {@link Parameters} of the spec's shape per state name. */
    void setState(List<Parameters> values) {
        double[][][] next = new double[values.size()][2 * spec.depth()][];
        for (int s = 0; s < values.size(); s++) {
            for (int l = 0; l < spec.depth(); l++) {
                LayerParameters layer = values.get(s).layer(l);
                next[s][2 * l] = new double[layer.units() * layer.inputs()];
                layer.copyWeightsTo(next[s][2 * l], 0);
                if (layer.hasBiases()) {
                    next[s][2 * l + 1] = new double[layer.units()];
                    layer.copyBiasesTo(next[s][2 * l + 1], 0);
                }
            }
        }
        state = next;
    }
}
