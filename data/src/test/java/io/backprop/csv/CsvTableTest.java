package io.backprop.csv;

import io.backprop.data.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a CSV file of numbers, and refusing one that is not, naming the file, line and column. */
class CsvTableTest {
    /** Two inputs, one output: the first two columns of a three-column table are its features. */
    private static final NetworkSpec TWO_TO_ONE = NetworkSpec.builder(2)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    @TempDir
    Path dir;

    @Test
    void readsTheHeaderAndEveryRow() throws IOException {
        CsvTable table = CsvTable.read(file("weight,height,gender\n-2,-1,1\n25,6,0\n17,4,0\n"));

        assertThat(table.header()).containsExactly("weight", "height", "gender");
        assertThat(table.rowCount()).isEqualTo(3);
        DataSet data = table.toDataSet(TWO_TO_ONE, List.of(), List.of(), true);
        assertThat(data.features()).isDeepEqualTo(new double[][] {{-2, -1}, {25, 6}, {17, 4}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{1}, {0}, {0}});
    }

    @Test
    void sourceIsTheFileName() throws IOException {
        Path file = file("a,b,c\n1,2,3\n");

        assertThat(CsvTable.read(file).source()).isEqualTo(file.toString());
    }

    @Test
    void readsNumbersInEveryDecimalForm() throws IOException {
        CsvTable table = CsvTable.read(file("a,b,c\n-0.5,1e-3,+2.5E2\n.25,7.,0\n"));

        DataSet data = table.toDataSet(TWO_TO_ONE, List.of(), List.of(), true);
        assertThat(data.features()).isDeepEqualTo(new double[][] {{-0.5, 0.001}, {0.25, 7}});
        assertThat(data.targets()).isDeepEqualTo(new double[][] {{250}, {0}});
    }

    @Test
    void ignoresSpacesAroundValues() throws IOException {
        CsvTable table = CsvTable.read(file(" a , b ,c\n 1 ,  2,3 \n"));

        assertThat(table.header()).containsExactly("a", "b", "c");
        assertThat(table.toDataSet(TWO_TO_ONE, List.of(), List.of(), true).featureRow(0)).containsExactly(1, 2);
    }

    @Test
    void readsQuotedFields() throws IOException {
        CsvTable table = CsvTable.read(file("\"x, first\",\"y\",z\n\"1.5\",2,\"3\"\n"));

        assertThat(table.header()).containsExactly("x, first", "y", "z");
        DataSet data = table.toDataSet(TWO_TO_ONE, List.of(), List.of(), true);
        assertThat(data.featureRow(0)).containsExactly(1.5, 2);
        assertThat(data.targetRow(0)).containsExactly(3);
    }

    @Test
    void skipsBlankLines() throws IOException {
        CsvTable table = CsvTable.read(file("a,b,c\n\n1,2,3\n   \n4,5,6\n\n"));

        assertThat(table.rowCount()).isEqualTo(2);
    }

    @Test
    void countsBlankLinesInTheLineNumbersAfterThem() throws IOException {
        // Lines: 1 header, 2 row, 3 and 4 blank, 5 the bad row.
        Path file = file("a,b,c\n1,2,3\n\n\n4,x,6\n");

        refused(file).hasMessageStartingWith(file + ":5:2 (b): ");
    }

    @Test
    void countsWindowsLineEndingsOnce() throws IOException {
        Path file = file("a,b,c\r\n1,2,3\r\n\r\n4,x,6\r\n");

        refused(file).hasMessageStartingWith(file + ":4:2 (b): ");
    }

    @Test
    void aRowWithTooFewValuesIsRefusedWithTheExpectedCount() throws IOException {
        Path file = file("a,b,c\n1,2,3\n4,5\n");

        refused(file).hasMessage(file + ":3: found 2 values; expected 3, one per column of the header (a, b, c),"
                + " separated by commas");
    }

    @Test
    void aRowWithTooManyValuesIsRefusedWithTheExpectedCount() throws IOException {
        Path file = file("a,b,c\n1,2,3,4\n");

        refused(file).hasMessage(file + ":2: found 4 values; expected 3, one per column of the header (a, b, c),"
                + " separated by commas");
    }

