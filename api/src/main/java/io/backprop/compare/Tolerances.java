package io.backprop.compare;

/**
 * How far two float64 backends may differ on the same spec, parameters and data, per kind of value,
 * as relative differences (see {@link Differences}).
 *
 * @param outputs the network's outputs: the same operations, some sums taken in another order
 * @param losses the loss: one more sum over the outputs
 * @param gradients ∂L/∂θ, relative to the largest gradient of the layer: backprop chains more roundings
 * @param parameters parameters after training, relative to the largest of the layer: every step carries
 *     the last step's rounding along
 */
public record Tolerances(double outputs, double losses, double gradients, double parameters) {
    /** The project's promise: 1e-12 for outputs and losses, 1e-10 for gradients, 1e-9 after training. */
    public static final Tolerances DEFAULT = new Tolerances(1e-12, 1e-12, 1e-10, 1e-9);
}
