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
 * {@code i} fastest), then that layer's biases. A layer's {@code fan_in} is its number of inputs and
 * its {@code fan_out} its number of units. A uniform weight is {@code (2 u − 1) · a} with {@code u}
 * one {@link Random#nextDouble()}, a normal one is {@code σ · g} with {@code g} one
 * {@link Random#nextGaussian()}; a zero bias draws nothing.
 *
 * <p>Every initialiser but {@link #STANDARD_NORMAL} sets the biases to zero, as Keras's and DL4J's
 * defaults do (PyTorch's {@code nn.init} functions set only the tensor they are given, and
 * {@code nn.Linear}'s own bias default is uniform, not zero). The normal ones are not
 * truncated: Keras's {@code glorot_normal} and {@code he_normal} draw from a normal truncated at
 * 2σ and rescaled so that the variance stays {@code 2 / (fan_in + fan_out)} or
 * {@code 2 / fan_in}; ours, like PyTorch's and DL4J's, draw from the plain normal of that variance.
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
     * {@code a = sqrt(6 / (fan_in + fan_out))}, biases zero. PyTorch's {@code xavier_uniform_}, DL4J's
     * {@code WeightInit.XAVIER_UNIFORM}.
     */
    XAVIER_UNIFORM {
        @Override
        double weight(Random random, int fanIn, int fanOut) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            return (2 * random.nextDouble() - 1) * limit;
        }
    },
    /**
     * Xavier/Glorot normal: weights from {@code N(0, 2 / (fan_in + fan_out))}, biases zero. PyTorch's
     * {@code xavier_normal_}, DL4J's {@code WeightInit.XAVIER}; Keras's {@code glorot_normal} has the
     * same variance but truncates at 2σ (see above).
     */
    XAVIER_NORMAL {
        @Override
        double weight(Random random, int fanIn, int fanOut) {
            return Math.sqrt(2.0 / (fanIn + fanOut)) * random.nextGaussian();
        }
    },
    /**
     * He/Kaiming uniform: weights from {@code U(−a, a)} with {@code a = sqrt(6 / fan_in)}, biases zero.
     * Keras's {@code he_uniform}, PyTorch's {@code kaiming_uniform_} for ReLU ({@code a = 0},
     * {@code mode='fan_in'}), DL4J's {@code WeightInit.RELU_UNIFORM}.
     */
    HE_UNIFORM {
        @Override
        double weight(Random random, int fanIn, int fanOut) {
            double limit = Math.sqrt(6.0 / fanIn);
            return (2 * random.nextDouble() - 1) * limit;
        }
    },
    /**
     * He/Kaiming normal: weights from {@code N(0, 2 / fan_in)}, biases zero. PyTorch's
     * {@code kaiming_normal_} for ReLU ({@code a = 0}, {@code mode='fan_in'}), DL4J's
     * {@code WeightInit.RELU}; Keras's {@code he_normal} has the same variance but truncates at 2σ
     * (see above).
     */
    HE_NORMAL {
        @Override
        double weight(Random random, int fanIn, int fanOut) {
            return Math.sqrt(2.0 / fanIn) * random.nextGaussian();
        }
    };

    abstract double weight(Random random, int fanIn, int fanOut);

    /** A bias: zero, drawing nothing, unless the initialiser draws biases too. */
    double bias(Random random) {
        return 0.0;
    }

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
