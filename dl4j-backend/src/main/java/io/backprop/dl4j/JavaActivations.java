package io.backprop.dl4j;

import io.backprop.spec.Activation;

/**
 * The API's activations of one row in plain Java, for the exact losses and slopes, which work from
 * a layer's weighted sums: on arrays of a few outputs, one ND4J op costs more than the whole loop.
 */
final class JavaActivations {
    private JavaActivations() {
    }

    /** {@code a = f(z)} (a softmax shifted by its largest {@code z}). */
    static void activate(Activation f, double[] z, double[] a) {
        if (f == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double value : z) {
                max = Math.max(max, value);
            }
            double sum = 0.0;
            for (int j = 0; j < z.length; j++) {
                a[j] = Math.exp(z[j] - max);
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
            return;
        }
        for (int j = 0; j < z.length; j++) {
            a[j] = switch (f) {
                case SIGMOID -> 1.0 / (1.0 + Math.exp(-z[j]));
                case TANH -> Math.tanh(z[j]);
                case RELU -> z[j] > 0 ? z[j] : 0.0;
                default -> z[j];
            };
        }
    }
}
