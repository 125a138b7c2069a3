package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.BackendException;
import io.backprop.params.ArticleNames;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The api module alone has no backend on its class path, and says so. */
class BackendsTest {
    @Test
    void theApiModuleAloneFindsNoBackend() {
        assertThat(Backends.available()).isEmpty();
    }

    @Test
    void anUnknownNameIsRefusedListingTheBackendsFound() {
        assertThatThrownBy(() -> Backends.named("nope"))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"nope\" not found; the backends found are: none"
                        + " (reference is in io.backprop:backprop-reference, dl4j is in io.backprop:backprop-dl4j)");
    }

    @Test
    void creatingOnAMissingBackendIsRefusedTheSameWay() {
        NetworkSpec article = NetworkSpec.builder(2)
                .layer(2, Activation.SIGMOID)
                .layer(1, Activation.SIGMOID)
                .loss(Loss.MSE)
                .build();

        assertThatThrownBy(() -> Backends.create(Backends.DEFAULT, article, ArticleNames.of(1, 2, 3, 4, 5, 6, 7, 8, 9)))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"reference\" not found; the backends found are: none"
                        + " (reference is in io.backprop:backprop-reference, dl4j is in io.backprop:backprop-dl4j)");
    }
}
