package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.List;

/**
 * Outputs at and near 0 and 1, where a naive sigmoid, softmax or logarithm overflows, returns NaN
 * or loses every digit. Expected values are derived in each case's comment.
 */
final class SaturationCases {
    private static final NetworkSpec SIGMOID = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.XENT).build();
    private static final NetworkSpec SOFTMAX = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();

    private SaturationCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                // z = 800: σ(z) rounds to 1; with y = 0, ℓ = ln(1 + e^800) = 800 + ln(1 + e^-800) = 800; ∂ℓ/∂w = (σ − y)·x = 1.
                new SimpleCase("saturation.sigmoid-xent", "a sigmoid output rounded to 1 with target 0 has loss 800 and"
                        + " gradient 1, not NaN", List.of(SIGMOID), backend -> {
                            Network network = backend.create(SIGMOID, one(800, 0));
                            DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {{0}});
                            Check.value("output", network.predict(new double[] {1})[0], 1.0, KitTolerances.OUTPUTS);
                            Check.value("loss", network.loss(row), 800.0, KitTolerances.LOSSES);
                            Check.value("∂L/∂w", network.gradients(row).layer(0).weight(0, 0), 1.0, KitTolerances.OUTPUTS);
                        }),
                // z = (1000, 0): softmax is (1, 0) without overflow; with y = (0, 1), ℓ = 1000 + ln(1 + e^-1000) = 1000.
                new SimpleCase("saturation.softmax-xent", "a softmax over z = (1000, 0) gives (1, 0) and, for the other class,"
                        + " loss 1000", List.of(SOFTMAX), backend -> {
                            Network network = backend.create(SOFTMAX, two(1000, 0));
                            double[] output = network.predict(new double[] {1});
                            Check.value("output 0", output[0], 1.0, KitTolerances.OUTPUTS);
                            Check.value("output 1", output[1], 0.0, KitTolerances.OUTPUTS);
                            Check.value("loss", network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{0, 1}})),
                                    1000.0, KitTolerances.LOSSES);
                        }),
                // z = (30, 0), y = (1, 0): ℓ = ln(1 + e^-30) = x − x²/2 + x³/3 with x = e^-30, about 9.36e-14.
                new SimpleCase("saturation.confident-softmax", "a confident right softmax prediction keeps the digits of its"
                        + " tiny loss, ln(1 + e^-30)", List.of(SOFTMAX), backend -> {
                            Network network = backend.create(SOFTMAX, two(30, 0));
                            double x = Math.exp(-30);
                            Check.value("loss", network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{1, 0}})),
                                    x - x * x / 2 + x * x * x / 3, KitTolerances.LOSSES);
                        }));
    }

    private static Parameters one(double w, double b) {
        return Parameters.of(LayerParameters.of(new double[][] {{w}}, new double[] {b}));
    }

    private static Parameters two(double w0, double w1) {
        return Parameters.of(LayerParameters.of(new double[][] {{w0}, {w1}}, new double[] {0, 0}));
    }
}
