package io.backprop.model;

import io.backprop.data.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.error.DataException;
import org.junit.jupiter.api.Test;

/** Fitting a standardization (mean, population std) and applying it to data sets and rows. */
class StandardizationTest {
    /** The article's four people, in pounds and inches, and 1 = female. */
    private static final DataSet PEOPLE = DataSet.of(
            new double[][] {{133, 65}, {160, 72}, {152, 70}, {120, 60}},
            new double[][] {{1}, {0}, {0}, {1}});

    @Test
    void fitsTheMeanAndThePopulationStandardDeviationOfTheArticlesTable() {
        Standardization s = Standardization.fit(PEOPLE);

        // By hand: weights sum to 565 and heights to 267, over 4 people.
        assertThat(s.mean()).containsExactly(141.25, 66.75);
        // Deviations from the means: weights -8.25, 18.75, 10.75, -21.25 (squares sum to 986.75);
        // heights -1.75, 5.25, 3.25, -6.75 (squares sum to 86.75); divided by n = 4, not n - 1.
        assertThat(s.std()).containsExactly(Math.sqrt(986.75 / 4), Math.sqrt(86.75 / 4));
    }

    @Test
    void standardizedFeaturesHaveMeanZeroAndSpreadOneAndTheTargetsAreUntouched() {
        DataSet scaled = Standardization.fit(PEOPLE).apply(PEOPLE);

        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < 4; r++) {
                sum += scaled.feature(r, c);
                squares += scaled.feature(r, c) * scaled.feature(r, c);
            }
            assertThat(sum / 4).isCloseTo(0, within(1e-15));
            assertThat(squares / 4).isCloseTo(1, within(1e-15));
        }
        assertThat(scaled.targets()).isDeepEqualTo(PEOPLE.targets());
    }

    @Test
    void aRowIsScaledLikeTheSameRowInADataSet() {
        Standardization s = Standardization.fit(PEOPLE);

        assertThat(s.apply(new double[] {160, 72})).containsExactly(s.apply(PEOPLE).featureRow(1));
        assertThat(s.apply(new double[] {141.25, 66.75})).containsExactly(0, 0);
    }

    @Test
    void aFeatureThatNeverVariesGetsAStandardDeviationOfOneAndStaysAtZero() {
        DataSet constant = DataSet.ofFeatures(new double[][] {{5, 1}, {5, 3}});

        Standardization s = Standardization.fit(constant);

        assertThat(s.std()).containsExactly(1, 1);
        assertThat(s.apply(constant).features()).isDeepEqualTo(new double[][] {{0, -1}, {0, 1}});
    }

    @Test
    void appliesToDataWithoutTargets() {
        DataSet features = DataSet.ofFeatures(new double[][] {{128, 63}});

        DataSet scaled = Standardization.of(new double[] {128, 60}, new double[] {2, 3}).apply(features);

        assertThat(scaled.hasTargets()).isFalse();
        assertThat(scaled.featureRow(0)).containsExactly(0, 1);
    }

    @Test
    void refusesAnotherNumberOfFeatures() {
        Standardization s = Standardization.fit(PEOPLE);

        assertThatThrownBy(() -> s.apply(new double[] {1, 2, 3})).isInstanceOf(DataException.class)
                .hasMessage("found 3 features; the standardization expects 2");
        assertThatThrownBy(() -> s.apply(DataSet.ofFeatures(new double[][] {{1}}))).isInstanceOf(DataException.class)
                .hasMessage("data: found 1 feature columns; the standardization expects 2");
    }

    @Test
    void refusesAStandardDeviationThatIsNotPositiveAndMismatchedLengths() {
        assertThatThrownBy(() -> Standardization.of(new double[] {0, 0}, new double[] {1, 0}))
                .isInstanceOf(DataException.class).hasMessage("std[1]: found 0.0; expected a finite number above 0");
        assertThatThrownBy(() -> Standardization.of(new double[] {0}, new double[] {1, 1}))
                .isInstanceOf(DataException.class)
                .hasMessage("found 1 means and 2 standard deviations; expected one of each per feature");
        assertThatThrownBy(() -> Standardization.of(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(DataException.class).hasMessage("mean[0]: found NaN; expected a finite number");
    }

    @Test
    void equalWhenBitIdentical() {
        assertThat(Standardization.fit(PEOPLE)).isEqualTo(Standardization.of(new double[] {141.25, 66.75},
                new double[] {Math.sqrt(986.75 / 4), Math.sqrt(86.75 / 4)}));
        assertThat(Standardization.of(new double[] {0.0}, new double[] {1})).isNotEqualTo(
                Standardization.of(new double[] {-0.0}, new double[] {1}));
    }

    @Test
    void fittedABlockAtATimeItIsTheFitOfTheRowsHeldWholeBitForBit() {
        java.util.Random random = new java.util.Random(7);
        double[][] x = new double[101][3];
        double[][] y = new double[101][1];
        for (double[] row : x) {
            row[0] = random.nextGaussian() * 1e3 + 5e6; // a large mean, where the order of the sums shows in the last bits
            row[1] = random.nextDouble();
            row[2] = 4; // never varies
        }
        DataSet data = DataSet.of(x, y);
        for (int rowsPerBlock : new int[] {1, 7, 50, 101, 500}) {
            assertThat(Standardization.fit(io.backprop.data.DataSource.inBlocks(data, rowsPerBlock)))
                    .as("blocks of %d rows", rowsPerBlock).isEqualTo(Standardization.fit(data));
        }
    }

    @Test
    void appliedToBlocksEachBlockIsTheRowsOfTheWholeStandardized() {
        Standardization s = Standardization.fit(PEOPLE);
        io.backprop.data.DataSource blocks = s.apply(io.backprop.data.DataSource.inBlocks(PEOPLE, 3));

        assertThat(blocks.blockCount()).isEqualTo(2);
        assertThat(blocks.block(1)).isEqualTo(s.apply(PEOPLE).select(3));
    }
}
