package io.backprop.dl4j;

import io.backprop.conformance.comparison.Tolerances;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.conformance.GeneratedNetworks;
import io.backprop.explain.Explanation;
import io.backprop.explain.ParameterChain;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code explain}'s chain rule, worked from a backend's forward values and the definitions, agrees
 * with that backend's own gradients: on both backends, for random small networks of every
 * activation and loss.
 */
class ExplanationAgreesWithGradientsTest {
    /**
     * Relative to the gradient. Measured: at most 2.6e-14 over the 18,674 weights and biases of these
     * networks on both backends.
     */
    private static final double TOLERANCE = Tolerances.OUTPUTS; // the same products, in another order

    @ParameterizedTest
    @ValueSource(strings = {"reference", "dl4j"})
    void everyProductOfFactorsIsTheBackendsGradientOnRandomSmallNetworks(String name) {
        Backend backend = Backends.named(name);
        Random random = new Random(55);
        Set<Activation> hiddenSeen = EnumSet.noneOf(Activation.class);
        Set<Activation> outputSeen = EnumSet.noneOf(Activation.class);
        Set<Loss> lossesSeen = EnumSet.noneOf(Loss.class);
        for (int n = 0; n < 120; n++) {
            Loss loss = Loss.values()[n % 3];
            NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(3));
            int hidden = 1 + random.nextInt(3);
            for (int l = 0; l < hidden; l++) {
                Activation f = Activation.values()[(n + l) % Activation.values().length];
                hiddenSeen.add(f);
                builder.layer((f == Activation.SOFTMAX ? 2 : 1) + random.nextInt(3), f, random.nextInt(4) != 0);
            }
            Activation output = loss == Loss.XENT ? (n % 2 == 0 ? Activation.SIGMOID : Activation.SOFTMAX)
                    : Activation.values()[(n / 3) % Activation.values().length];
            outputSeen.add(output);
            lossesSeen.add(loss);
            int outputs = (output == Activation.SOFTMAX ? 2 : 1) + random.nextInt(3);
            NetworkSpec spec = builder.layer(outputs, output, random.nextBoolean()).loss(loss).build();
            Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong());
            double[] x = random.doubles(spec.inputs(), -2, 2).toArray();
            double[] y = new double[outputs];
            if (output == Activation.SOFTMAX && loss == Loss.XENT) {
                y[random.nextInt(outputs)] = 1;
            } else {
                for (int k = 0; k < outputs; k++) {
                    y[k] = random.nextDouble();
                }
            }
            assertAgrees(Explanation.of(backend, spec, parameters, x, y));
        }
        assertThat(hiddenSeen).containsExactlyInAnyOrder(Activation.values());
        assertThat(outputSeen).containsExactlyInAnyOrder(Activation.values());
        assertThat(lossesSeen).containsExactlyInAnyOrder(Loss.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "dl4j"})
    void andOnTheConformanceKitsGeneratedNetworksFirstRows(String name) {
        Backend backend = Backends.named(name);
        for (GeneratedNetworks.Sample sample : GeneratedNetworks.of(1, 40)) {
            assertAgrees(Explanation.of(backend, sample.spec(), sample.parameters(), sample.data().featureRow(0),
                    sample.data().targetRow(0)));
        }
    }

    private static void assertAgrees(Explanation e) {
        assertThat(e.parameters()).hasSize(e.spec().parameterCount());
        for (ParameterChain p : e.parameters()) {
            assertThat(Math.abs(p.product() - p.gradient()))
                    .as("%s of %s on %s: product %s, gradient %s", p.name(), e.spec(), e.backend(), p.product(),
                            p.gradient())
                    .isLessThanOrEqualTo(TOLERANCE * Math.abs(p.gradient()));
        }
    }
}