    @Test
    void aNonNumericCellIsRefusedWithItsLineColumnAndName() throws IOException {
        Path file = file("weight,height,gender\n-2,-1,1\n25,tall,0\n");

        refused(file).hasMessage(file + ":3:2 (height): found \"tall\"; expected a number");
    }

    @Test
    void anEmptyCellIsRefused() throws IOException {
        Path file = file("a,b,c\n1,,3\n");

        refused(file).hasMessage(file + ":2:2 (b): found \"\"; expected a number");
    }

    @Test
    void aNanCellIsRefusedAsNotFinite() throws IOException {
        Path file = file("a,b,c\n1,2,NaN\n");

        refused(file).hasMessage(file + ":2:3 (c): found NaN; expected a finite number");
    }

    @Test
    void infiniteCellsAreRefusedAsNotFinite() throws IOException {
        Path positive = file("a,b,c\nInfinity,2,3\n");
        refused(positive).hasMessage(positive + ":2:1 (a): found Infinity; expected a finite number");

        Path negative = file("a,b,c\n1,-Infinity,3\n");
        refused(negative).hasMessage(negative + ":2:2 (b): found -Infinity; expected a finite number");
    }

    @Test
    void aNumberTooLargeForADoubleIsRefusedAsNotFinite() throws IOException {
        Path file = file("a,b,c\n1,2,1e400\n");

        refused(file).hasMessage(file + ":2:3 (c): found 1e400; expected a finite number");
    }

    @Test
    void javaNumberSuffixesAndHexAreNotNumbers() throws IOException {
        for (String cell : List.of("1d", "2f", "3D", "0x1p3")) {
            Path file = file("a,b,c\n1,2," + cell + "\n");

            refused(file).hasMessage(file + ":2:3 (c): found \"" + cell + "\"; expected a number");
        }
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = file("");

        refused(file).hasMessage(file + ": empty; expected a header line naming the columns, then rows");
    }

    @Test
    void aHeaderWithoutRowsIsRefused() throws IOException {
        Path file = file("a,b,c\n\n");

        refused(file).hasMessage(file + ": has a header but no rows; expected at least one row of numbers");
    }

    @Test
    void aColumnNamedTwiceIsRefusedWithItsColumn() throws IOException {
        Path file = file("a,b,a\n1,2,3\n");

        refused(file).hasMessage(file + ":1:3: column \"a\" is named twice; expected distinct names");
    }

    @Test
    void aHeaderAfterBlankLinesIsReportedOnItsOwnLine() throws IOException {
        Path file = file("\n\na,b,a\n1,2,3\n");

        refused(file).hasMessage(file + ":3:3: column \"a\" is named twice; expected distinct names");
    }

    @Test
    void anEmptyColumnNameIsRefused() throws IOException {
        Path file = file("a,,c\n1,2,3\n");

        refused(file).hasMessage(file + ":1:2: empty column name; expected a header line naming every column");
    }

    @Test
    void anUnclosedQuoteIsRefusedAsMalformed() throws IOException {
        Path file = file("a,b,c\n1,2,\"3\n");

        refused(file).hasMessageStartingWith(file + ":").hasMessageContaining("malformed CSV");
    }

    @Test
    void aFileThatDoesNotExistIsRefused() {
        Path file = dir.resolve("absent.csv");

        refused(file).hasMessage(file + ": no such file; expected a CSV file with a header line");
    }

    private Path file(String content) throws IOException {
        Path file = Files.createTempFile(dir, "data", ".csv");
        Files.writeString(file, content);
        return file;
    }

    /**
     * Reads the file and then parses every column, as features for prediction: cells are parsed only
     * when a data set is taken from the table, so a bad cell is found there, and a bad header or row
     * shape already by {@code read}.
     */
    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> {
            CsvTable table = CsvTable.read(file);
            NetworkSpec everyColumnAnInput = NetworkSpec.builder(table.header().size())
                    .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
            table.toDataSet(everyColumnAnInput, List.of(), List.of(), false);
        }).isInstanceOf(DataException.class);
    }
}
