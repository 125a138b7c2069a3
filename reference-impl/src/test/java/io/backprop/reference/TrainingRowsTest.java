package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.data.DataSet;
import org.junit.jupiter.api.Test;

class TrainingRowsTest {
    private final TrainingRows rows = new TrainingRows();

    @Test
    void aSmallDataSetIsHeldRowByRowWithItsValues() {
        DataSet data = DataSet.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{5}, {6}});

        assertThat(rows.hold(data)).isTrue();
        assertThat(rows.features(1)).containsExactly(3, 4);
        assertThat(rows.targets(0)).containsExactly(5);
        assertThat(rows.hold(data)).as("held already").isTrue();
        assertThat(rows.features(0)).isSameAs(rows.features(0));
    }

    @Test
    void anotherDataSetOfTheSameShapeReplacesTheHeldOne() {
        rows.hold(DataSet.of(new double[][] {{1, 2}}, new double[][] {{0}}));

        assertThat(rows.hold(DataSet.of(new double[][] {{7, 8}}, new double[][] {{1}}))).isTrue();

        assertThat(rows.features(0)).containsExactly(7, 8);
        assertThat(rows.targets(0)).containsExactly(1);
    }

    @Test
    void aDataSetOfMoreThanTheMostValuesIsNotHeld() {
        int rowCount = TrainingRows.MAX_VALUES / 4 + 1;
        DataSet data = DataSet.ofFlat(rowCount, 3, new double[rowCount * 3], 1, new double[rowCount]);

        assertThat(rows.hold(data)).isFalse();
    }
}
