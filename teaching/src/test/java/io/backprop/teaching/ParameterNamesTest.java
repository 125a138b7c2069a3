package io.backprop.teaching;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {
    private static final NetworkSpec ARTICLE = NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();

    @Test
    void theArticlesNetworkGetsTheArticlesNames() {
        ParameterNames names = ParameterNames.of(ARTICLE);

        assertThat(names.all()).containsExactly("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3");
        assertThat(names.input(0)).isEqualTo("x1");
        assertThat(names.neuron(0, 1)).isEqualTo("h2");
        assertThat(names.neuron(1, 0)).isEqualTo("o1");
        assertThat(names.source(1, 1)).isEqualTo("h2");
        // w1 = x1→h1, w2 = x2→h1, w3 = x1→h2, w5 = h1→o1; b3 is o1's.
        assertThat(names.weight(0, 0, 1)).isEqualTo("w2");
        assertThat(names.weight(0, 1, 0)).isEqualTo("w3");
        assertThat(names.weight(1, 0, 0)).isEqualTo("w5");
        assertThat(names.bias(1, 0)).isEqualTo("b3");
    }

    @Test
    void withSeveralHiddenLayersANeuronIsNamedByItsLayerAndALayerWithoutBiasesSkipsTheBiasCount() {
        // 3 inputs, hidden layers of 2 (no biases) and 2, then 2 outputs: 6 + 4 + 4 weights, 2 + 2 biases.
        NetworkSpec spec = NetworkSpec.builder(3).layer(2, Activation.TANH, false).layer(2, Activation.TANH)
                .layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
        ParameterNames names = ParameterNames.of(spec);

        assertThat(names.neuron(0, 1)).isEqualTo("h1_2");
        assertThat(names.neuron(1, 0)).isEqualTo("h2_1");
        assertThat(names.layer(1)).isEqualTo("hidden layer 2");
        assertThat(names.neuron(2, 1)).isEqualTo("o2");
        assertThat(names.source(2, 1)).isEqualTo("h2_2");
        assertThat(names.value(2, 1)).isEqualTo("ŷ2");
        assertThat(names.weightedSum(2, 1)).isEqualTo("z_o2");
        assertThat(names.weight(1, 0, 0)).isEqualTo("w7");
        assertThat(names.weight(2, 1, 1)).isEqualTo("w14");
        assertThat(names.bias(1, 0)).isEqualTo("b1");
        assertThat(names.bias(2, 1)).isEqualTo("b4");
        assertThat(names.all()).hasSize(spec.parameterCount()).startsWith("w1").endsWith("w14", "b1", "b2", "b3", "b4");
    }
}
