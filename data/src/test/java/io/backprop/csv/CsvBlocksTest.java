package io.backprop.csv;

import static io.backprop.csv.SameAsWhole.assertSame;
import static io.backprop.csv.SameAsWhole.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV file read in blocks: each block whole rows, all of them the rows and errors of the whole file. */
class CsvBlocksTest {
    private static final NetworkSpec TWO_TO_ONE = spec(2, 1);

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    /** {@code rows} rows of three numbers under {@code a,b,y}, each line ended by {@code end}. */
    private static String numbers(int rows, String end) {
        StringBuilder text = new StringBuilder("a,b,y" + end);
        for (int r = 0; r < rows; r++) {
            text.append(r).append(',').append(r * 0.25).append(',').append(-r / 3.0).append(end);
        }
        return text.toString();
    }

    private String same(Path file, CsvFormat format, NetworkSpec spec, List<String> features, List<String> targets,
                        long blockBytes) {
        return assertSame(file, format, spec, features, targets, true, Optional.empty(), blockBytes);
    }

    @Test
    void theBlocksTogetherAreTheWholeFile() throws IOException {
        Path file = write(numbers(200, "\n"));
        CsvBlocks blocks = CsvBlocks.open(file, CsvFormat.DEFAULT, 64);

        assertThat(blocks.blockCount()).isGreaterThan(50);
        assertThat(blocks.header()).containsExactly("a", "b", "y");
        int rows = 0;
        for (int b = 0; b < blocks.blockCount(); b++) {
            CsvTable block = blocks.block(b);
            assertThat(block.source()).isEqualTo(file.toString());
            assertThat(block.header()).containsExactly("a", "b", "y");
            rows += block.rowCount();
        }
        assertThat(rows).isEqualTo(200);
        for (long blockBytes : new long[] {1, 7, 64, 100, 300, CsvBlocks.DEFAULT_BLOCK_BYTES}) {
            assertThat(same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), blockBytes))
                    .startsWith("200 rows");
        }
    }

    @Test
    void aFileSmallerThanABlockIsOneBlock() throws IOException {
        Path file = write(numbers(3, "\n"));

        assertThat(CsvBlocks.open(file, CsvFormat.DEFAULT).blockCount()).isEqualTo(1);
        assertThat(same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), CsvBlocks.DEFAULT_BLOCK_BYTES))
                .startsWith("3 rows");
    }

    @Test
    void crlfLineEndsALastLineWithoutLineEndAndBlankLines() throws IOException {
        String text = "\n  \r\n" + numbers(60, "\r\n").replace("\r\n7", "\r\n\r\n   \n\n7") + "\n\n   \n" + "1,2,3";
        Path file = write(text);

        for (long blockBytes : new long[] {1, 16, 50, 128}) {
            assertThat(same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), blockBytes))
                    .startsWith("61 rows");
        }
    }

    @Test
    void blankLinesAtTheEndBelongToTheLastBlock() throws IOException {
        Path file = write(numbers(20, "\n") + "\n\n    \n\r\n".repeat(40));
        CsvBlocks blocks = CsvBlocks.open(file, CsvFormat.DEFAULT, 30);

        assertThat(blocks.block(blocks.blockCount() - 1).rowCount()).isPositive();
        same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), 30);
    }

    @Test
    void withoutAHeaderTheFirstLineIsARowOfTheFirstBlock() throws IOException {
        String text = numbers(80, "\n");
        Path file = write(text.substring(text.indexOf('\n') + 1));
        CsvFormat format = CsvFormat.DEFAULT.withoutHeader();

        assertThat(CsvBlocks.open(file, format, 40).header()).containsExactly("c1", "c2", "c3");
        assertThat(same(file, format, TWO_TO_ONE, List.of(), List.of("c3"), 40)).startsWith("80 rows");
    }

    @Test
    void aSemicolonDelimiterFoundOrGiven() throws IOException {
        Path file = write(numbers(50, "\n").replace(',', ';'));

        assertThat(same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), 32)).startsWith("50 rows");
        assertThat(same(file, CsvFormat.DEFAULT.withDelimiter(';'), TWO_TO_ONE, List.of(), List.of(), 32))
                .startsWith("50 rows");
    }

    @Test
    void quotedValuesWithLineBreaksAndDelimitersAreNeverCut() throws IOException {
        StringBuilder text = new StringBuilder("note,\"a\",b,y\n");
        for (int r = 0; r < 60; r++) {
            String note = switch (r % 5) {
                case 0 -> "\"line one\nline two, with a comma\n\n3,4,5\n\"";
                case 1 -> "  \"a \"\"quoted\"\" word,\r\n\r\n\"  ";
                case 2 -> "plain";
                case 3 -> "in\"side";
                default -> "\"\"";
            };
            text.append(note).append(", \"").append(r).append("\" ,").append(r % 7).append(',').append(r % 3 - 1)
                    .append('\n');
        }
        Path file = write(text.toString());

        for (long blockBytes = 1; blockBytes < 200; blockBytes += 3) {
            assertThat(same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of("a", "b"), List.of("y"), blockBytes))
                    .startsWith("60 rows");
        }
    }

    @Test
    void aDelimiterOfTwoBytesIsFoundBeforeAQuote() throws IOException {
        Path file = write("a§b§y\n" + "1§\"2\n\"§3\n".repeat(3) + "1§ \"2§\"§3\n".repeat(30));
        CsvFormat format = CsvFormat.DEFAULT.withDelimiter('§');

        for (long blockBytes = 1; blockBytes < 40; blockBytes += 2) {
            String whole = assertSame(file, format, TWO_TO_ONE, List.of("a", "y"), List.of(), false,
                    Optional.empty(), blockBytes);
            assertThat(whole).startsWith("33 rows"); // "2\n" and "2§" are column b's, not used
        }
        Path numbers = write("a§b§y\n" + "1§\"2\"§3\n".repeat(3) + "1§ \"2\r\n\"§3\n".repeat(30));
        assertThat(assertSame(numbers, format, TWO_TO_ONE, List.of("a", "y"), List.of(), false, Optional.empty(), 9))
                .startsWith("33 rows");
    }

    @Test
    void aBadCellInALateBlockIsNamedAsReadingTheWholeFileNamesIt() throws IOException {
        Path file = write(numbers(300, "\n").replace("\n250,", "\n250x,"));
        String whole = SameAsWhole.whole(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), true,
                Optional.empty());

        assertThat(whole).isEqualTo("error: " + file + ":252:1 (a): found \"250x\"; expected a number");
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), true,
                Optional.empty(), 100);
        int failing = source.blockCount() - 1;
        while (failing >= 0) {
            try {
                source.block(failing);
                break;
            } catch (DataException e) {
                assertThat("error: " + e.getMessage()).isEqualTo(whole);
                failing--;
            }
        }
        assertThat(failing).isGreaterThan(source.blockCount() / 2);
        same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), 100);
    }

    @Test
    void problemsOfShapeLengthQuotesAndBytesInALateBlockAreNamedAsTheWholeFileNamesThem() throws IOException {
        String good = numbers(200, "\r\n");
        List<byte[]> files = new ArrayList<>();
        files.add(good.replace("\r\n150,", "\r\n150,1,").getBytes(StandardCharsets.UTF_8));
        files.add(good.replace("\r\n150,", "\r\n150" + " ".repeat(70) + ",").getBytes(StandardCharsets.UTF_8));
        files.add(good.replace("\r\n150,", "\r\n\"150\"x,").getBytes(StandardCharsets.UTF_8));
        files.add(good.replace("\r\n199,", "\r\n\"199,").getBytes(StandardCharsets.UTF_8));
        byte[] notUtf8 = good.replace("\r\n150,", "\r\n15é,").getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < notUtf8.length; k++) {
            if (notUtf8[k] == (byte) 0xA9) {
                notUtf8[k] = (byte) 0x20; // the second byte of é gone: a lead byte without its follower
            }
        }
        files.add(notUtf8);
        CsvFormat format = CsvFormat.DEFAULT.withMaxLineLength(60);
        for (byte[] bytes : files) {
            Path file = Files.write(dir.resolve("bad.csv"), bytes);
            for (long blockBytes : new long[] {50, 333}) {
                assertThat(assertSame(file, format, TWO_TO_ONE, List.of(), List.of(), true, Optional.empty(),
                        blockBytes)).matches("error: \\Q" + file + "\\E:(152|202)[:].*");
            }
        }
    }

    @Test
    void aBlockOfNoBytesIsRefused() throws IOException {
        Path file = write(numbers(3, "\n"));

        assertThatThrownBy(() -> CsvBlocks.open(file, CsvFormat.DEFAULT, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blockBytes: found 0; expected at least 1");
        assertThat(CsvBlocks.DEFAULT_BLOCK_BYTES).isEqualTo(16L << 20);
    }

    @Test
    void aLoneCarriageReturnIsRefusedNamingItsLine() throws IOException {
        Path file = write("a,b,y\n1,2,3\n4,5,6\r7,8,9\n");

        assertThatThrownBy(() -> CsvBlocks.open(file, CsvFormat.DEFAULT, 4))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ":3: a carriage return without a line feed after it ends the line; expected lines"
                        + " that end in a line feed (\\n or \\r\\n) to read the file in blocks: change its line ends"
                        + " to \\n, or read it whole");
        Path atTheEnd = write("a,b,y\n1,2,3\n4,5,6\r");
        assertThat(same(atTheEnd, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), 4)).startsWith("2 rows");
    }

    @Test
    void theHeaderIsReadWithTheErrorsOfReadingTheWholeFile() throws IOException {
        for (String text : new String[] {"", "\n  \n", "a,b,y\n", "a,b,y\n\n \n", "a,a,y\n1,2,3\n", "1,2,3\n4,5,6\n",
                "a,b;y;z\n1,2,3\n", "a,\"b\nc\",y\n1,2,3\n"}) {
            Path file = write(text);
            same(file, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), 3);
        }
        Path missing = dir.resolve("missing.csv");
        same(missing, CsvFormat.DEFAULT, TWO_TO_ONE, List.of(), List.of(), 3);
        assertThatThrownBy(() -> CsvBlocks.open(dir, CsvFormat.DEFAULT))
                .hasMessage(dir + ": not a regular file; expected a file that can be read again, block by block");
    }

    @Test
    void classesFoundInEveryBlockAreTheClassesOfTheWholeFile() throws IOException {
        StringBuilder text = new StringBuilder("x1,x2,animal\n");
        String[] animals = {"dog", "cat", "7", "bird"};
        for (int r = 0; r < 120; r++) {
            // "7" is a class name too, since the column holds names; the last class shows up late
            String animal = r == 110 ? "ant" : animals[r < 40 ? r % 2 : r % 4];
            text.append(r).append(',').append(r % 5).append(',').append(animal).append('\n');
        }
        Path file = write(text.toString());
        NetworkSpec five = spec(2, 5);

        CsvBlocks blocks = CsvBlocks.open(file, CsvFormat.DEFAULT, 64);
        assertThat(blocks.classes(five, List.of(), List.of())).contains(ClassLabels.of(List.of("7", "ant", "bird",
                "cat", "dog")));
        assertThat(same(file, CsvFormat.DEFAULT, five, List.of(), List.of(), 64)).startsWith("120 rows, classes"
                + " Optional[7, ant, bird, cat, dog]");
        // too many classes for the network, named where the one too many is, as the whole file names it
        assertThat(same(file, CsvFormat.DEFAULT, spec(2, 3), List.of(), List.of(), 64))
                .isEqualTo("error: " + file + ":45:3 (animal): found \"bird\", class number 4 (7, bird, cat, dog); the"
                        + " network has 3 outputs; expected 3 classes, one per output; name them all with --classes");
        assertThat(same(file, CsvFormat.DEFAULT, spec(2, 6), List.of(), List.of(), 64)).startsWith("error: "
                + file + ": column 3 (animal): found 5 classes");
        assertThatThrownBy(() -> blocks.classes(spec(2, 3), List.of(), List.of()))
                .hasMessageContaining(":45:3 (animal): found \"bird\", class number 4");
    }

    @Test
    void aRowOfTheWrongShapeLateInTheFileIsNamedBeforeTooManyClassesEarlyInIt() throws IOException {
        Path file = write("x1,x2,animal\n1,2,cat\n1,2,dog\n1,2,ant\n1,2,bee\n" + "3,4,cat\n".repeat(50) + "5,6\n");

        assertThat(same(file, CsvFormat.DEFAULT, spec(2, 3), List.of(), List.of(), 40))
                .isEqualTo("error: " + file + ":56: found 2 values; expected 3, one per column of the header (x1, x2,"
                        + " animal), separated by commas");
        assertThatThrownBy(() -> CsvBlocks.open(file, CsvFormat.DEFAULT, 40).classes(spec(2, 3), List.of(), List.of()))
                .hasMessageStartingWith(file + ":56: found 2 values");
    }

    @Test
    void classesGivenAreUsedInEveryBlockInTheirOrder() throws IOException {
        Path file = write("x1,x2,label\n" + "1,2,yes\n3,4,no\n".repeat(30) + "5,6,maybe\n");
        ClassLabels given = ClassLabels.of(List.of("yes", "no", "maybe"));
        NetworkSpec three = spec(2, 3);

        assertThat(assertSame(file, CsvFormat.DEFAULT, three, List.of(), List.of(), true, Optional.of(given), 20))
                .startsWith("61 rows, classes Optional[yes, no, maybe]");
        assertThat(assertSame(file, CsvFormat.DEFAULT, spec(2, 2), List.of(), List.of(), true, Optional.of(given), 20))
                .startsWith("error: " + file + ": column 3 (label): the classes yes, no, maybe are 3");
    }

    @Test
    void numericTargetsOfSeveralColumnsAndRowsWithoutTargets() throws IOException {
        Path file = write("x1,x2,y1,y2\n" + "1,2,3,4\n5.5,-6,7e-3,8\n".repeat(40));

        assertThat(same(file, CsvFormat.DEFAULT, spec(2, 2), List.of(), List.of(), 25)).startsWith("80 rows");
        assertThat(assertSame(file, CsvFormat.DEFAULT, spec(2, 2), List.of("x2", "y1"), List.of(), false,
                Optional.empty(), 25)).startsWith("80 rows");
        assertThat(same(file, CsvFormat.DEFAULT, spec(2, 3), List.of(), List.of(), 25))
                .isEqualTo("error: " + file + ": found 2 target columns (y1, y2); the network has 3 outputs");
        Path named = write("x1,x2,y1,y2\n" + "1,2,3,4\n".repeat(40) + "1,2,3,cat\n");
        assertThat(SameAsWhole.whole(named, CsvFormat.DEFAULT, spec(2, 2), List.of(), List.of(), true,
                Optional.empty())).contains(":42:4 (y2): found \"cat\", a class name, in one of 2 target columns");
        assertThatThrownBy(() -> CsvBlocks.open(named, CsvFormat.DEFAULT, 25).classes(spec(2, 2), List.of(), List.of()))
                .hasMessageContaining(":42:4 (y2): found \"cat\", a class name, in one of 2 target columns");
    }

    @Test
    void aBlockHoldsItsOwnRowsNotTheFile() throws IOException {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 200_000; r++) {
            text.append(r % 1000).append(",0.").append(r % 97).append(',').append(r % 2).append('\n');
        }
        Path file = write(text.toString());
        long blockBytes = 1 << 16;
        CsvBlocks blocks = CsvBlocks.open(file, CsvFormat.DEFAULT, blockBytes);
        long size = Files.size(file);

        assertThat(size).isGreaterThan(2_000_000);
        assertThat(blocks.blockCount()).isBetween((int) (size / blockBytes) - 1, (int) (size / blockBytes) + 1);
        long rows = 0;
        int shortestLine = 6; // "0,0.0,0"
        for (int b = 0; b < blocks.blockCount(); b++) {
            int blockRows = blocks.block(b).rowCount();
            assertThat(blockRows).isPositive().isLessThanOrEqualTo((int) (blockBytes / shortestLine) + 2);
            rows += blockRows;
        }
        assertThat(rows).isEqualTo(200_000);
    }
}
