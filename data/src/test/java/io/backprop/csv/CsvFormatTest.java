package io.backprop.csv;

import io.backprop.data.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layout of a CSV file: a header line that is all numbers is refused as data, a file without one
 * is read with {@link CsvFormat#withoutHeader()}, and the delimiter is found from the first line
 * (comma, tab or semicolon) or given, with line numbers in messages those of the file either way.
 */
class CsvFormatTest {
    private static final NetworkSpec TWO_TO_ONE = NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.MSE)
            .build();

    private static CsvTable read(String text, CsvFormat format) throws IOException {
        return CsvTable.read(new StringReader(text), "t.csv", format);
    }

    private static CsvTable read(String text) throws IOException {
        return read(text, CsvFormat.DEFAULT);
    }

    private static DataSet data(CsvTable table) {
        return table.toDataSet(TWO_TO_ONE, List.of(), List.of(), true);
    }

    @Test
    void aHeaderLineOfNumbersIsRefusedAsDataNamingItsLine() {
        assertThatThrownBy(() -> read("\n\n-2,-1.5,1e3\n25,6,0\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:3: the header line \"-2,-1.5,1e3\" is all numbers and looks like data; expected a"
                        + " header line naming the columns, or --no-header to read every line as a row");
    }

    @Test
    void aHeaderWithOneNameAmongNumbersIsAHeader() throws IOException {
        assertThat(read("1,2,y\n3,4,1\n").header()).containsExactly("1", "2", "y");
    }

    @Test
    void withoutAHeaderEveryLineIsARowAndTheColumnsAreNamedC1C2C3() throws IOException {
        CsvTable table = read("-2,-1,1\n25,6,0\n", CsvFormat.DEFAULT.withoutHeader());

        assertThat(table.header()).containsExactly("c1", "c2", "c3");
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(data(table).features()).isDeepEqualTo(new double[][] {{-2, -1}, {25, 6}});
        assertThat(table.toDataSet(TWO_TO_ONE, List.of("c2", "c1"), List.of("c3"), true).featureRow(1))
                .containsExactly(6, 25);
    }

    @Test
    void withoutAHeaderErrorsNameTheLinesOfTheFile() throws IOException {
        CsvTable bad = read("\n-2,-1,1\n25,x,0\n", CsvFormat.DEFAULT.withoutHeader());

        assertThatThrownBy(() -> data(bad)).hasMessage("t.csv:3:2 (c2): found \"x\"; expected a number");
        assertThatThrownBy(() -> read("-2,-1,1\n25,6\n", CsvFormat.DEFAULT.withoutHeader()))
                .hasMessage("t.csv:2: found 2 values; expected 3, as many as the first line has (c1, c2, c3),"
                        + " separated by commas");
        assertThatThrownBy(() -> read("\n \n", CsvFormat.DEFAULT.withoutHeader()))
                .hasMessage("t.csv: empty; expected rows of values");
    }

    @Test
    void tabsAndSemicolonsAreFoundFromTheHeaderLine() throws IOException {
        String commas = "weight,height,gender\n-2,-1,1\n25,6,0\n";

        DataSet expected = data(read(commas));

        assertThat(data(read(commas.replace(',', '\t'))).features()).isDeepEqualTo(expected.features());
        assertThat(data(read(commas.replace(',', ';'))).targets()).isDeepEqualTo(expected.targets());
        assertThat(read(" weight\t height \t\"gender\"\n1\t2\t3\n").header()).containsExactly("weight", "height",
                "gender");
    }

    @Test
    void delimitersInsideQuotedNamesAreNotCounted() throws IOException {
        assertThat(read("\"a;b;c\",d,e\n1,2,3\n").header()).containsExactly("a;b;c", "d", "e");
        assertThat(read("\"x, y, z\";w;v\n1;2;3\n").header()).containsExactly("x, y, z", "w", "v");
        // A quote inside a name does not start a quoted value.
        assertThat(read("size 5\"\t;b\tc\n1\t2\t3\n").header()).containsExactly("size 5\"", ";b", "c");
    }

    @Test
    void aQuotedNameOverALineBreakKeepsTheLineNumbersAfterIt() throws IOException {
        CsvTable table = read("\"a\nb\";c;d\n1;x;3\n");

        assertThat(table.header()).containsExactly("a\nb", "c", "d");
        assertThatThrownBy(() -> data(table)).hasMessage("t.csv:3:2 (c): found \"x\"; expected a number");
    }

    @Test
    void aHeaderOfOneColumnIsOneColumn() throws IOException {
        CsvTable table = read("x\n1\n2\n");

        assertThat(table.header()).containsExactly("x");
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @Test
    void twoDelimitersEquallyOftenAreRefusedNamingThem() {
        assertThatThrownBy(() -> read("\r\nweight;height,gender\n1;2,3\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:2: the header line has 1 commas and 1 semicolons; expected one delimiter more"
                        + " often than the others (comma, tab or semicolon), or --delimiter to say which");
        assertThatThrownBy(() -> read("1\t2,3\n", CsvFormat.DEFAULT.withoutHeader()))
                .hasMessageStartingWith("t.csv:1: the first line has 1 commas and 1 tabs;");
    }

    @Test
    void aGivenDelimiterIsUsedAndNamedInErrors() throws IOException {
        assertThat(read("a|b|c\n1|2|3\n", CsvFormat.DEFAULT.withDelimiter('|')).header()).containsExactly("a", "b", "c");
        assertThat(read("a;b,c;d\n1;2,5;3\n", CsvFormat.DEFAULT.withDelimiter(';')).header())
                .containsExactly("a", "b,c", "d");

        CsvTable tabbed = read("weight\theight\tgender\n1\t2\t3\n", CsvFormat.DEFAULT.withDelimiter(','));
        assertThatThrownBy(() -> data(tabbed))
                .hasMessage("t.csv: found 1 columns (weight\\theight\\tgender) separated by commas; the network"
                        + " expects 2 inputs");
        assertThatThrownBy(() -> read("a|b|c\n1|2\n", CsvFormat.DEFAULT.withDelimiter('|')))
                .hasMessageEndingWith("(a, b, c), separated by \"|\"");
    }

    @Test
    void aQuoteASpaceOrALineBreakCannotBeTheDelimiter() {
        for (char bad : new char[] {'"', ' ', '\n', '\r'}) {
            assertThatThrownBy(() -> CsvFormat.DEFAULT.withDelimiter(bad))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith("delimiter: found ")
                    .hasMessageContaining("expected one character other than a quote, a space or a line break");
        }
    }

    @Test
    void lineBreaksBeforeTheHeaderAreCountedAsTheParserCountsThem() throws IOException {
        // Carriage returns alone, and with line feeds, are one line break each: the bad cell is on line 5.
        for (String blank : List.of("\r\r \r\n", "\n\n\n", " \r\n\r\n\n", "\r\n\r\r\n")) {
            for (String delimiter : List.of(",", "\t")) {
                CsvTable table = read(blank + "  a,b,c\n1,x,3\n".replace(",", delimiter));

                assertThat(table.header()).containsExactly("a", "b", "c");
                assertThatThrownBy(() -> data(table)).as("%s then %s", blank.replace("\r", "\\r").replace("\n", "\\n"),
                        delimiter).hasMessage("t.csv:5:2 (b): found \"x\"; expected a number");
            }
        }
    }

    @Test
    void blankLinesBeforeTheHeaderAreCountedNotKept() throws IOException {
        int blank = 20_000_000;
        long before = allocatedBytes();

        CsvTable table = CsvTable.read(new Text(blank, "a,b,c\n1,x,3\n"), "t.csv", CsvFormat.DEFAULT);

        assertThat(allocatedBytes() - before).as("bytes allocated for %d blank lines", blank).isLessThan(8L << 20);
        assertThatThrownBy(() -> data(table)).hasMessage("t.csv:" + (blank + 2) + ":2 (b): found \"x\"; expected a number");
    }

    @Test
    void anUnclosedQuoteOnTheFirstLineIsReadNoFurtherThanALine() {
        Text endless = new Text(0, "\"a" + "\n".repeat(5000));

        assertThatThrownBy(() -> CsvTable.read(endless, "t.csv", CsvFormat.DEFAULT.withMaxLineLength(100)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("malformed CSV");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** {@code blank} line feeds made on the fly, then {@code rest}. */
    private static final class Text extends Reader {
        private final long blank;
        private final String rest;
        private long position;

        Text(long blank, String rest) {
            this.blank = blank;
            this.rest = rest;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= blank + rest.length()) {
                return -1;
            }
            int n = 0;
            for (; n < length && position < blank + rest.length(); n++, position++) {
                buffer[offset + n] = position < blank ? '\n' : rest.charAt((int) (position - blank));
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
