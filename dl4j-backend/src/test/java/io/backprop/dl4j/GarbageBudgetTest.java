package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Network;
import io.backprop.error.BackendException;
import io.backprop.params.Initializer;
import io.backprop.teaching.Article;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training collects DL4J's garbage once the old generation holds more than the allowance above what
 * was live, so that a long run stays bounded with a heap of any size; the soak run
 * ({@code scripts/soak-dl4j.sh}) measures the bound, these the mechanism.
 */
class GarbageBudgetTest {
    private static final TrainingOptions PER_SAMPLE = TrainingOptions.builder().learningRate(0.1).epochs(50)
            .batchSize(BatchSize.of(1)).build();

    @AfterEach
    void defaultAllowance() {
        System.clearProperty(GarbageBudget.ALLOWANCE_PROPERTY);
        GarbageBudget.forget();
    }

    @Test
    void aRunWhoseGarbagePassesTheAllowanceCollects() {
        // One byte, nothing live yet: the first check finds the old generation over budget (it holds at
        // least the classes' statics); later ones allow what was then live again as garbage.
        System.setProperty(GarbageBudget.ALLOWANCE_PROPERTY, "1");
        GarbageBudget.forget();
        Network network = new Dl4jBackend().create(Article.NETWORK, Initializer.STANDARD_NORMAL.initialize(
                Article.NETWORK, 3));
        long before = GarbageBudget.collections();

        network.fit(Article.PEOPLE, PER_SAMPLE); // 50 epochs of 4 rows: 200 steps, 3 checks

        assertThat(GarbageBudget.collections() - before).isBetween(1L, 200L / GarbageBudget.CHECK_EVERY);
    }

    @Test
    void anAllowanceThatIsNotANumberOfBytesIsRefusedNamingTheProperty() {
        System.setProperty(GarbageBudget.ALLOWANCE_PROPERTY, "lots");
        Network network = new Dl4jBackend().create(Article.NETWORK, Initializer.STANDARD_NORMAL.initialize(
                Article.NETWORK, 3));

        assertThatThrownBy(() -> network.fit(Article.PEOPLE, PER_SAMPLE)).isInstanceOf(BackendException.class)
                .hasMessage("dl4j: system property backprop.dl4j.garbageBytes: found \"lots\"; expected a whole number"
                        + " of bytes, at least 1");
    }
}
