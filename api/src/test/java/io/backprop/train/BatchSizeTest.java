package io.backprop.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.TrainingException;
import org.junit.jupiter.api.Test;

/** A batch size is a whole number of rows, at least 1, or all of them. */
class BatchSizeTest {
    @Test
    void zeroRowsAreRefused() {
        assertThatThrownBy(() -> BatchSize.of(0))
                .isInstanceOf(TrainingException.class)
                .hasMessage("batch size: found 0; expected a whole number of rows, at least 1, or \"all\"");
    }

    @Test
    void negativeRowsAreRefused() {
        assertThatThrownBy(() -> BatchSize.of(-3))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("batch size: found -3;");
    }

    @Test
    void parsesAll() {
        assertThat(BatchSize.parse("all")).isSameAs(BatchSize.ALL);
        assertThat(BatchSize.parse("ALL").isAll()).isTrue();
    }

    @Test
    void parsesAWholeNumber() {
        BatchSize three = BatchSize.parse("3");

        assertThat(three).isEqualTo(BatchSize.of(3));
        assertThat(three.isAll()).isFalse();
        assertThat(three).hasToString("3");
    }

    @Test
    void parsingZeroIsRefused() {
        assertThatThrownBy(() -> BatchSize.parse("0"))
                .isInstanceOf(TrainingException.class)
                .hasMessage("batch size: found 0; expected a whole number of rows, at least 1, or \"all\"");
    }

    @Test
    void parsingTextIsRefusedQuotingIt() {
        assertThatThrownBy(() -> BatchSize.parse("x"))
                .isInstanceOf(TrainingException.class)
                .hasMessage("batch size: found \"x\"; expected a whole number of rows, at least 1, or \"all\"");
    }

    @Test
    void parsingAFractionIsRefused() {
        assertThatThrownBy(() -> BatchSize.parse("2.5"))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("batch size: found \"2.5\";");
    }

    @Test
    void allTakesEveryRow() {
        assertThat(BatchSize.ALL.rowsFor(7)).isEqualTo(7);
        assertThat(BatchSize.ALL).hasToString("all");
    }

    @Test
    void aBatchIsNeverLargerThanTheData() {
        assertThat(BatchSize.of(3).rowsFor(7)).isEqualTo(3);
        assertThat(BatchSize.of(10).rowsFor(7)).isEqualTo(7);
    }
}
