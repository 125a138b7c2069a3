package io.backprop.conformance;

import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random networks, parameters and data from a seed: 1 to 4 layers, widths 1 to 16, every
 * activation and loss, biases on and off, 1 to 32 rows, inputs and weights at several scales
 * (outputs near 0 and 1 among them). The same seed gives the same samples on every run and JDK.
 */
public final class GeneratedNetworks {
    private static final double[] INPUT_SCALES = {0.1, 1, 10};
    private static final double[] WEIGHT_SCALES = {0.3, 1, 3};

    /**
     * One generated network.
     *
     * @param id a stable id naming the seed, such as {@code "generated.17"}
     * @param title the network, rows and scales in words
     */
    public record Sample(String id, String title, NetworkSpec spec, Parameters parameters, DataSet data) {
    }

    private GeneratedNetworks() {
    }

    /** {@code count} samples, from seeds {@code seed}, {@code seed + 1}, … */
    public static List<Sample> of(long seed, int count) {
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            samples.add(generate(seed + n));
        }
        return samples;
    }

    private static Sample generate(long seed) {
        Random random = new Random(seed);
        for (int attempt = 0; ; attempt++) {
            Loss loss = Loss.values()[random.nextInt(Loss.values().length)];
            NetworkSpec spec = spec(random, loss);
            double weightScale = WEIGHT_SCALES[random.nextInt(WEIGHT_SCALES.length)];
            Parameters parameters = scaled(Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), weightScale);
            double inputScale = INPUT_SCALES[random.nextInt(INPUT_SCALES.length)];
            DataSet data = data(random, spec, inputScale);
            // A relu whose input sits within a step of its kink has no derivative there to check.
            if (Oracle.closestToKink(spec, parameters, data) > 1e-3 || attempt == 20) {
                String title = spec + (hasBiasFreeLayer(spec) ? ", some layers without bias" : "") + ", " + data.rows()
                        + " rows, inputs ×" + inputScale + ", weights ×" + weightScale;
                return new Sample("generated." + seed, title, spec, parameters, data);
            }
        }
    }

    private static NetworkSpec spec(Random random, Loss loss) {
        NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(16));
        int hidden = random.nextInt(4);
        for (int l = 0; l < hidden; l++) {
            Activation activation = Activation.values()[random.nextInt(Activation.values().length)];
            int units = activation == Activation.SOFTMAX ? 2 + random.nextInt(15) : 1 + random.nextInt(16);
            builder.layer(units, activation, random.nextInt(4) != 0);
        }
        Activation output = loss == Loss.XENT
                ? (random.nextBoolean() ? Activation.SIGMOID : Activation.SOFTMAX)
                : Activation.values()[random.nextInt(Activation.values().length)];
        int units = output == Activation.SOFTMAX ? 2 + random.nextInt(9) : 1 + random.nextInt(10);
        return builder.layer(units, output, random.nextInt(4) != 0).loss(loss).build();
    }

    private static Parameters scaled(Parameters parameters, double scale) {
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

    private static DataSet data(Random random, NetworkSpec spec, double scale) {
        return data(random, spec, 1 + random.nextInt(32), scale);
    }

    /**
     * {@code rows} rows of Gaussian inputs times {@code scale}; targets one-hot for softmax under xent
     * (where the API's exact gradients assume targets that sum to 1), else uniform in [0, 1).
     */
    static DataSet data(Random random, NetworkSpec spec, int rows, double scale) {
        double[][] x = new double[rows][spec.inputs()];
        double[][] y = new double[rows][spec.outputs()];
        boolean oneHot = spec.loss() == Loss.XENT && spec.layer(spec.depth() - 1).activation() == Activation.SOFTMAX;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < spec.inputs(); i++) {
                x[r][i] = random.nextGaussian() * scale;
            }
            if (oneHot) {
                y[r][random.nextInt(spec.outputs())] = 1;
            } else {
                for (int k = 0; k < spec.outputs(); k++) {
                    y[r][k] = random.nextDouble();
                }
            }
        }
        return DataSet.of(x, y);
    }

    private static boolean hasBiasFreeLayer(NetworkSpec spec) {
        return spec.layers().stream().anyMatch(layer -> !layer.bias());
    }

}
