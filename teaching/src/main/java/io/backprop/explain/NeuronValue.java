package io.backprop.explain;

/**
 * One neuron after feedforward, as the backend computed it.
 *
 * @param name the neuron, such as {@code h1} or {@code o1}
 * @param symbol its output's symbol: its name, or {@code ŷ} for an output neuron
 * @param weightedSum the weighted sum in symbols, such as {@code w1·x1 + w2·x2 + b1}
 * @param z the weighted sum's value
 * @param output the activation of {@code z}
 */
public record NeuronValue(String name, String symbol, String weightedSum, double z, double output) {
}
