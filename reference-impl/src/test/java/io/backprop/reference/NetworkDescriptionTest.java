package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import org.junit.jupiter.api.Test;

/**
 * A network printed (in a log line, a debugger, an assertion message) says its backend and shape,
 * not {@code BatchedNetwork@626b2d4a}: both pure-Java backends get it from AbstractNetwork.
 */
class NetworkDescriptionTest {
    @Test
    void theReferenceNetworkSaysItsBackendAndShape() {
        assertThat(Backends.create("reference", Article.NETWORK, Article.START).toString())
                .isEqualTo("reference network: 2 inputs → 2 sigmoid → 1 sigmoid, loss mse");
    }

    @Test
    void theTextbookNetworkSaysItsBackendAndShape() {
        NetworkSpec iris = NetworkSpec.builder(4).layer(8, Activation.TANH).layer(3, Activation.SOFTMAX, false)
                .loss(Loss.XENT).build();

        assertThat(Backends.create("reference-textbook", iris, Initializer.XAVIER_UNIFORM.initialize(iris, 1))
                .toString())
                .isEqualTo("reference-textbook network: 4 inputs → 8 tanh → 3 softmax (no bias), loss xent");
    }
}
