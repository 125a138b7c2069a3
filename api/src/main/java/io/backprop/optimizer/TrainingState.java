package io.backprop.optimizer;

import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a network's training stands, backend-neutral, so that training started on one backend
 * continues on another: the optimizer whose state it is, that state in the parameters' layout (one
 * {@link Parameters} per {@link Optimizer#stateNames() state name}: Adam's {@code m} and {@code v},
 * Nesterov's velocity), and the network's iteration and epoch counts, which go on across
 * {@code fit} calls as in DL4J and Keras.
 *
 * @param optimizer the optimizer the state belongs to
 * @param iteration the steps taken so far
 * @param epoch the epochs completed so far
 * @param state one value per weight and bias for each of the optimizer's state names, in their order
 */
public record TrainingState(Optimizer optimizer, long iteration, int epoch, List<Parameters> state) {
    public TrainingState {
        if (iteration < 0 || epoch < 0) {
            throw new TrainingException("training state: found iteration " + iteration + " and epoch " + epoch
                    + "; expected counts of 0 or more");
        }
        if (state.size() != optimizer.stateNames().size()) {
            throw new TrainingException("training state: found " + state.size() + " state values for "
                    + optimizer.name() + "; expected " + optimizer.stateNames().size() + " ("
                    + String.join(", ", optimizer.stateNames()) + ")");
        }
        state = List.copyOf(state);
    }

    /** The state of a network that has not been trained: plain SGD, no steps. */
    public static TrainingState untrained() {
        return new TrainingState(Optimizer.sgd(), 0, 0, List.of());
    }

    /** The state {@code optimizer} starts from on a network of {@code spec}, at these counts. */
    public static TrainingState starting(Optimizer optimizer, NetworkSpec spec, long iteration, int epoch) {
        List<Parameters> state = new ArrayList<>();
        for (int s = 0; s < optimizer.stateNames().size(); s++) {
            state.add(filled(spec, optimizer.initialState()));
        }
        return new TrainingState(optimizer, iteration, epoch, state);
    }

    /** The state called {@code name}, such as Adam's {@code "m"}. */
    public Parameters state(String name) {
        int index = optimizer.stateNames().indexOf(name);
        if (index < 0) {
            throw new TrainingException("training state: " + optimizer.name() + " has no state \"" + name
                    + "\"; expected one of " + optimizer.stateNames());
        }
        return state.get(index);
    }

    /**
     * Checks that every state has the shape of {@code spec}'s parameters.
     *
     * @throws SpecException naming the state and the layer that does not fit
     */
    public TrainingState checkFits(NetworkSpec spec) {
        for (int s = 0; s < state.size(); s++) {
            try {
                state.get(s).checkFits(spec);
            } catch (SpecException e) {
                throw new SpecException("training state \"" + optimizer.stateNames().get(s) + "\": " + e.getMessage());
            }
        }
        return this;
    }

    private static Parameters filled(NetworkSpec spec, double value) {
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            int units = spec.layer(l).units();
            int inputs = spec.inputsOf(l);
            double[] weights = new double[units * inputs];
            java.util.Arrays.fill(weights, value);
            double[] biases = null;
            if (spec.layer(l).bias()) {
                biases = new double[units];
                java.util.Arrays.fill(biases, value);
            }
            layers.add(LayerParameters.ofFlat(units, inputs, weights, biases));
        }
        return Parameters.of(layers);
    }
}
