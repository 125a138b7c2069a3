package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        // The manager closes what is attached to it: this resource tells the test the moment it is closed.
        CountDownLatch closed = new CountDownLatch(1);
        manager.attachInternal("collected-network-test", closed::countDown);

        // A collection is only requested, never promised: ask again until the cleaner has closed the
        // manager, each time waiting on the close itself rather than for a set time.
        for (int attempt = 0; attempt < 100 && closed.getCount() > 0; attempt++) {
            System.gc();
            closed.await(100, TimeUnit.MILLISECONDS);
        }
        assertThat(closed.getCount()).as("still open after 100 requested collections").isZero();
        assertThat(manager.isOpen()).isFalse();
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
