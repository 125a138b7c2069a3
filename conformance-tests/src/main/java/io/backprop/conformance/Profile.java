package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The precision a backend is held to. {@link #FLOAT64} is the default and the project's promise; a
 * backend that computes in float32 (on a GPU, say) may declare {@link #FLOAT32}, whose tolerances
 * {@link Tolerances} states with their reasons. Every report names the profile it was run with.
 *
 * <p>The cases state their tolerances in float64; while a {@link KitRun} runs a case it makes the
 * run's profile the active one, and the kit's comparisons carry each tolerance over to it
 * ({@link #tolerance}). Nothing in a case's signature changes.
 */
public enum Profile {
    /** Float64: the tolerances of {@link Tolerances} as they are; the default. */
    FLOAT64(Tolerances.FLOAT64_EPSILON, 0),
    /**
     * Float32: each tolerance carried over by {@link Tolerances#float32}, and values below float32's
     * smallest normal number counted as 0; parameters may read back rounded to float32.
     */
    FLOAT32(Tolerances.FLOAT32_EPSILON, Float.MIN_NORMAL);

    /** The profile of the case running on this thread (and the threads it starts). */
    private static final InheritableThreadLocal<Profile> ACTIVE = new InheritableThreadLocal<>();

    private final double epsilon;
    private final double smallestNormal;

    Profile(double epsilon, double smallestNormal) {
        this.epsilon = epsilon;
        this.smallestNormal = smallestNormal;
    }

    /** The name reports use, {@code "float64"} or {@code "float32"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile named {@code id} ({@code "float64"}, {@code "float32"}), in any case. */
    public static Profile of(String id) {
        for (Profile profile : values()) {
            if (profile.id().equalsIgnoreCase(id.trim())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile \"" + id + "\"; expected float64 or float32");
    }

    /** The format's machine epsilon: 2^-52 for float64, 2^-23 for float32. */
    public double epsilon() {
        return epsilon;
    }

    /** The tolerance this profile allows where the kit states {@code float64} for float64. */
    public double tolerance(double float64) {
        return this == FLOAT64 ? float64 : Tolerances.float32(float64);
    }

    /**
     * The floor below which a difference from the stencil is not judged, for a float64 floor of
     * {@code float64} (a multiple of {@link Tolerances#GRADIENT_CHECK_FLOOR}, scaled by the loss).
     */
    double gradientCheckFloor(double float64) {
        return float64 / Tolerances.GRADIENT_CHECK_FLOOR * tolerance(Tolerances.GRADIENT_CHECK_FLOOR);
    }

    /** {@code value}, or 0 when the format cannot hold it to any relative precision. */
    double flushed(double value) {
        return Math.abs(value) < smallestNormal ? 0 : value;
    }

    /**
     * The parameters as a backend of this profile may hold them: as they are in float64; each value
     * rounded to float32 in float32.
     */
    Parameters stored(Parameters parameters) {
        if (this == FLOAT64) {
            return parameters;
        }
        List<LayerParameters> layers = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            double[][] weights = layer.weights();
            for (double[] row : weights) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) row[i];
                }
            }
            double[] biases = layer.hasBiases() ? layer.biases() : null;
            if (biases != null) {
                for (int j = 0; j < biases.length; j++) {
                    biases[j] = (float) biases[j];
                }
            }
            layers.add(LayerParameters.of(weights, biases));
        }
        return Parameters.of(layers);
    }

    /** The profile of the case running on this thread: {@link #FLOAT64} outside a {@link KitRun}. */
    static Profile active() {
        Profile active = ACTIVE.get();
        return active == null ? FLOAT64 : active;
    }

    /** Makes this the active profile on this thread; returns the one to {@link #restore} after. */
    Profile activate() {
        Profile previous = ACTIVE.get();
        ACTIVE.set(this);
        return previous;
    }

    /** Makes {@code previous}, as {@link #activate} returned it, the active profile again. */
    static void restore(Profile previous) {
        if (previous == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(previous);
        }
    }
}
