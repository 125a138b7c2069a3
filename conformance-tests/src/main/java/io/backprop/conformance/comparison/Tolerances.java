package io.backprop.conformance.comparison;

/**
 * The project's one table of tolerances, each with its reason: float64's, the project's promise, and
 * below them those of the float32 profile a float32 backend may declare. The conformance kit checks
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
    /**
     * Parameters after one or two optimizer steps against the step's closed form, relative to each
     * layer's largest: the update is a handful of operations per value on the same gradient (a square
     * root, a division), each rounded once, so {@code θ − u} differs from the formula by a few
     * epsilons of {@code θ}; 1e-12 leaves room for the gradient's own rounding, which the update
     * carries at most once or twice.
     */
    public static final double OPTIMIZER_STEP = 1e-12;
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

    // The float32 profile: for a backend that computes in float32 (on a GPU, say) and declares so.
    // Float64 stays the default and the project's promise.

    /** Float64's machine epsilon, 2^-52 ≈ 2.2e-16: the gap between 1 and the next double. */
    public static final double FLOAT64_EPSILON = 0x1p-52;
    /** Float32's machine epsilon, 2^-23 ≈ 1.2e-7: the gap between 1 and the next float. */
    public static final double FLOAT32_EPSILON = 0x1p-23;
    /**
     * The largest float32 tolerance, 2^-11 ≈ 4.9e-4: 2^12 float32 epsilons, as {@link #OUTPUTS} is about
     * 2^12 float64 ones. Each float32 tolerance is its float64 one carried over at the same number of
     * epsilons (×2^29: a computation loses the same digits to rounding and conditioning in either format),
     * but none above this. Float64's larger allowances for gradients (2^19 epsilons) and trajectories
     * (2^22) spend digits float64 has to spare; carried over they would be 5.4e-2 and 0.54 and pass
     * mistakes the kit exists to catch. Measured on the kit's own test backends: a sound float32 backend
     * is off by at most 3.4e-5 on any kind of value, 14 times under this; the smallest difference by
     * which one of the kit's broken backends is still caught is 2.0e-3 (1 − a of a saturated output taken
     * from the rounded a, on {@code saturation.sigmoid-mse}), 4 times over it. Never below the float64
     * tolerance either.
     */
    public static final double FLOAT32_CEILING = 0x1p-11;
    /**
     * Outputs in float32: {@link #OUTPUTS} is 4500 float64 epsilons; 4500 float32 ones are 5.4e-4, capped
     * to the ceiling. The same formulas lose the same digits in float32: the kit's float32 test backend
     * is off by at most 1.8e-5 (150 epsilons: an e^z with |z| ≈ 20 summed from large terms). Values
     * below float32's smallest normal number, 2^-126 ≈ 1.2e-38, have no relative precision in float32
     * (they round to 0 or lose digits), so in this profile they count as 0 on both sides.
     */
    public static final double OUTPUTS_FLOAT32 = FLOAT32_CEILING;
    /** Losses in float32: as {@link #OUTPUTS_FLOAT32}, one more sum; the test backend's worst is 8.7e-7. */
    public static final double LOSSES_FLOAT32 = FLOAT32_CEILING;
    /**
     * Gradients against a closed form in float32: {@link #GRADIENTS} carried over is 5.4e-2, which would
     * pass a gradient off by 5%; capped. The closed-form gradient cases are one or two layers deep: the
     * test backend is off by 1.0e-7, one epsilon.
     */
    public static final double GRADIENTS_FLOAT32 = FLOAT32_CEILING;
    /**
     * Parameters after training in float32: {@link #TRAJECTORY} carried over is 0.54, which would pass a
     * backend that updates once per epoch instead of once per batch (it moves the parameters of
     * {@code trajectory.xent.batch-1.in-order} by 1.7e-2); capped. Training these small networks damps
     * rounding rather than amplifying it: after the article's 4000 steps the test backend is off by
     * 8.8e-7, 7 epsilons. (That once-per-epoch mistake moves the article's 1000-epoch run by only 2.5e-4,
     * as both converge: in float32 the shorter runs catch it.)
     */
    public static final double TRAJECTORY_FLOAT32 = FLOAT32_CEILING;
    /**
     * Gradients against the five-point stencil in float32 (relative error): {@link #GRADIENT_CHECK}
     * carried over exceeds 1; capped. The stencil is the kit's, in float64; what remains is the backend's
     * own rounding, judged above {@link #GRADIENT_CHECK_FLOOR_FLOAT32}.
     */
    public static final double GRADIENT_CHECK_FLOAT32 = FLOAT32_CEILING;
    /**
     * Below this times max(1, |L|) a float32 gradient's difference from the stencil is its own rounding:
     * the test backend's reaches 3.4e-5·max(1, |L|), 290 epsilons. {@link #GRADIENT_CHECK_FLOOR} carried
     * over is 0.54; capped.
     */
    public static final double GRADIENT_CHECK_FLOOR_FLOAT32 = FLOAT32_CEILING;

    /**
     * Each kind of tolerance of the table, with its values and its reason in a line, for the kit's
     * catalog and reports (the constants' own comments say more).
     */
    public enum Kind {
        /** {@link Tolerances#OUTPUTS}. */
        OUTPUTS(Tolerances.OUTPUTS, "relative", "the same formulas, some sums taken in another order"),
        /** {@link Tolerances#LOSSES}. */
        LOSSES(Tolerances.LOSSES, "relative", "one more sum, over the outputs and the rows"),
        /** {@link Tolerances#GRADIENTS}. */
        GRADIENTS(Tolerances.GRADIENTS, "relative", "against a closed form; backprop chains more roundings than the"
                + " forward pass"),
        /** {@link Tolerances#TRAJECTORY}. */
        TRAJECTORY(Tolerances.TRAJECTORY, "relative to each layer's largest", "every step carries the last step's"
                + " rounding along, over thousands of steps"),
        /** {@link Tolerances#OPTIMIZER_STEP}. */
        OPTIMIZER_STEP(Tolerances.OPTIMIZER_STEP, "relative to each layer's largest", "one or two optimizer steps"
                + " against their closed form: a few operations per value on the same gradient, each rounded once"),
        /** {@link Tolerances#GRADIENT_CHECK}. */
        GRADIENT_CHECK(Tolerances.GRADIENT_CHECK, "relative error |a − n| / (|a| + |n|)", "against the five-point"
                + " stencil of step 1e-4, good to about 1e-10 on these losses"),
        /** {@link Tolerances#GRADIENT_CHECK_FLOOR}. */
        GRADIENT_CHECK_FLOOR(Tolerances.GRADIENT_CHECK_FLOOR, "× max(1, |L|), absolute", "below it a gradient is lost in"
                + " the stencil's rounding noise, where a relative error means nothing"),
        /** No constant: what must be bit for bit the same. */
        IDENTICAL(0, "bit for bit", "the same backend doing the same operations on the same values must give the"
                + " same bits");

        private final double float64;
        private final String measure;
        private final String reason;

        Kind(double float64, String measure, String reason) {
            this.float64 = float64;
            this.measure = measure;
            this.reason = reason;
        }

        /** The tolerance in float64, the project's promise. */
        public double float64() {
            return float64;
        }

        /** The tolerance in the float32 profile: {@link Tolerances#float32} of {@link #float64()}. */
        public double float32() {
            return Tolerances.float32(float64);
        }

        /** How the difference is measured, such as {@code "relative"}. */
        public String measure() {
            return measure;
        }

        /** Why the tolerance is what it is, in a line. */
        public String reason() {
            return reason;
        }
    }

    /**
     * The float32 tolerance of a float64 one, by the rule {@link #FLOAT32_CEILING} states: {@code t}
     * carried over at the same number of epsilons (×2^29), at most the ceiling, and never below
     * {@code t}. 0 stays 0: what must be bit-identical in float64 (two runs of one backend, a copy and
     * its original) must be in float32 too.
     */
    public static double float32(double t) {
        if (!(t > 0)) {
            return t;
        }
        return Math.max(t, Math.min(t * (FLOAT32_EPSILON / FLOAT64_EPSILON), FLOAT32_CEILING));
    }
}
