package io.backprop.conformance;

/** The kit's tolerances, float64, one per kind of value, each with why. */
final class KitTolerances {
    /** Outputs against the kit's oracle: the same formulas, sums perhaps in another order. */
    static final double OUTPUTS = 1e-12;
    /** Losses against the oracle: one more sum over outputs and rows. */
    static final double LOSSES = 1e-12;
    /** Gradients against a closed form: the project's promise for gradients ({@code Tolerances.DEFAULT}). */
    static final double GRADIENTS = 1e-10;
    /** The five-point stencil with k = 1e-4 is good to about 1e-10 relative on these losses; 1e-6 leaves room. */
    static final double GRADIENT_CHECK = 1e-6;
    /**
     * Below this times max(1, |L|) a gradient is lost in the stencil's rounding noise (about
     * 3e-12·|L|), where relative error means nothing.
     */
    static final double GRADIENT_CHECK_FLOOR = 1e-9;
    /** The stencil's step k: rounding noise ε·|L|/k stays near 1e-12·|L|, truncation near k⁴. */
    static final double STEP = 1e-4;
    /** Parameters after thousands of steps carry each step's last-bit differences along. */
    static final double TRAJECTORY = 1e-9;

    private KitTolerances() {
    }
}
