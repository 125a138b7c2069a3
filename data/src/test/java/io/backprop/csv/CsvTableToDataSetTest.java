package io.backprop.csv;

import io.backprop.data.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing which columns of a table are a network's features and which its targets. */
class CsvTableToDataSetTest {
    private static final NetworkSpec TWO_TO_TWO = spec(2, 2);
    private static final NetworkSpec TWO_TO_ONE = spec(2, 1);

    private final CsvTable table = table("x1,x2,y1,y2\n1,2,3,4\n5,6,7,8\n");

    @Test
    void byDefaultTheFirstColumnsAreFeaturesAndTheRestTargets() {
        DataSet data = table.toDataSet(TWO_TO_TWO, List.of(), List.of(), true);

        assertThat(data.features()).isDeepEqualTo(new double[][] {{1, 2}, {5, 6}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{3, 4}, {7, 8}});
    }

    @Test
    void namingOnlyFeaturesMakesEveryOtherColumnATargetInHeaderOrder() {
        DataSet data = table.toDataSet(TWO_TO_TWO, List.of("y2", "x1"), List.of(), true);

        assertThat(data.features()).isDeepEqualTo(new double[][] {{4, 1}, {8, 5}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{2, 3}, {6, 7}});
    }

    @Test
    void namingOnlyTargetsMakesEveryOtherColumnAFeatureInHeaderOrder() {
        DataSet data = table.toDataSet(TWO_TO_TWO, List.of(), List.of("y2", "x1"), true);

        assertThat(data.features()).isDeepEqualTo(new double[][] {{2, 3}, {6, 7}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{4, 1}, {8, 5}});
    }

    @Test
    void namingBothUsesExactlyThoseColumnsInTheGivenOrder() {
        DataSet data = table.toDataSet(TWO_TO_ONE, List.of("y1", "x1"), List.of("y2"), true);

        assertThat(data.features()).isDeepEqualTo(new double[][] {{3, 1}, {7, 5}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{4}, {8}});
    }

    @Test
    void anUnknownFeatureColumnIsRefusedListingTheHeader() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_TWO, List.of("x1", "height"), List.of(), true))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: no feature column \"height\"; the header has x1, x2, y1, y2");
    }

    @Test
    void anUnknownTargetColumnIsRefusedListingTheHeader() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_TWO, List.of(), List.of("label"), true))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: no target column \"label\"; the header has x1, x2, y1, y2");
    }

    @Test
    void aWrongCountOfFeatureColumnsIsRefused() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_TWO, List.of("x1"), List.of("y1", "y2"), true))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: found 1 feature columns (x1); the network expects 2 inputs");
    }

    @Test
    void aWrongCountOfTargetColumnsIsRefused() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_ONE, List.of(), List.of(), true))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: found 2 target columns (y1, y2); the network has 1 outputs");
    }

    @Test
    void fewerColumnsThanInputsAreRefused() {
        CsvTable narrow = table("x1\n1\n");

        assertThatThrownBy(() -> narrow.toDataSet(TWO_TO_ONE, List.of(), List.of(), false))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: found 1 columns (x1) separated by commas; the network expects 2 inputs");
    }

    @Test
    void aColumnCannotBeBothAFeatureAndATarget() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_ONE, List.of("x1", "y1"), List.of("y1"), true))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("t.csv: column \"y1\" is named both as a feature and as a target");
    }

    @Test
    void aColumnCannotBeNamedTwiceAsAFeature() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_TWO, List.of("x1", "x1"), List.of(), true))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("t.csv: feature column \"x1\" is named twice");
    }

    @Test
    void predictionNeedsNoTargets() {
        CsvTable featuresOnly = table("x1,x2\n1,2\n3,4\n5,6\n");

        DataSet data = featuresOnly.toDataSet(TWO_TO_TWO, List.of(), List.of(), false);

        assertThat(data.hasTargets()).isFalse();
        assertThat(data.rows()).isEqualTo(3);
        assertThat(data.features()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    }

    @Test
    void predictionStillUsesTargetsThatFit() {
        DataSet data = table.toDataSet(TWO_TO_TWO, List.of(), List.of(), false);

        assertThat(data.targets()).isDeepEqualTo(new double[][] {{3, 4}, {7, 8}});
    }

    @Test
    void predictionRefusesTargetColumnsThatDoNotFitButSaysTheyMayBeLeftOut() {
        assertThatThrownBy(() -> table.toDataSet(TWO_TO_ONE, List.of(), List.of(), false))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: found 2 target columns (y1, y2); the network has 1 outputs, or give none");
    }

    @Test
    void trainingRefusesATableWithoutTargets() {
        CsvTable featuresOnly = table("x1,x2\n1,2\n");

        assertThatThrownBy(() -> featuresOnly.toDataSet(TWO_TO_ONE, List.of(), List.of(), true))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: found 0 target columns (none); the network has 1 outputs");
    }

    private static NetworkSpec spec(int inputs, int outputs) {
        return NetworkSpec.builder(inputs).layer(outputs, Activation.SIGMOID).loss(Loss.MSE).build();
    }

    private static CsvTable table(String csv) {
        try {
            return CsvTable.read(new StringReader(csv), "t.csv");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
