package io.backprop.explain;

import java.util.Optional;

/**
 * One layer of a network too large to print neuron by neuron.
 *
 * @param name such as {@code hidden layer 2} or {@code output layer}
 * @param units the number of neurons
 * @param activation the activation's id
 * @param zMin the smallest weighted sum
 * @param zMax the largest weighted sum
 * @param outputMin the smallest output
 * @param outputMax the largest output
 * @param largestGradient the weight or bias with the largest {@code |∂L/∂θ|}, when there is a target
 * @param gradientNorm the Euclidean norm of the layer's {@code ∂L/∂θ}, when there is a target
 */
public record LayerSummary(String name, int units, String activation, double zMin, double zMax,
                           double outputMin, double outputMax, Optional<NamedValue> largestGradient,
                           Optional<Double> gradientNorm) {
}
