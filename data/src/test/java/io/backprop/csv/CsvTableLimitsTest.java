package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a CSV file cannot do to the reader: run it out of memory, keep it reading, or go unnamed. */
class CsvTableLimitsTest {
    @TempDir
    Path dir;

    /** An endless run of one character, as {@code /dev/zero} gives NULs. */
    private static final class Endless extends Reader {
        private final char c;

        Endless(char c) {
            this.c = c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, c);
            return length;
        }

        @Override
        public void close() {
        }
    }

    /** {@code text}, then {@code c} without end. */
    private static Reader textThenEndless(String text, char c) {
        return new Reader() {
            private final Reader start = new StringReader(text);
            private final Reader rest = new Endless(c);

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = start.read(buffer, offset, length);
                return n > 0 ? n : rest.read(buffer, offset, length);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aLineWithoutEndIsRefusedAtTheLimitNamingTheLine() {
        assertThatThrownBy(() -> CsvTable.read(new Endless('\0'), "zero", 1000))
                .isInstanceOf(DataException.class)
                .hasMessage("zero:1: a line longer than 1000 characters; expected CSV lines of at most 1000 characters"
                        + " (the command's --max-line-length raises the limit)");
        Reader headerThenEndless = textThenEndless("a,b\n1,2\n", '7');
        assertThatThrownBy(() -> CsvTable.read(headerThenEndless, "digits", 1 << 20))
                .hasMessageStartingWith("digits:3: a line longer than 1048576 characters");
    }

    @Test
    void anEndlessRowOfValuesIsRefusedAtTheLineLimit() {
        Reader commas = textThenEndless("a,b\n", ',');
        // the values past the header's two are counted, not kept, until the line is too long
        assertThatThrownBy(() -> CsvTable.read(commas, "commas", 1 << 20))
                .hasMessageStartingWith("commas:2: a line longer than 1048576 characters");
    }

    @Test
    void aFileDeviceWithoutEndIsRefused() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "/dev/zero");
        assertThatThrownBy(() -> CsvTable.read(zero))
                .hasMessageStartingWith("/dev/zero:1: a line longer than 1048576 characters");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheirLineAndColumn() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.csv"),
                "weight,height\n1,2\n3,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvTable.read(latin1))
                .isInstanceOf(DataException.class)
                .hasMessage(latin1 + ":3:6: not UTF-8 text (a byte sequence that is not a UTF-8 character);"
                        + " expected a UTF-8 CSV file");
        Path utf16 = Files.write(dir.resolve("utf16.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> CsvTable.read(utf16))
                .hasMessageStartingWith(utf16 + ":1:1: not UTF-8 text");
    }

    @Test
    void aLongCellIsQuotedInPartOnOneLine() throws IOException {
        String cell = "x".repeat(5000) + "\\nmore";
        Path file = Files.writeString(dir.resolve("long.csv"), "a,b,c\n1,\"" + cell.replace("\\n", "\n") + "\",3\n");
        CsvTable table = CsvTable.read(file);
        assertThatThrownBy(() -> table.toDataSet(io.backprop.spec.NetworkSpec.builder(2)
                .layer(1, io.backprop.spec.Activation.SIGMOID).loss(io.backprop.spec.Loss.MSE).build(),
                List.of(), List.of(), true))
                .hasMessage(file + ":2:2 (b): found \"" + "x".repeat(80) + "…\" (5005 characters); expected a number");
    }

    @Test
    void threeMillionShortRowsFitTheLaunchersHeapWithRoomToSpare() throws Exception {
        // 200 bytes a row (a String per cell, an array per row) ran out of a 512 MB heap; the table
        // keeps about 15 bytes a row, so 256 MB is plenty.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), CsvAtScale.class.getName(),
                "3000000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(output.strip()).isEqualTo("3000000");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
