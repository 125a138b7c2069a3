package io.backprop.conformance.comparison;

/**
 * The project's one table of float64 tolerances, each with its reason: the conformance kit checks
 * backends against its oracle with them, {@code backprop check} and {@link BackendComparison} compare
 * backends with {@link #DEFAULT}, and the agreement tests of each backend use the same constants.
 * Every value is relative (see {@link Differences}).
 *
 * <p>An instance is one tolerance per kind of value that a comparison of two backends reports.
 *
 * @param outputs the network's outputs
 * @param losses the loss
 * @param gradients ∂L/∂θ, relative to the largest gradient of the layer
 * @param parameters parameters after training, relative to the largest of the layer
 */
public record Tolerances(double outputs, double losses, double gradients, double parameters) {
    /** Outputs: the same formulas, some sums taken in another order. */
    public static final double OUTPUTS = 1e-12;
    /** Losses: one more sum, over the outputs and the rows. */
    public static final double LOSSES = 1e-12;
    /** Gradients against a closed form: backprop chains more roundings than the forward pass. */
    public static final double GRADIENTS = 1e-10;
    /**
     * Parameters after training: every step carries the last step's rounding along, over thousands
     * of steps.
     */
    public static final double TRAJECTORY = 1e-9;
    /** Gradients against the five-point stencil with step {@link #STENCIL_STEP}: good to about 1e-10 on these losses, 1e-6 leaves room. */
    public static final double GRADIENT_CHECK = 1e-6;
    /**
     * Below this times max(1, |L|) a gradient is lost in the stencil's rounding noise (about
     * 3e-12·|L|), where a relative error means nothing.
     */
    public static final double GRADIENT_CHECK_FLOOR = 1e-9;
    /** The stencil's step k: rounding noise ε·|L|/k stays near 1e-12·|L|, truncation near k⁴. */
    public static final double STENCIL_STEP = 1e-4;

    /** The project's promise between backends: outputs and losses, gradients, parameters after training. */
    public static final Tolerances DEFAULT = new Tolerances(OUTPUTS, LOSSES, GRADIENTS, TRAJECTORY);
}
