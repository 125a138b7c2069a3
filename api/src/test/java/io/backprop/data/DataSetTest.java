package io.backprop.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

/** A data set holds finite rectangular rows, and says when they do not fit a network. */
class DataSetTest {
    private static final NetworkSpec TWO_TO_ONE = NetworkSpec.builder(2)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    private final DataSet threeRows = DataSet.of(
            new double[][] {{1, 2}, {3, 4}, {5, 6}},
            new double[][] {{10}, {30}, {50}});

    @Test
    void holdsRowsOfFeaturesAndTargets() {
        assertThat(threeRows.rows()).isEqualTo(3);
        assertThat(threeRows.featureCount()).isEqualTo(2);
        assertThat(threeRows.targetCount()).isEqualTo(1);
        assertThat(threeRows.hasTargets()).isTrue();
        assertThat(threeRows.feature(1, 0)).isEqualTo(3);
        assertThat(threeRows.feature(2, 1)).isEqualTo(6);
        assertThat(threeRows.target(2, 0)).isEqualTo(50);
    }

    @Test
    void copiesTheArraysItIsGiven() {
        double[][] features = {{1, 2}};
        DataSet data = DataSet.of(features, new double[][] {{3}});

        features[0][0] = 99;
        data.features()[0][1] = 99;

        assertThat(data.featureRow(0)).containsExactly(1, 2);
    }

    @Test
    void refusesRaggedFeatureRowsNamingTheRow() {
        assertThatThrownBy(() -> DataSet.of(new double[][] {{1, 2}, {3, 4, 5}}, new double[][] {{0}, {0}}))
                .isInstanceOf(DataException.class)
                .hasMessage("features[1]: found 3 values; expected 2, like row 0");
    }

    @Test
    void refusesRaggedTargetRowsNamingTheRow() {
        assertThatThrownBy(() -> DataSet.of(new double[][] {{1}, {2}, {3}}, new double[][] {{0}, {0}, {}}))
                .isInstanceOf(DataException.class)
                .hasMessage("targets[2]: found 0 values; expected 1, like row 0");
    }

    @Test
    void refusesDifferentRowCountsOfFeaturesAndTargets() {
        assertThatThrownBy(() -> DataSet.of(new double[][] {{1}, {2}}, new double[][] {{0}}))
                .isInstanceOf(DataException.class)
                .hasMessage("data: found 2 feature rows and 1 target rows; expected as many of each");
    }

    @Test
    void refusesNanNamingTheRowAndColumn() {
        assertThatThrownBy(() -> DataSet.of(new double[][] {{1, 2}, {Double.NaN, 4}}, new double[][] {{0}, {0}}))
                .isInstanceOf(DataException.class)
                .hasMessage("features[1][0]: found NaN; expected a finite number");
    }

    @Test
    void refusesInfinityNamingTheRowAndColumn() {
        assertThatThrownBy(() -> DataSet.of(new double[][] {{1}, {2}}, new double[][] {{0, 0}, {0, Double.NEGATIVE_INFINITY}}))
                .isInstanceOf(DataException.class)
                .hasMessage("targets[1][1]: found -Infinity; expected a finite number");
    }

    @Test
    void refusesNonFiniteFlatValuesNamingTheRowAndColumn() {
        // Flat index 5 of a 3-wide row-major array is row 1, column 2.
        double[] features = {0, 0, 0, 0, 0, Double.POSITIVE_INFINITY};

        assertThatThrownBy(() -> DataSet.ofFlat(2, 3, features, 0, new double[0]))
                .isInstanceOf(DataException.class)
                .hasMessage("features[1][2]: found Infinity; expected a finite number");
    }

    @Test
    void refusesFlatArraysOfTheWrongLength() {
        assertThatThrownBy(() -> DataSet.ofFlat(2, 2, new double[3], 1, new double[2]))
                .isInstanceOf(DataException.class)
                .hasMessage("data: found 3 feature and 2 target values; expected 4 and 2");
    }

    @Test
    void ofFeaturesHasNoTargets() {
        DataSet data = DataSet.ofFeatures(new double[][] {{1, 2}, {3, 4}});

        assertThat(data.hasTargets()).isFalse();
        assertThat(data.targetCount()).isZero();
        assertThat(data.rows()).isEqualTo(2);
    }

    @Test
    void selectTakesTheRowsInTheGivenOrder() {
        DataSet selected = threeRows.select(2, 0, 2);

        assertThat(selected.features()).isDeepEqualTo(new double[][] {{5, 6}, {1, 2}, {5, 6}});
        assertThat(selected.targets()).isDeepEqualTo(new double[][] {{50}, {10}, {50}});
    }

    @Test
    void copyFeaturesGathersTheRowsOfOneBatch() {
        int[] order = {2, 0, 1};
        double[] batch = new double[4];

        threeRows.copyFeatures(order, 1, 3, batch);

        assertThat(batch).containsExactly(1, 2, 3, 4);
    }

    @Test
    void copyTargetsGathersTheRowsOfOneBatch() {
        int[] order = {2, 0, 1};
        double[] batch = new double[2];

        threeRows.copyTargets(order, 0, 2, batch);

        assertThat(batch).containsExactly(50, 10);
    }

    @Test
    void rowsThatFitPassCheckFits() {
        assertThat(threeRows.checkFits(TWO_TO_ONE, true)).isSameAs(threeRows);
        assertThat(DataSet.ofFeatures(new double[][] {{1, 2}}).checkFits(TWO_TO_ONE, false)).isNotNull();
    }

    @Test
    void checkFitsRefusesTheWrongFeatureCount() {
        DataSet three = DataSet.of(new double[][] {{1, 2, 3}}, new double[][] {{0}});

        assertThatThrownBy(() -> three.checkFits(TWO_TO_ONE, true))
                .isInstanceOf(DataException.class)
                .hasMessage("data: found 3 feature columns; the network expects 2 inputs");
    }

    @Test
    void checkFitsRefusesTheWrongTargetCount() {
        DataSet two = DataSet.of(new double[][] {{1, 2}}, new double[][] {{0, 1}});

        assertThatThrownBy(() -> two.checkFits(TWO_TO_ONE, false))
                .isInstanceOf(DataException.class)
                .hasMessage("data: found 2 target columns; the network has 1 outputs");
    }

    @Test
    void checkFitsRefusesMissingTargetsWhenTheyAreRequired() {
        DataSet none = DataSet.ofFeatures(new double[][] {{1, 2}});

        assertThatThrownBy(() -> none.checkFits(TWO_TO_ONE, true))
                .isInstanceOf(DataException.class)
                .hasMessage("data: found 0 target columns; the network has 1 outputs");
    }

    @Test
    void checkFitsRefusesNoRows() {
        DataSet empty = DataSet.of(new double[0][], new double[0][]);

        assertThatThrownBy(() -> empty.checkFits(TWO_TO_ONE, false))
                .isInstanceOf(DataException.class)
                .hasMessage("data: found no rows; expected at least one");
    }

    @Test
    void equalDataSetsHaveBitIdenticalValues() {
        DataSet same = DataSet.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[][] {{10}, {30}, {50}});
        DataSet negativeZero = DataSet.of(new double[][] {{-0.0}}, new double[][] {{1}});
        DataSet positiveZero = DataSet.of(new double[][] {{0.0}}, new double[][] {{1}});

        assertThat(same).isEqualTo(threeRows).hasSameHashCodeAs(threeRows);
        assertThat(negativeZero).isNotEqualTo(positiveZero);
    }
}
