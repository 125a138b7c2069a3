package io.backprop.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.SpecException;
import org.junit.jupiter.api.Test;

/** The names activations and losses go by in files and on the command line. */
class ActivationAndLossIdsTest {
    @Test
    void everyActivationIsFoundByItsId() {
        for (Activation a : Activation.values()) {
            assertThat(Activation.fromId(a.id(), "f")).isSameAs(a);
        }
        assertThat(Activation.SIGMOID.id()).isEqualTo("sigmoid");
    }

    @Test
    void everyLossIsFoundByItsId() {
        for (Loss l : Loss.values()) {
            assertThat(Loss.fromId(l.id(), "f")).isSameAs(l);
        }
        assertThat(Loss.XENT.id()).isEqualTo("xent");
    }

    @Test
    void idsAreCaseSensitive() {
        assertThatThrownBy(() -> Activation.fromId("Sigmoid", "activation"))
                .isInstanceOf(SpecException.class)
                .hasMessage("activation: unknown activation \"Sigmoid\"; expected one of sigmoid, tanh, relu, identity, softmax");
    }

    @Test
    void anUnknownLossIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Loss.fromId("mae", "--loss"))
                .isInstanceOf(SpecException.class)
                .hasMessage("--loss: unknown loss \"mae\"; expected one of mse, sse, xent");
    }

    @Test
    void onlySseLeavesRowsUnaveraged() {
        assertThat(Loss.MSE.averagesRows()).isTrue();
        assertThat(Loss.XENT.averagesRows()).isTrue();
        assertThat(Loss.SSE.averagesRows()).isFalse();
    }
}
