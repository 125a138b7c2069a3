package io.backprop.params;

import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded ways to draw a network's first parameters.
 *
 * <p>The API draws them, not a backend, so the same spec and seed give the same parameters on every
 * backend, every run and every JDK: the numbers come from {@link java.util.Random}, whose algorithm
 * its specification fixes, drawn layer by layer, weights row by row ({@code weight(j, i)} with
 * {@code i} fastest), then that layer's biases.
 */
public enum Initializer {
    /** Every weight and bias from the standard normal distribution: the article's {@code np.random.normal()}. */
    STANDARD_NORMAL {
        @Override
        double weight(Random random, int fanIn, int fanOut) {
            return random.nextGaussian();
        }

        @Override
        double bias(Random random) {
            return random.nextGaussian();
        }
    },
    /**
     * Xavier/Glorot uniform, Keras's default: weights from {@code U(−a, a)} with
     * {@code a = sqrt(6 / (fanIn + fanOut))}, biases zero.
     */
    XAVIER_UNIFORM {
        @Override
        double weight(Random random, int fanIn, int fanOut) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            return (2 * random.nextDouble() - 1) * limit;
        }

        @Override
        double bias(Random random) {
            return 0.0;
        }
    };

    abstract double weight(Random random, int fanIn, int fanOut);

    abstract double bias(Random random);

    /** Draws parameters of the shape {@code spec} asks for, from {@code seed}. */
    public Parameters initialize(NetworkSpec spec, long seed) {
        Random random = new Random(seed);
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            LayerSpec layer = spec.layer(l);
            int inputs = spec.inputsOf(l);
            double[] weights = new double[layer.units() * inputs];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = weight(random, inputs, layer.units());
            }
            double[] biases = null;
            if (layer.bias()) {
                biases = new double[layer.units()];
                for (int j = 0; j < biases.length; j++) {
                    biases[j] = bias(random);
                }
            }
            layers.add(LayerParameters.ofFlat(layer.units(), inputs, weights, biases));
        }
        return Parameters.of(layers);
    }
}
