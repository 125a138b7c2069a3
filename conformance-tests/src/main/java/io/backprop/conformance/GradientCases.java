package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code gradients.N}: generated networks of 2 to 4 layers whose gradients must equal the oracle's
 * closed-form backprop ({@link OracleBackprop}) to {@link Tolerances#GRADIENTS}, relative to each
 * layer's largest gradient: far tighter than the finite differences of {@code generated.*} can judge,
 * and at saturated outputs too, where finite differences see only rounding noise.
 *
 * <p>Case {@code N} takes the {@code N}-th of the twelve pairs of loss and output activation the API
 * allows (mse and sse after each activation, xent after sigmoid and softmax) and {@code 2 + ⌊(N − 1)/12⌋ mod 3}
 * layers, so every pair is seen at every depth, and its first hidden activation cycles through all five.
 * The rest is drawn from a seed: widths 1 to 16, biases on or off per layer, 1 to 40 rows, inputs
 * ×0.1, ×1 or ×10 and weights ×0.3, ×1 or ×3 (outputs near 0 and 1 among them).
 */
final class GradientCases {
    /** How many cases: every pair of loss and output activation at 2, 3 and 4 layers. */
    static final int COUNT = 36;
    private static final double[] INPUT_SCALES = {0.1, 1, 10};
    private static final double[] WEIGHT_SCALES = {0.3, 1, 3};

    private GradientCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (GeneratedNetworks.Sample sample : networks()) {
            cases.add(new SimpleCase(sample.id(), sample.title() + ": gradients equal the oracle's backprop",
                    List.of(sample.spec()), backend -> check(backend, sample)).notes(
                    "gradients() on a generated network of 2 to 4 layers equals, weight by weight and bias by bias, the"
                    + " kit oracle's own backprop (itself held to finite differences in the kit's tests), relative"
                    + " to each layer's largest gradient",
                    Notes.allowed("∂L/∂θ", Kind.GRADIENTS),
                    "the backprop of the layer and the activation the message names: the slope taken from z, the"
                    + " averaging over the batch (mse, xent) or not (sse), the output layer's ∂L/∂z"));
        }
        return cases;
    }

    /** The networks of cases {@code gradients.1} to {@code gradients.36}. */
    static List<GeneratedNetworks.Sample> networks() {
        List<GeneratedNetworks.Sample> samples = new ArrayList<>();
        for (int n = 1; n <= COUNT; n++) {
            samples.add(generate(n));
        }
        return samples;
    }

    private static void check(Backend backend, GeneratedNetworks.Sample sample) {
        Parameters gradients = backend.create(sample.spec(), sample.parameters()).gradients(sample.data());
        Check.parameters("gradients", gradients,
                OracleBackprop.gradients(sample.spec(), sample.parameters(), sample.data()), Tolerances.GRADIENTS);
    }

    /** The twelve pairs of loss and output activation a spec allows. */
    private static List<Object[]> pairs() {
        List<Object[]> pairs = new ArrayList<>();
        for (Loss loss : List.of(Loss.MSE, Loss.SSE)) {
            for (Activation output : Activation.values()) {
                pairs.add(new Object[] {loss, output});
            }
        }
        pairs.add(new Object[] {Loss.XENT, Activation.SIGMOID});
        pairs.add(new Object[] {Loss.XENT, Activation.SOFTMAX});
        return pairs;
    }

    private static GeneratedNetworks.Sample generate(int n) {
        Object[] pair = pairs().get((n - 1) % 12);
        Loss loss = (Loss) pair[0];
        Activation output = (Activation) pair[1];
        int depth = 2 + (n - 1) / 12 % 3;
        // Consecutive seeds give java.util.Random correlated first draws: the seed is spread first.
        Random random = new Random(0x9E3779B97F4A7C15L * n);
        for (int attempt = 0; ; attempt++) {
            NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(16));
            for (int l = 0; l < depth - 1; l++) {
                Activation activation = l == 0 ? Activation.values()[(n - 1) % 5]
                        : Activation.values()[random.nextInt(Activation.values().length)];
                builder.layer(width(random, activation, 16), activation, random.nextInt(4) != 0);
            }
            NetworkSpec spec = builder.layer(width(random, output, 10), output, random.nextInt(4) != 0).loss(loss)
                    .build();
            double weightScale = WEIGHT_SCALES[random.nextInt(WEIGHT_SCALES.length)];
            Parameters parameters = scaled(Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), weightScale);
            double inputScale = INPUT_SCALES[random.nextInt(INPUT_SCALES.length)];
            DataSet data = GeneratedNetworks.data(random, spec, 1 + random.nextInt(40), inputScale);
            if (fair(spec, parameters, data) || attempt == 20) {
                String title = spec + (spec.layers().stream().anyMatch(layer -> !layer.bias())
                        ? ", some layers without bias" : "") + ", " + data.rows() + " rows, inputs ×" + inputScale
                        + ", weights ×" + weightScale;
                return new GeneratedNetworks.Sample("gradients." + n, title, spec, parameters, data);
            }
        }
    }

    /**
     * Whether the network says something about a backend's backprop: no relu input within 1e-6 of the
     * kink, where the derivative jumps and summing in another order may land on the other side; and no
     * layer whose every gradient is below 1e-280, where products underflow and keep too few digits to
     * compare (a layer of dead relus among them).
     */
    private static boolean fair(NetworkSpec spec, Parameters parameters, DataSet data) {
        if (Oracle.closestToKink(spec, parameters, data) < 1e-6) {
            return false;
        }
        Parameters gradients = OracleBackprop.gradients(spec, parameters, data);
        for (LayerParameters layer : gradients.layers()) {
            if (!(layer.largestMagnitude() >= 1e-280)) {
                return false;
            }
        }
        return true;
    }

    private static int width(Random random, Activation activation, int most) {
        return activation == Activation.SOFTMAX ? 2 + random.nextInt(most - 1) : 1 + random.nextInt(most);
    }

    static Parameters scaled(Parameters parameters, double scale) {
        Parameters result = parameters;
        for (int l = 0; l < parameters.layers().size(); l++) {
            LayerParameters layer = parameters.layer(l);
            double[] weights = new double[layer.units() * layer.inputs()];
            layer.copyWeightsTo(weights, 0);
            for (int k = 0; k < weights.length; k++) {
                weights[k] *= scale;
            }
            result = result.withLayer(l, LayerParameters.ofFlat(layer.units(), layer.inputs(), weights,
                    layer.hasBiases() ? layer.biases() : null));
        }
        return result;
    }
}
