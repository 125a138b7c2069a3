package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

/**
 * A network its user drops gives its tensors back: the API's networks have no {@code close}, and
 * DJL keeps every manager reachable from its engine's root, so without the backend's cleaner each
 * dropped network (every copy, every {@code check}) would hold its native memory until the JVM exits.
 */
class CollectedNetworkTest {
    @Test
    void theParametersManagerIsClosedOnceTheNetworkIsCollected() throws InterruptedException {
        NDManager manager = managerOfADroppedNetwork();

        for (int attempt = 0; attempt < 100 && manager.isOpen(); attempt++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(manager.isOpen()).as("open after 100 collections").isFalse();
    }

    private static NDManager managerOfADroppedNetwork() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(3, Activation.TANH).layer(1, Activation.SIGMOID)
                .loss(Loss.MSE).build();
        PytorchNetwork network = (PytorchNetwork) new PytorchBackend().create(spec, Parameters.of(
                LayerParameters.ofFlat(3, 2, new double[] {1, 2, 3, 4, 5, 6}, new double[] {0, 0, 0}),
                LayerParameters.ofFlat(1, 3, new double[] {1, -1, 1}, new double[] {0.5})));
        assertThat(network.manager().isOpen()).isTrue();
        return network.manager();
    }
}
