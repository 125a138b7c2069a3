package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

/** tanh of a small z is z to every digit on the dl4j backend, where ND4J's own tanh loses them. */
class SmallTanhTest {
    @Test
    void aTanhOutputOfASmallWeightedSumIsThatSum() {
        // One input, weight 1, bias 0: ŷ = tanh(x), and below 2^-28 tanh x = x in float64 (x³/3 is below half an ulp).
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.TANH).loss(Loss.MSE).build();
        Network network = Backends.create("dl4j", spec,
                Parameters.of(LayerParameters.of(new double[][] {{1}}, new double[] {0})));

        for (double x : new double[] {1e-300, -5e-301, 1e-20, 1e-10, 1e-6, 1e-4, 0.5, 30}) {
            assertThat(network.predict(new double[] {x})[0]).as("tanh(%s)", x).isEqualTo(Math.tanh(x));
        }
    }
}
