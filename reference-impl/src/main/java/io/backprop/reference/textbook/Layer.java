package io.backprop.reference.textbook;

import io.backprop.params.LayerParameters;
import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;

/**
 * One dense layer: its neurons' weights and biases, and the working memory of one row's
 * feedforward and backprop, allocated once so that training allocates nothing.
 *
 * <p>The article's names: neuron {@code j} computes the weighted sum {@code z[j] = Σ_i w[j][i]·x[i] + b[j]}
 * (its {@code sum_h1}) and outputs {@code a[j] = f(z[j])} (its {@code h1}).
 */
final class Layer {
    final int units;
    final int inputs;
    final Activation activation;
    final double[] weights; // w[j][i] at [j * inputs + i]: from input i into neuron j
    final double[] biases; // null when the layer has no biases

    final double[] z; // weighted sums of the current row
    final double[] a; // outputs of the current row
    final double[] dLda; // ∂L/∂a of the current row
    final double[] dLdz; // ∂L/∂z of the current row: the "delta" of each neuron
    final double[] weightGradients; // ∂L/∂w summed over the rows of the current batch
    final double[] biasGradients; // ∂L/∂b likewise; null when the layer has no biases

    Layer(LayerSpec spec, int inputs) {
        this.units = spec.units();
        this.inputs = inputs;
        this.activation = spec.activation();
        this.weights = new double[units * inputs];
        this.biases = spec.bias() ? new double[units] : null;
        this.z = new double[units];
        this.a = new double[units];
        this.dLda = new double[units];
        this.dLdz = new double[units];
        this.weightGradients = new double[units * inputs];
        this.biasGradients = spec.bias() ? new double[units] : null;
    }

    /** Feedforward of one row: {@code z = W·x + b}, {@code a = f(z)}. */
    void feedforward(double[] x) {
        for (int j = 0; j < units; j++) {
            double sum = biases == null ? 0.0 : biases[j];
            int row = j * inputs;
            for (int i = 0; i < inputs; i++) {
                sum += weights[row + i] * x[i];
            }
            z[j] = sum;
        }
        ActivationFunctions.forward(activation, z, a, units);
    }

    /**
     * Backprop of one row through this layer, once {@link #dLdz} holds {@code ∂L/∂z}: adds
     * {@code ∂L/∂w[j][i] = ∂L/∂z[j]·x[i]} and {@code ∂L/∂b[j] = ∂L/∂z[j]} to the gradients, and
     * writes {@code ∂L/∂x[i] = Σ_j w[j][i]·∂L/∂z[j]} into {@code dLdx} unless it is null (first layer).
     */
    void backprop(double[] x, double[] dLdx) {
        for (int j = 0; j < units; j++) {
            double delta = dLdz[j];
            int row = j * inputs;
            for (int i = 0; i < inputs; i++) {
                weightGradients[row + i] += delta * x[i];
            }
            if (biasGradients != null) {
                biasGradients[j] += delta;
            }
        }
        if (dLdx != null) {
            for (int i = 0; i < inputs; i++) {
                double sum = 0;
                for (int j = 0; j < units; j++) {
                    sum += weights[j * inputs + i] * dLdz[j];
                }
                dLdx[i] = sum;
            }
        }
    }

    /** The chain rule through the activation: {@code ∂L/∂z} from {@code ∂L/∂a}. */
    void activationBackward() {
        ActivationFunctions.backward(activation, z, a, dLda, dLdz, units);
    }

    /** The SGD update, {@code θ ← θ − η·∂L/∂θ}. */
    void sgdUpdate(double learningRate) {
        for (int k = 0; k < weights.length; k++) {
            weights[k] -= learningRate * weightGradients[k];
        }
        if (biases != null) {
            for (int j = 0; j < units; j++) {
                biases[j] -= learningRate * biasGradients[j];
            }
        }
    }

    void clearGradients() {
        java.util.Arrays.fill(weightGradients, 0.0);
        if (biasGradients != null) {
            java.util.Arrays.fill(biasGradients, 0.0);
        }
    }

    void load(LayerParameters values) {
        values.copyWeightsTo(weights, 0);
        values.copyBiasesTo(biases, 0);
    }

    LayerParameters parameters() {
        return LayerParameters.ofFlat(units, inputs, weights, biases);
    }

    LayerParameters gradients() {
        return LayerParameters.ofFlat(units, inputs, weightGradients, biasGradients);
    }
}
