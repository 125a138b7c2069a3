package io.backprop.evaluation;

import io.backprop.data.DataSet;

import io.backprop.model.ClassLabels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stratified held-out split, and counting right and wrong predictions per class. */
class HoldOutAndConfusionTest {
    private static final ClassLabels ABC = ClassLabels.of(List.of("a", "b", "c"));

    /** 30 rows of class a, 20 of b, 10 of c; feature 0 is the row's index, so rows can be traced. */
    private static DataSet sixtyRows() {
        double[][] features = new double[60][];
        double[][] targets = new double[60][];
        for (int r = 0; r < 60; r++) {
            features[r] = new double[] {r};
            targets[r] = ABC.target(r < 30 ? 0 : r < 50 ? 1 : 2, 3);
        }
        return DataSet.of(features, targets);
    }

    @Test
    void holdsOutTheFractionOfEveryClassAndKeepsEveryRowOnce() {
        HoldOut split = HoldOut.stratified(sixtyRows(), ABC, 0.2, 1);

        assertThat(split.heldOut().rows()).isEqualTo(12);
        assertThat(split.training().rows()).isEqualTo(48);
        int[] perClass = new int[3];
        Set<Double> seen = new HashSet<>();
        for (int r = 0; r < 12; r++) {
            perClass[ABC.predictedIndex(split.heldOut().targetRow(r))]++;
            seen.add(split.heldOut().feature(r, 0));
        }
        for (int r = 0; r < 48; r++) {
            seen.add(split.training().feature(r, 0));
        }
        assertThat(perClass).containsExactly(6, 4, 2);
        assertThat(seen).hasSize(60);
    }

    @Test
    void theSameSeedChoosesTheSameRowsAndAnotherSeedOthers() {
        DataSet data = sixtyRows();

        assertThat(HoldOut.stratified(data, ABC, 0.2, 7)).isEqualTo(HoldOut.stratified(data, ABC, 0.2, 7));
        assertThat(HoldOut.stratified(data, ABC, 0.2, 8).heldOut())
                .isNotEqualTo(HoldOut.stratified(data, ABC, 0.2, 7).heldOut());
    }

    @Test
    void refusesAFractionOutsideZeroToOneAndDataWithoutTargets() {
        assertThatThrownBy(() -> HoldOut.stratified(sixtyRows(), ABC, 1, 1)).isInstanceOf(DataException.class)
                .hasMessage("held-out fraction: found 1.0; expected a number between 0 and 1");
        assertThatThrownBy(() -> HoldOut.stratified(DataSet.ofFeatures(new double[][] {{1}}), ABC, 0.5, 1))
                .isInstanceOf(DataException.class).hasMessageContaining("no targets");
    }

    @Test
    void countsActualAgainstPredictedClasses() {
        DataSet data = DataSet.of(new double[][] {{0}, {0}, {0}, {0}},
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}});
        double[][] outputs = {{0.8, 0.1, 0.1}, {0.1, 0.7, 0.2}, {0.6, 0.3, 0.1}, {0.2, 0.2, 0.6}};

        ConfusionMatrix confusion = ConfusionMatrix.of(ABC, data, outputs);

        assertThat(confusion.count(0, 0)).isEqualTo(1);
        assertThat(confusion.count(1, 1)).isEqualTo(1);
        assertThat(confusion.count(1, 0)).isEqualTo(1);
        assertThat(confusion.count(2, 2)).isEqualTo(1);
        assertThat(confusion.correct()).isEqualTo(3);
        assertThat(confusion.total()).isEqualTo(4);
        assertThat(confusion.accuracy()).isEqualTo(0.75);
    }

    @Test
    void withOneOutputTheHalfwayMarkDecides() {
        ClassLabels mf = ClassLabels.of(List.of("M", "F"));
        DataSet data = DataSet.of(new double[][] {{0}, {0}, {0}}, new double[][] {{1}, {0}, {1}});

        ConfusionMatrix confusion = ConfusionMatrix.of(mf, data, new double[][] {{0.5}, {0.49}, {0.2}});

        assertThat(confusion.count(1, 1)).isEqualTo(1);
        assertThat(confusion.count(0, 0)).isEqualTo(1);
        assertThat(confusion.count(1, 0)).isEqualTo(1);
    }

    @Test
    void precisionIsOverEachPredictedColumnAndRecallOverEachActualRow() {
        // actual a: predicted a, a, b; actual b: predicted b; actual c: predicted a. Nothing predicted as c.
        DataSet data = DataSet.of(new double[][] {{0}, {0}, {0}, {0}, {0}},
                new double[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        double[][] outputs = {{0.9, 0, 0}, {0.8, 0.1, 0}, {0.1, 0.8, 0}, {0, 1, 0}, {0.7, 0.2, 0.1}};

        ConfusionMatrix confusion = ConfusionMatrix.of(ABC, data, outputs);

        // a: 2 right of the 3 predicted a (two a, one c); 2 found of the 3 actual a.
        assertThat(confusion.precision(0)).hasValue(2.0 / 3);
        assertThat(confusion.recall(0)).hasValue(2.0 / 3);
        // b: 1 right of the 2 predicted b; 1 found of the 1 actual b.
        assertThat(confusion.precision(1)).hasValue(0.5);
        assertThat(confusion.recall(1)).hasValue(1.0);
        // c: never predicted, so its precision is 0/0, empty; its one row was missed, recall 0.
        assertThat(confusion.precision(2)).isEmpty();
        assertThat(confusion.recall(2)).hasValue(0.0);
    }

    @Test
    void recallOfAClassWithNoRowsIsEmpty() {
        ClassLabels mf = ClassLabels.of(List.of("M", "F"));
        DataSet data = DataSet.of(new double[][] {{0}, {0}}, new double[][] {{1}, {1}});

        ConfusionMatrix confusion = ConfusionMatrix.of(mf, data, new double[][] {{0.9}, {0.1}});

        assertThat(confusion.recall(0)).isEmpty();
        assertThat(confusion.precision(0)).hasValue(0.0);
        assertThat(confusion.recall(1)).hasValue(0.5);
        assertThat(confusion.precision(1)).hasValue(1.0);
    }
}
