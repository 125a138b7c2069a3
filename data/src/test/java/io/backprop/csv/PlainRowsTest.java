package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.error.DataException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level reader of plain files ({@link PlainRows}, through {@link CsvTable#readPlain}) against the
 * tokenizer ({@link CsvTable#readTokenized}) on random files: whenever it reads a file, the same header,
 * delimiter, cells and line numbers; whenever the tokenizer refuses one, it does not read it; and
 * {@link CsvTable#read}, which tries it first, gives what the tokenizer gives, table or error, on every file.
 * The files mix what a plain file holds (spaces around and inside values among it) with each thing that
 * makes one not plain.
 */
class PlainRowsTest {
    private static final String[] PLAIN = {"0.5", "-1", "3e-2", "7", "", "cat", "x_1", "1.25E+3", "NaN", "+.5"};
    private static final String[] SPACED = {" 0.5", "7 ", " cat ", "a b", " ", "  x  y ", " -1e3  "};
    private static final String[] ODD = {"\"q\"", "\"a,b\"", " 1", "2 ", "a b", "é", "\t3", "\"multi\nline\"", "4\r5",
        "x\u0000y", "😀"};

    @TempDir
    Path dir;

    @Test
    void randomFilesReadByBytesAreTheFilesTheTokenizerReads() throws IOException {
        Random random = new Random(20261130L);
        int plain = 0;
        int notPlain = 0;
        int refused = 0;
        for (int t = 0; t < 2_000; t++) {
            RandomFile file = new RandomFile(random, dir.resolve("t" + t + ".csv"), 1 + random.nextInt(30));
            switch (compare(file.path, file.format)) {
                case PLAIN -> plain++;
                case NOT_PLAIN -> notPlain++;
                case REFUSED -> refused++;
            }
        }
        // each kind of file is met often enough to mean something
        assertThat(plain).isGreaterThan(400);
        assertThat(notPlain).isGreaterThan(200);
        assertThat(refused).isGreaterThan(200);
    }

    @Test
    void largeFilesReadInPartsAtOnceAreTheFilesTheTokenizerReads() throws IOException {
        // past the size read in parts (8 MB), with lines across the reader's 256 KB buffers
        Random random = new Random(7L);
        int plain = 0;
        for (int t = 0; t < 6; t++) {
            Path path = dir.resolve("large" + t + ".csv");
            int width = 1 + random.nextInt(400);
            try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                for (int c = 1; c <= width; c++) {
                    line.append(c > 1 ? "," : "").append("c").append(c);
                }
                out.write(line.append(t % 2 == 0 ? "\n" : "\r\n").toString());
                long written = line.length();
                int breakAt = t >= 3 ? 9_000_000 - random.nextInt(3_000_000) : -1;
                for (int r = 0; written < 9_000_000; r++) {
                    line.setLength(0);
                    int cells = width;
                    if (breakAt >= 0 && written > breakAt) {
                        cells = width + (t == 3 ? 1 : 0); // one line too long, far into the file
                        breakAt = -1;
                        if (t == 4) {
                            line.append("\t"); // a tab that does not separate, far into the file
                        } else if (t == 5) {
                            line.append("\"5\""); // a quote, far into the file
                            cells--;
                            line.append(cells > 0 ? "," : "");
                        }
                    }
                    for (int c = 0; c < cells; c++) {
                        line.append(c > 0 ? "," : "").append(random.nextInt(1000)).append('.').append(random.nextInt(100));
                    }
                    out.write(line.append(r % 7 == 0 ? "\n\n" : "\n").toString());
                    written += line.length();
                }
            }
            if (compare(path, CsvFormat.DEFAULT) == Outcome.PLAIN) {
                plain++;
            }
        }
        assertThat(plain).isEqualTo(3);
    }

    private enum Outcome { PLAIN, NOT_PLAIN, REFUSED }

    private static Outcome compare(Path path, CsvFormat format) throws IOException {
        CsvTable expected;
        try {
            expected = CsvTable.readTokenized(path, format);
        } catch (DataException refused) {
            assertThat(CsvTable.readPlain(path, format, Files.size(path))).as("%s", path).isEmpty();
            assertThatReadingRefuses(path, format, refused.getMessage());
            return Outcome.REFUSED;
        }
        Optional<CsvTable> plain = CsvTable.readPlain(path, format, Files.size(path));
        plain.ifPresent(table -> assertSame(table, expected, path));
        assertSame(CsvTable.read(path, format), expected, path);
        return plain.isPresent() ? Outcome.PLAIN : Outcome.NOT_PLAIN;
    }

    private static void assertThatReadingRefuses(Path path, CsvFormat format, String message) {
        try {
            CsvTable.read(path, format);
        } catch (DataException e) {
            assertThat(e.getMessage()).as("%s", path).isEqualTo(message);
            return;
        }
        throw new AssertionError(path + ": read, but the tokenizer refuses it: " + message);
    }

    private static void assertSame(CsvTable actual, CsvTable expected, Path path) {
        assertThat(actual.header()).as("%s", path).isEqualTo(expected.header());
        assertThat(actual.delimiter()).as("%s", path).isEqualTo(expected.delimiter());
        assertThat(actual.rowCount()).as("%s", path).isEqualTo(expected.rowCount());
        for (int r = 0; r < expected.rowCount(); r++) {
            for (int c = 0; c < expected.header().size(); c++) {
                assertThat(actual.cell(r, c)).as("%s row %d column %d", path, r, c).isEqualTo(expected.cell(r, c));
                assertThat(actual.where(r, c)).as("%s", path).isEqualTo(expected.where(r, c));
            }
        }
    }

    /** A small random file: mostly plain lines, and now and then what makes a file not plain or wrong. */
    private static final class RandomFile {
        final Path path;
        final CsvFormat format;

        RandomFile(Random random, Path path, int width) throws IOException {
            this.path = path;
            char delimiter = new char[] {',', ';', '\t', '|'}[random.nextInt(4)];
            boolean header = random.nextInt(5) > 0;
            CsvFormat chosen = header ? CsvFormat.DEFAULT : CsvFormat.DEFAULT.withoutHeader();
            if (delimiter == '|' || random.nextBoolean()) {
                chosen = chosen.withDelimiter(delimiter);
            }
            this.format = chosen;
            boolean odd = random.nextInt(3) == 0; // a third of the files have something that is not plain
            boolean spaced = random.nextBoolean(); // half have spaces around and inside values
            List<String> lines = new ArrayList<>();
            if (header) {
                List<String> names = new ArrayList<>();
                for (int c = 1; c <= width; c++) {
                    names.add(random.nextInt(40) == 0 ? "n" + (c - 1) : "n" + c); // now and then a name twice
                }
                lines.add(String.join(String.valueOf(delimiter), names));
            }
            int rows = random.nextInt(12);
            for (int r = 0; r < rows; r++) {
                int cells = random.nextInt(15) == 0 ? width + random.nextInt(3) - 1 : width;
                List<String> values = new ArrayList<>();
                for (int c = 0; c < cells; c++) {
                    values.add(odd && random.nextInt(3 * width) == 0 ? ODD[random.nextInt(ODD.length)]
                            : spaced && random.nextInt(3) == 0 ? SPACED[random.nextInt(SPACED.length)]
                            : PLAIN[random.nextInt(PLAIN.length)]);
                }
                lines.add(String.join(String.valueOf(delimiter), values));
                if (random.nextInt(10) == 0) {
                    lines.add(random.nextInt(4) == 0 ? "   " : ""); // a blank line, or one of spaces alone
                }
            }
            StringBuilder text = new StringBuilder();
            if (random.nextInt(20) == 0) {
                text.append('\n'); // a blank line first
            }
            String end = random.nextInt(4) == 0 ? "\r\n" : odd && random.nextInt(8) == 0 ? "\r" : "\n";
            for (int l = 0; l < lines.size(); l++) {
                text.append(lines.get(l));
                if (l < lines.size() - 1 || random.nextBoolean()) {
                    text.append(end);
                }
            }
            Files.writeString(path, text.toString(), StandardCharsets.UTF_8);
        }
    }
}
