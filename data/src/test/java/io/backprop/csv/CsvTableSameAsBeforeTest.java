package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.model.ClassLabels;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader gives exactly what it gave before it kept cells as bytes and parsed them without a
 * regular expression ({@link OldCsvTable}): the same header, the same data set bit for bit, the same
 * classes, and the same error, word for word, on varied files: quoted values, each delimiter, class
 * names, column selection, CRLF, a byte order mark, blank lines and spaces, bad cells, and a table large
 * enough to be parsed on several threads with bad cells in more than one run of rows.
 */
class CsvTableSameAsBeforeTest {
    @TempDir
    Path dir;

    private static final NetworkSpec TWO_ONE = NetworkSpec.builder(2).layer(1, Activation.SIGMOID)
            .loss(Loss.MSE).build();
    private static final NetworkSpec TWO_TWO = NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
            .loss(Loss.MSE).build();
    private static final NetworkSpec TWO_THREE = NetworkSpec.builder(2).layer(3, Activation.SOFTMAX)
            .loss(Loss.XENT).build();

    /** One way of taking a data set from a table: a network, the columns named, and whether targets are needed. */
    private record Take(NetworkSpec spec, List<String> features, List<String> targets, boolean required,
                        Optional<ClassLabels> known) {
    }

    private static final List<Take> TAKES = List.of(
            new Take(TWO_ONE, List.of(), List.of(), true, Optional.empty()),
            new Take(TWO_ONE, List.of(), List.of(), false, Optional.empty()),
            new Take(TWO_TWO, List.of(), List.of(), true, Optional.empty()),
            new Take(TWO_THREE, List.of(), List.of(), true, Optional.empty()),
            new Take(TWO_ONE, List.of("a", "b"), List.of(), false, Optional.empty()),
            new Take(TWO_ONE, List.of("b", "a"), List.of("c"), true, Optional.empty()),
            new Take(TWO_ONE, List.of(), List.of("c"), true, Optional.empty()),
            new Take(TWO_THREE, List.of("a", "c"), List.of("b"), true, Optional.empty()),
            new Take(TWO_THREE, List.of("a", "b"), List.of("label"), true,
                    Optional.of(ClassLabels.of(List.of("versicolor", "setosa", "日本")))),
            new Take(TWO_ONE, List.of("c1", "c2"), List.of(), false, Optional.empty()),
            new Take(TWO_ONE, List.of("c2", "c1"), List.of("c3"), true, Optional.empty()));

    /** What a reading gave: the error's type and message, or the table's header and every take's outcome. */
    private static String outcome(Callable<?> read, java.util.function.Function<Object, String> describe) {
        Object table;
        try {
            table = read.call();
        } catch (Exception e) {
            return "read refused: " + e.getClass().getName() + ": " + e.getMessage();
        }
        return describe.apply(table);
    }

    private static String describeNew(Object table) {
        CsvTable t = (CsvTable) table;
        StringBuilder out = new StringBuilder(t.header() + " " + t.rowCount() + " rows\n");
        for (Take take : TAKES) {
            out.append(taken(() -> t.toLabelledData(take.spec(), take.features(), take.targets(), take.required(),
                    take.known()))).append('\n');
        }
        return out.toString();
    }

    private static String describeOld(Object table) {
        OldCsvTable t = (OldCsvTable) table;
        StringBuilder out = new StringBuilder(t.header() + " " + t.rowCount() + " rows\n");
        for (Take take : TAKES) {
            out.append(taken(() -> t.toLabelledData(take.spec(), take.features(), take.targets(), take.required(),
                    take.known()))).append('\n');
        }
        return out.toString();
    }

