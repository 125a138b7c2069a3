package io.backprop.params;

import io.backprop.error.SpecException;
import io.backprop.spec.NetworkSpec;
import java.util.Arrays;

/**
 * The weights and biases of one dense layer, as an immutable value.
 *
 * <p>{@code weight(j, i)} is the weight from input {@code i} into neuron {@code j}, so row
 * {@code j} of {@link #weights()} is neuron {@code j}'s weight vector (the article's h1 has
 * weights {@code [w1, w2]}). A layer without biases has {@link #hasBiases()} false.
 */
public final class LayerParameters {
    private final int units;
    private final int inputs;
    private final double[] weights; // row-major: [j * inputs + i]
    private final double[] biases; // null when the layer has no biases

    private LayerParameters(int units, int inputs, double[] weights, double[] biases) {
        this.units = units;
        this.inputs = inputs;
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * A layer from {@code weights[j][i]} and {@code biases[j]} (null for a layer without biases).
     *
     * @throws SpecException when the rows differ in length or the biases do not match the rows
     */
    public static LayerParameters of(double[][] weights, double[] biases) {
        if (weights.length == 0) {
            throw new SpecException("weights: found no rows; expected one row per neuron");
        }
        int inputs = weights[0].length;
        checkSize(weights.length, inputs);
        double[] flat = new double[weights.length * inputs];
        for (int j = 0; j < weights.length; j++) {
            if (weights[j].length != inputs) {
                throw new SpecException("weights[" + j + "]: found " + weights[j].length
                        + " values; expected " + inputs + ", like row 0");
            }
            System.arraycopy(weights[j], 0, flat, j * inputs, inputs);
        }
        return ofFlat(weights.length, inputs, flat, biases);
    }

    /**
     * A layer from row-major weights ({@code weights[j * inputs + i]}) and biases (null for none).
     * The arrays are copied.
     */
    public static LayerParameters ofFlat(int units, int inputs, double[] weights, double[] biases) {
        checkSize(units, inputs);
        if (weights.length != (long) units * inputs) {
            throw new SpecException("weights: found " + weights.length + " values; expected " + units + " × "
                    + inputs + " = " + (long) units * inputs);
        }
        if (biases != null && biases.length != units) {
            throw new SpecException("biases: found " + biases.length + " values; expected " + units
                    + ", one per neuron");
        }
        return new LayerParameters(units, inputs, weights.clone(), biases == null ? null : biases.clone());
    }

    private static void checkSize(int units, int inputs) {
        if ((long) units * inputs > NetworkSpec.MAX_PARAMETERS) {
            throw new SpecException("weights: " + units + " × " + inputs + " = " + (long) units * inputs
                    + " values; expected at most " + NetworkSpec.MAX_PARAMETERS);
        }
    }

    /** Whether every weight and bias is finite (neither NaN nor infinite). */
    public boolean allFinite() {
        return allFinite(weights) && (biases == null || allFinite(biases));
    }

    /** The largest magnitude of any weight or bias (NaN when one is NaN). */
    public double largestMagnitude() {
        double largest = largestMagnitude(weights);
        return biases == null ? largest : Math.max(largest, largestMagnitude(biases));
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static double largestMagnitude(double[] values) {
        double largest = 0;
        for (double value : values) {
            largest = Math.max(largest, Math.abs(value));
        }
        return largest;
    }

    /** The number of neurons. */
    public int units() {
        return units;
    }

    /** The number of values each neuron receives. */
    public int inputs() {
        return inputs;
    }

    /** Whether the layer has biases. */
    public boolean hasBiases() {
        return biases != null;
    }

    /** The weight from input {@code i} into neuron {@code j}. */
    public double weight(int j, int i) {
        return weights[j * inputs + i];
    }

    /** The bias of neuron {@code j}. */
    public double bias(int j) {
        if (biases == null) {
            throw new IllegalStateException("this layer has no biases");
        }
        return biases[j];
    }

    /** A copy of the weights as {@code [units][inputs]}. */
    public double[][] weights() {
        double[][] rows = new double[units][];
        for (int j = 0; j < units; j++) {
            rows[j] = Arrays.copyOfRange(weights, j * inputs, (j + 1) * inputs);
        }
        return rows;
    }

    /** A copy of the biases, or an empty array for a layer without biases. */
    public double[] biases() {
        return biases == null ? new double[0] : biases.clone();
    }

    /** Copies the row-major weights into {@code target} from {@code offset}. */
    public void copyWeightsTo(double[] target, int offset) {
        System.arraycopy(weights, 0, target, offset, weights.length);
    }

    /** Copies the biases, if any, into {@code target} from {@code offset}. */
    public void copyBiasesTo(double[] target, int offset) {
        if (biases != null) {
            System.arraycopy(biases, 0, target, offset, biases.length);
        }
    }

    /** This layer with the weight from input {@code i} into neuron {@code j} replaced. */
    public LayerParameters withWeight(int j, int i, double value) {
        double[] w = weights.clone();
        w[j * inputs + i] = value;
        return new LayerParameters(units, inputs, w, biases);
    }

    /** This layer with the bias of neuron {@code j} replaced. */
    public LayerParameters withBias(int j, double value) {
        if (biases == null) {
            throw new IllegalStateException("this layer has no biases");
        }
        double[] b = biases.clone();
        b[j] = value;
        return new LayerParameters(units, inputs, weights, b);
    }

    /** Equal when the shapes match and every value is bit-identical. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LayerParameters other
                && units == other.units
                && inputs == other.inputs
                && Arrays.equals(weights, other.weights)
                && Arrays.equals(biases, other.biases);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Arrays.hashCode(biases);
    }

    @Override
    public String toString() {
        return "weights " + Arrays.deepToString(weights()) + (biases == null ? "" : ", biases " + Arrays.toString(biases));
    }
}
