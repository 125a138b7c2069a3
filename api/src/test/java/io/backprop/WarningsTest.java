package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningsTest {
    @Test
    void aSinkTakesTheWarningsOfItsWorkOnlyAndTheOneBeforeIsPutBack() {
        List<String> outer = new ArrayList<>();
        List<String> inner = new ArrayList<>();

        Warnings.sendTo(outer::add, () -> {
            Warnings.warn("one");
            Warnings.sendTo(inner::add, () -> {
                Warnings.warn("two");
                return null;
            });
            Warnings.warn("three");
            return null;
        });

        assertThat(outer).containsExactly("one", "three");
        assertThat(inner).containsExactly("two");
    }

    @Test
    void aSinkTakesEveryWarningEvenRepeatedSinceItDecidesWhatToShow() {
        List<String> taken = new ArrayList<>();

        Warnings.sendTo(taken::add, () -> {
            Warnings.warn("same");
            Warnings.warn("same");
            return null;
        });

        assertThat(taken).containsExactly("same", "same");
    }

    @Test
    void theSinkIsPutBackWhenTheWorkThrows() {
        List<String> outer = new ArrayList<>();

        Warnings.sendTo(outer::add, () -> {
            assertThatThrownBy(() -> Warnings.sendTo(w -> { }, () -> {
                throw new IllegalStateException("failed");
            })).hasMessage("failed");
            Warnings.warn("after");
            return null;
        });

        assertThat(outer).containsExactly("after");
    }
}
