package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.teaching.Article;
import org.junit.jupiter.api.Test;

/** A dl4j network printed says its backend and shape, as every network built on AbstractNetwork does. */
class NetworkDescriptionTest {
    @Test
    void theDl4jNetworkSaysItsBackendAndShape() {
        assertThat(Backends.create("dl4j", Article.NETWORK, Article.START).toString())
                .isEqualTo("dl4j network: 2 inputs → 2 sigmoid → 1 sigmoid, loss mse");
    }
}
