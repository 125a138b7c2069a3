package io.backprop.csv;

import io.backprop.model.ClassLabels;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cells parsed only where used, and target columns of class names. */
class CsvTableClassesTest {
    private static final NetworkSpec ONE_OUTPUT = NetworkSpec.builder(2).layer(1, Activation.SIGMOID)
            .loss(Loss.MSE).build();
    private static final NetworkSpec THREE_OUTPUTS = NetworkSpec.builder(2).layer(3, Activation.SOFTMAX)
            .loss(Loss.XENT).build();
    private static final String RAW = """
            name,weight_lb,height_in,gender
            Alice,133,65,F
            Bob,160,72,M
            Charlie,152,70,M
            Diana,120,60,F
            """;
    private static final List<String> MEASURES = List.of("weight_lb", "height_in");

    @Test
    void readingDoesNotParseTheCells() {
        CsvTable table = table("a,b,c\nx,y,z\n");

        assertThat(table.rowCount()).isEqualTo(1);
    }

    @Test
    void aColumnThatIsNeitherFeatureNorTargetIsNeverParsed() {
        DataSet data = table(RAW).toDataSet(ONE_OUTPUT, MEASURES, List.of(), false);

        assertThat(data.features()).isDeepEqualTo(new double[][] {{133, 65}, {160, 72}, {152, 70}, {120, 60}});
        assertThat(data.hasTargets()).isFalse();
    }

    @Test
    void aBadCellInAColumnThatIsUsedStillNamesItsLineAndColumn() {
        CsvTable table = table("name,weight_lb,height_in,gender\nAlice,133,65,F\nBob,160,tall,M\n");

        assertThatThrownBy(() -> table.toLabelledData(ONE_OUTPUT, MEASURES, List.of("gender"), true, Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:3:3 (height_in): found \"tall\"; expected a number");
    }

    @Test
    void withOneOutputTwoClassesSortedByNameAreZeroAndOne() {
        LabelledData read = table(RAW).toLabelledData(ONE_OUTPUT, MEASURES, List.of("gender"), true, Optional.empty());

        assertThat(read.classes()).contains(ClassLabels.of(List.of("F", "M")));
        assertThat(read.data().targets()).isDeepEqualTo(new double[][] {{0}, {1}, {1}, {0}});
    }

    @Test
    void knownClassesGiveTheOrder() {
        LabelledData read = table(RAW).toLabelledData(ONE_OUTPUT, MEASURES, List.of("gender"), true,
                Optional.of(ClassLabels.of(List.of("M", "F"))));

        assertThat(read.classes()).contains(ClassLabels.of(List.of("M", "F")));
        assertThat(read.data().targets()).isDeepEqualTo(new double[][] {{1}, {0}, {0}, {1}});
    }

    @Test
    void withSeveralOutputsTheClassesAreOneHot() {
        CsvTable table = table("x1,x2,species\n1,2,b\n3,4,a\n5,6,c\n");

        LabelledData read = table.toLabelledData(THREE_OUTPUTS, List.of(), List.of(), true, Optional.empty());

        assertThat(read.classes().orElseThrow().names()).containsExactly("a", "b", "c");
        assertThat(read.data().targets()).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
    }

    @Test
    void aLabelThatIsNotAKnownClassIsRefusedAtItsLineAndColumn() {
        CsvTable table = table("x1,x2,gender\n1,2,M\n3,4,X\n");

        assertThatThrownBy(() -> table.toLabelledData(ONE_OUTPUT, List.of(), List.of(), true,
                Optional.of(ClassLabels.of(List.of("M", "F")))))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:3:3 (gender): found \"X\"; expected one of the classes M, F");
    }

    @Test
    void tooFewClassesForTheOutputsAreRefusedNamingTheColumn() {
        assertThatThrownBy(() -> table(RAW).toLabelledData(THREE_OUTPUTS, MEASURES, List.of("gender"), true,
                Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: column 4 (gender): found 2 classes (F, M); the network has 3 outputs;"
                        + " expected 3 classes, one per output; name them all with --classes");
    }

    @Test
    void tooManyClassesForOneOutputAreRefusedAtTheFirstExtraOne() {
        CsvTable table = table("x1,x2,y\n1,2,a\n3,4,b\n5,6,a\n7,8,c\n");

        assertThatThrownBy(() -> table.toLabelledData(ONE_OUTPUT, List.of(), List.of(), true, Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:5:3 (y): found \"c\", class number 3 (a, b, c); the network has 1 output;"
                        + " expected 2 classes for one output (0 and 1); name them all with --classes");
    }

    @Test
    void anEmptyCellInAClassColumnIsRefused() {
        CsvTable table = table("x1,x2,y\n1,2,a\n3,4,\n5,6,b\n");

        assertThatThrownBy(() -> table.toLabelledData(ONE_OUTPUT, List.of(), List.of(), true, Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:3:3 (y): found \"\"; expected a class name");
    }

    @Test
    void aClassColumnMustBeTheOnlyTargetColumn() {
        CsvTable table = table("x1,x2,y,z\n1,2,a,0\n3,4,b,1\n");

        assertThatThrownBy(() -> table.toLabelledData(NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
                .loss(Loss.MSE).build(), List.of(), List.of(), true, Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:2:3 (y): found \"a\", a class name, in one of 2 target columns (y, z);"
                        + " expected numbers, or a class column as the only target column");
    }

    @Test
    void featureColumnsStayNumeric() {
        CsvTable table = table("x1,x2,y\n1,big,a\n3,4,b\n");

        assertThatThrownBy(() -> table.toLabelledData(ONE_OUTPUT, List.of(), List.of(), true, Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:2:2 (x2): found \"big\"; expected a number");
    }

    @Test
    void aBadFeatureIsReportedBeforeTheTargets() {
        // By default the first two columns (name, weight_lb) are the features.
        assertThatThrownBy(() -> table(RAW).toDataSet(ONE_OUTPUT, List.of(), List.of(), false))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:2:1 (name): found \"Alice\"; expected a number");
    }

    @Test
    void numericTargetsStayNumbersAndCarryNoClasses() {
        LabelledData read = table("x1,x2,y\n1,2,0\n3,4,1\n").toLabelledData(ONE_OUTPUT, List.of(), List.of(), true,
                Optional.of(ClassLabels.of(List.of("M", "F"))));

        assertThat(read.classes()).isEmpty();
        assertThat(read.data().targets()).isDeepEqualTo(new double[][] {{0}, {1}});
    }

    @Test
    void forPredictionNamingOnlyTheFeaturesLeavesTheOtherColumnsOut() {
        CsvTable table = table("name,weight_lb,height_in\nEmily,128,63\nFrank,155,68\n");

        DataSet data = table.toDataSet(ONE_OUTPUT, MEASURES, List.of(), false);

        assertThat(data.hasTargets()).isFalse();
        assertThat(data.features()).isDeepEqualTo(new double[][] {{128, 63}, {155, 68}});
    }

    private static CsvTable table(String csv) {
        try {
            return CsvTable.read(new StringReader(csv), "t.csv");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
