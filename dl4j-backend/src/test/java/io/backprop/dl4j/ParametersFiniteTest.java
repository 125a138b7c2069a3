package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The dl4j backend's finiteness check answers as a look at every parameter would: its quick sum of
 * squares overflows on large finite parameters, which must still count as finite, and a single NaN
 * or infinity anywhere must not.
 */
class ParametersFiniteTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(2, Activation.RELU)
            .layer(1, Activation.IDENTITY).loss(Loss.MSE).build();

    private static Dl4jNetwork network(double weight) {
        return (Dl4jNetwork) Backends.create("dl4j", SPEC, Parameters.of(
                LayerParameters.of(new double[][] {{weight, 0.5}, {-0.25, weight}}, new double[] {0, 1}),
                LayerParameters.of(new double[][] {{1, -1}}, new double[] {weight})));
    }

    @Test
    void ordinaryParametersAreFinite() {
        assertThat(network(0.75).parametersFinite()).isTrue();
    }

    @Test
    void parametersWhoseSquaresOverflowAreStillFinite() {
        assertThat(network(1e200).parametersFinite()).isTrue();
        assertThat(network(-Double.MAX_VALUE).parametersFinite()).isTrue();
    }

    @Test
    void oneNanOrInfinityAnywhereIsNotFinite() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (double beside : new double[] {0.75, 1e200}) {
                Dl4jNetwork network = network(beside);
                INDArray parameters = network.dl4j().params();
                for (long i = 0; i < parameters.length(); i++) {
                    double kept = parameters.getDouble(i);
                    parameters.putScalar(i, bad);
                    assertThat(network.parametersFinite()).as("%s at %d beside %s", bad, i, beside).isFalse();
                    parameters.putScalar(i, kept);
                }
                assertThat(network.parametersFinite()).isTrue();
            }
        }
    }
}