    /** A data set as its exact bits, or the error taking it gave. */
    private static String taken(Callable<LabelledData> take) {
        try {
            LabelledData data = take.call();
            StringBuilder out = new StringBuilder("data " + data.data().rows() + "×" + data.data().featureCount()
                    + "+" + data.data().targetCount() + " classes " + data.classes().map(ClassLabels::names) + ":");
            for (double[] row : data.data().features()) {
                for (double value : row) {
                    out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(value)));
                }
            }
            out.append(" |");
            if (data.data().hasTargets()) {
                for (double[] row : data.data().targets()) {
                    for (double value : row) {
                        out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(value)));
                    }
                }
            }
            return out.toString();
        } catch (Exception e) {
            return "refused: " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /**
     * Reads {@code text} from a reader and from a UTF-8 file with both readers, compares everything, and
     * gives what the reader gave.
     */
    private String sameAsBefore(String text, CsvFormat format) throws IOException {
        String before = outcome(() -> OldCsvTable.read(new StringReader(text), "t.csv", format),
                CsvTableSameAsBeforeTest::describeOld);
        String now = outcome(() -> CsvTable.read(new StringReader(text), "t.csv", format),
                CsvTableSameAsBeforeTest::describeNew);
        assertThat(now).as("read from a reader: %s", text.length() > 200 ? text.substring(0, 200) : text)
                .isEqualTo(before);
        // a lone surrogate, which no UTF-8 file holds, is written as '?'
        Path file = Files.write(dir.resolve("t.csv"), text.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome(() -> CsvTable.read(file, format), CsvTableSameAsBeforeTest::describeNew))
                .as("read from a file: %s", text.length() > 200 ? text.substring(0, 200) : text)
                .isEqualTo(outcome(() -> OldCsvTable.read(file, format), CsvTableSameAsBeforeTest::describeOld));
        return now;
    }

    private static final List<String> FILES = List.of(
            "a,b,c\n1,2,3\n4.5,-6,+7\n",
            "a,b,c\n1,2,3\n4.5,-6,+7",
            "a,b,c\r\n1,2,3\r\n\r\n.5,5.,-0\r\n",
            "a,b,c\r1,2,3\r4,5,6\r",
            "\uFEFFa,b,c\n1,2,3\n",
            "\n\n   \na,b,c\n\n1,2,3\n   \n4,5,6\n\n",
            "a\tb\tc\n1\t2\t3\n4\t5\t6\n",
            "a;b;c\n1,5;2,5;3\n4;5;6\n",
            "a;b;c\n1;2;3\n4;5;6\n",
            "a,b;c\n1,2;3\n",
            "a,b,c\n 1 , 2 ,3 \n  4,5  ,  6\n",
            "\"a\",\"b\",\"c\"\n\"1\",\"2\",\"3\"\n\"4\",\" 5 \",\"6\"\n",
            "a,\"b, c\",c\n1,2,3\n",
            "a,b,c\n1,\"2\"\"\",3\n",
            "a,b,c\n1,\"2\n3\",4\n5,6,7\n",
            "a,b,c\n1,\"2,3\n",
            "a,b,c\n1,2\"x\",3\n",
            "a,b,c\n1,2,3,4\n",
            "a,b,c\n1,2\n",
            "a,b,c\n",
            "",
            "   \n\n",
            "1,2,3\n4,5,6\n",
            "a,a,c\n1,2,3\n",
            "a,,c\n1,2,3\n",
            "a,b,c\n1,,3\n",
            "a,b,c\n1,tall,3\n",
            "a,b,c\n1,1d,3\n",
            "a,b,c\n1,0x1p3,3\n",
            "a,b,c\n1,NaN,3\n",
            "a,b,c\n1,-Infinity,3\n",
            "a,b,c\n1,1e309,3\n",
            "a,b,c\n1,1e-400,3\n",
            "a,b,c\n1,2.2250738585072011e-308,9007199254740993\n",
            "a,b,c\n1,0." + "3".repeat(400) + ",3\n",
            "a,b,c\n1," + "9".repeat(5000) + ",3\n",
            "a,b,c\n1,٣,3\n",
            "a,b,label\n1,2,setosa\n3,4,versicolor\n5,6,setosa\n",
            "a,b,label\n1,2,setosa\n3,4,versicolor\n5,6,1\n7,8,1.0\n",
            "a,b,label\n1,2,café\n3,4,日本\n5,6,setosa\n",
            "a,b,label\n1,2,\uD800\n3,4,x\uDFFFy\n5,6,😀\n",
            "a,b,label\n1,2,setosa\n3,4,\n",
            "a,b,label\n1,2,0\n3,4,1\n5,6,2\n",
            "a,b,label\n1,2,x\n3,4,y\n5,6,z\n7,8,w\n",
            "a,b,c,label\n1,2,3,x\n4,5,6,y\n7,8,9,z\n",
            "a,b,c,label\n1,2,x,y\n");

    @Test
    void variedFilesGiveWhatTheyGaveBefore() throws IOException {
        StringBuilder outcomes = new StringBuilder();
        for (String text : FILES) {
            outcomes.append(sameAsBefore(text, CsvFormat.DEFAULT));
            outcomes.append(sameAsBefore(text, CsvFormat.DEFAULT.withoutHeader()));
            outcomes.append(sameAsBefore(text, CsvFormat.DEFAULT.withDelimiter(';')));
            outcomes.append(sameAsBefore(text.replace(',', '|'), CsvFormat.DEFAULT.withDelimiter('|')));
            outcomes.append(sameAsBefore(text, CsvFormat.DEFAULT.withMaxLineLength(12)));
        }
        // the files are read into data sets, class labels among them, as well as refused
        assertThat(outcomes).contains("data 3×2+1 classes Optional.empty", "classes Optional[[setosa, versicolor]]",
                "classes Optional[[versicolor, setosa, 日本]]", "expected a number", "expected a finite number",
                "malformed CSV", "expected one of the classes");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsBefore() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "a,b,c\n1,2,3\n4,caf\u00e9,6\n".getBytes(
                StandardCharsets.ISO_8859_1));
        assertThat(outcome(() -> CsvTable.read(latin1), CsvTableSameAsBeforeTest::describeNew))
                .isEqualTo(outcome(() -> OldCsvTable.read(latin1), CsvTableSameAsBeforeTest::describeOld));
    }

    /** A table of {@code rows} rows of a, b, c and label with numbers written every way the grammar allows. */
    private static String large(int rows, SplittableRandom random) {
        StringBuilder text = new StringBuilder("a,b,c,label\n");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 3; c++) {
                text.append(switch (random.nextInt(8)) {
                    // any finite double below 2 in size, either sign: the top bit of the exponent cleared
                    case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0xBFFF_FFFF_FFFF_FFFFL));
                    case 1 -> Double.toString(random.nextDouble());
                    case 2 -> String.format("%.6f", random.nextDouble());
                    case 3 -> Integer.toString(random.nextInt(-1000, 1000));
                    case 4 -> (random.nextBoolean() ? "-" : "+") + random.nextInt(100) + "e" + random.nextInt(-320, 290);
                    case 5 -> "0." + Long.toString(random.nextLong() & Long.MAX_VALUE).repeat(1 + random.nextInt(3));
                    case 6 -> random.nextBoolean() ? "-0" : ".5";
                    default -> Double.toString(Double.longBitsToDouble(random.nextLong() & ((1L << 52) - 1)));
                }).append(',');
            }
            text.append(random.nextInt(2)).append('\n');
        }
        return text.toString();
    }

    /** Reads {@code text} from a UTF-8 file with both readers, compares everything, and gives what the reader gave. */
    private String sameFromFile(String text, CsvFormat format) throws IOException {
        Path file = Files.write(dir.resolve("large.csv"), text.getBytes(StandardCharsets.UTF_8));
        String now = outcome(() -> CsvTable.read(file, format), CsvTableSameAsBeforeTest::describeNew);
        assertThat(now).isEqualTo(outcome(() -> OldCsvTable.read(file, format), CsvTableSameAsBeforeTest::describeOld));
        return now;
    }

    @Test
    void aLargeFileReadInTwoHalvesAtOnceGivesWhatItGaveBefore() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        String text = large(200_000, random);
        assertThat(text.length()).as("large enough to be read in two").isGreaterThan(1 << 23);
        assertThat(sameFromFile(text, CsvFormat.DEFAULT)).contains("data 200000×2+2");
        int middle = text.indexOf('\n', text.length() / 2);
        // blank lines and spaces about the middle, where the file is split: the line numbers after them count them
        String blanks = text.substring(0, middle + 1) + "\n   \n\n" + text.substring(middle + 1);
        assertThat(sameFromFile(blanks, CsvFormat.DEFAULT)).contains("data 200000×2+2");
        // a bad cell past the middle is named at its line in the whole file
        int late = blanks.indexOf('\n', blanks.length() * 3 / 4);
        String badCell = blanks.substring(0, late + 1) + "1,tall,3,0\n" + blanks.substring(late + 1);
        assertThat(sameFromFile(badCell, CsvFormat.DEFAULT)).contains("found \"tall\"; expected a number");
        // problems past the middle that reading itself finds, and files that may not be split at a line feed
        sameFromFile(blanks.substring(0, late + 1) + "1,2,3\n" + blanks.substring(late + 1), CsvFormat.DEFAULT);
        sameFromFile(blanks.substring(0, late + 1) + "1,\"2\n3\",4,5\n" + blanks.substring(late + 1), CsvFormat.DEFAULT);
        sameFromFile(blanks.replace("\n", "\r\n"), CsvFormat.DEFAULT);
        sameFromFile(blanks.substring(0, late + 1) + "1,2\r3,4,5\n" + blanks.substring(late + 1), CsvFormat.DEFAULT);
        byte[] latin1 = (blanks.substring(0, late + 1) + "1,caf\u00e9,3,4\n" + blanks.substring(late + 1))
                .getBytes(StandardCharsets.ISO_8859_1);
        Path notUtf8 = Files.write(dir.resolve("latin1-large.csv"), latin1);
        assertThat(outcome(() -> CsvTable.read(notUtf8), CsvTableSameAsBeforeTest::describeNew))
                .isEqualTo(outcome(() -> OldCsvTable.read(notUtf8), CsvTableSameAsBeforeTest::describeOld))
                .contains("not UTF-8 text");
        // without a header, and a header alone in the first half
        String rows = text.substring(text.indexOf('\n') + 1);
        assertThat(sameFromFile(rows, CsvFormat.DEFAULT.withoutHeader())).contains("data 200000×2+2");
        sameFromFile("a,b,c,label\n" + "\n".repeat(1 << 23) + rows.substring(0, 1000)
                + rows.substring(1000, rows.indexOf('\n', 1000) + 1), CsvFormat.DEFAULT);
        sameFromFile("a,b,c,label\n" + "\n".repeat(1 << 23), CsvFormat.DEFAULT);
    }

    @Test
    void aLargeTableParsedOnSeveralThreadsGivesWhatItGaveBefore() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        // 40,000 rows × 2 feature columns: more values than are parsed on one thread
        String text = large(40_000, random);
        assertThat(sameAsBefore(text, CsvFormat.DEFAULT)).contains("data 40000×2+2");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // bad cells in several runs of rows: the first in row order is the one named, as in one pass
        lines.set(39_000, lines.get(39_000).replaceFirst("^[^,]*", "late"));
        lines.set(20_000, lines.get(20_000).replaceFirst(",[^,]*,", ",NaN,"));
        sameAsBefore(String.join("\n", lines), CsvFormat.DEFAULT);
        lines.set(3, lines.get(3).replaceFirst(",[^,]*,label", ",1e999,label").replaceFirst("(,[^,]*)$", ",z$1"));
        lines.set(7, lines.get(7).replaceFirst("^[^,]*,[^,]*,", "1,x,"));
        sameAsBefore(String.join("\n", lines), CsvFormat.DEFAULT);
    }
}
