package io.backprop.explain;

import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import java.util.List;

/**
 * The step the article ends with, for the explained row: each weight and bias after one step of the
 * optimizer from a fresh state, worked from the optimizer's definition, next to the backend's own step.
 *
 * @param optimizer the optimizer, with its hyperparameters
 * @param learningRate the step's {@code η}: the schedule's rate for the first step
 * @param regularization L2 and weight decay
 * @param parameters every weight then every bias, in the order of their names
 */
public record Step(Optimizer optimizer, double learningRate, Regularization regularization,
                   List<ParameterStep> parameters) {
    public Step {
        parameters = List.copyOf(parameters);
    }

    /** The largest {@code |definition − backend|} over the weights and biases. */
    public double largestDifference() {
        return parameters.stream().mapToDouble(p -> Math.abs(p.updated() - p.backend())).max().orElse(0);
    }
}
