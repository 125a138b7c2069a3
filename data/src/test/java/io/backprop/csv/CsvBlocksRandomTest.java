package io.backprop.csv;

import static io.backprop.csv.SameAsWhole.assertSame;
import static io.backprop.csv.SameAsWhole.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.model.ClassLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small random tables, each read in blocks of a random size and read whole: the same rows, bit for bit, or
 * the same error. The tables hold what cuts a file wrongly if anything does: quoted values with line breaks,
 * delimiters and doubled quotes in them, quotes inside unquoted values, blank lines, {@code \r\n} and
 * {@code \n} line ends mixed, a last line without its line end, and delimiters of one and two bytes.
 */
class CsvBlocksRandomTest {
    private static final char[] DELIMITERS = {',', ';', '\t', '|', '§'};
    private static final String[] CLASSES = {"cat", "dog", "7", "bird", "ant"};

    @TempDir
    Path dir;

    @Test
    void randomTablesReadInBlocksAreTheTablesReadWhole() throws IOException {
        Random random = new Random(20261129L);
        int read = 0;
        int failed = 0;
        for (int t = 0; t < 400; t++) {
            Table table = new Table(random);
            Path file = Files.writeString(dir.resolve("t" + t + ".csv"), table.text);
            String outcome = assertSame(file, table.format, spec(table.features.size(), table.outputs),
                    table.features, List.of(table.target), true, table.given, 1 + random.nextInt(200));
            if (outcome.startsWith("error: ")) {
                failed++;
            } else {
                read++;
            }
        }
        // most tables are read, and some fail: a bad cell, or too few classes for the network
        assertThat(read).isGreaterThan(250);
        assertThat(failed).isGreaterThan(20);
    }

    /** A random table, its text, and how it is read. */
    private static final class Table {
        final Random random;
        final char delimiter;
        final CsvFormat format;
        final List<String> features = new ArrayList<>();
        final String target;
        final int outputs;
        final Optional<ClassLabels> given;
        final String text;

        Table(Random random) {
            this.random = random;
            delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
            boolean header = random.nextInt(5) > 0;
            boolean found = delimiter != '|' && delimiter != '§' && random.nextBoolean();
            CsvFormat format = found ? CsvFormat.DEFAULT : CsvFormat.DEFAULT.withDelimiter(delimiter);
            this.format = header ? format : format.withoutHeader();
            int featureCount = 1 + random.nextInt(3);
            boolean note = random.nextBoolean();
            List<String> names = new ArrayList<>();
            for (int f = 0; f < featureCount; f++) {
                names.add("f" + f);
            }
            if (note) {
                names.add(random.nextInt(names.size() + 1), "note");
            }
            names.add(random.nextInt(names.size() + 1), "y");
            List<String> columns = header ? names : numbered(names.size());
            names.forEach(name -> {
                if (name.startsWith("f")) {
                    features.add(columns.get(names.indexOf(name)));
                }
            });
            target = columns.get(names.indexOf("y"));
            boolean classes = random.nextBoolean();
            int classCount = 2 + random.nextInt(3);
            outputs = !classes || classCount == 2 && random.nextBoolean() ? 1 : classCount;
            List<String> classNames = List.of(CLASSES).subList(0, classCount);
            given = classes && random.nextInt(4) == 0 ? Optional.of(ClassLabels.of(classNames)) : Optional.empty();
            int rows = 1 + random.nextInt(40);
            int badRow = !classes && random.nextInt(6) == 0 ? random.nextInt(rows) : -1;
            StringBuilder text = new StringBuilder();
            blankLines(text);
            if (header) {
                for (int c = 0; c < names.size(); c++) {
                    text.append(c == 0 ? "" : delimiter).append(random.nextInt(4) == 0 ? "\"" + names.get(c) + "\""
                            : names.get(c));
                }
                lineEnd(text);
            }
            for (int r = 0; r < rows; r++) {
                blankLines(text);
                for (int c = 0; c < names.size(); c++) {
                    String name = names.get(c);
                    String cell;
                    if (name.equals("note")) {
                        cell = note();
                    } else if (name.equals("y") && classes) {
                        String animal = classNames.get(r < classCount ? r : random.nextInt(classCount));
                        cell = random.nextInt(4) == 0 ? "\"" + animal + "\"" : animal;
                    } else if (r == badRow && name.equals(names.get(names.indexOf("y") == 0 ? 1 : 0))
                            && !name.equals("note")) {
                        cell = "1x";
                    } else {
                        cell = number();
                    }
                    text.append(c == 0 ? "" : String.valueOf(delimiter)).append(spaces()).append(cell).append(spaces());
                }
                if (r < rows - 1 || random.nextInt(3) > 0) {
                    lineEnd(text);
                }
            }
            if (random.nextInt(4) == 0) {
                text.append("\n  \n\r\n");
            }
            this.text = text.toString();
        }

        private static List<String> numbered(int width) {
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= width; c++) {
                names.add("c" + c);
            }
            return names;
        }

        private String number() {
            String number = switch (random.nextInt(5)) {
                case 0 -> String.valueOf(random.nextInt(2000) - 1000);
                case 1 -> (random.nextInt(200) - 100) + "." + random.nextInt(1000);
                case 2 -> random.nextInt(10) + "e" + (random.nextInt(20) - 10);
                case 3 -> "0." + random.nextInt(100_000);
                default -> String.valueOf(random.nextDouble() * 1e6 - 5e5);
            };
            return random.nextInt(6) == 0 ? "\"" + number + "\"" : number;
        }

        /** Text that is never parsed: quoted with anything inside, or plain with a quote inside. */
        private String note() {
            if (random.nextInt(3) == 0) {
                return "a" + (random.nextBoolean() ? "\"b" : "b c") + random.nextInt(10);
            }
            StringBuilder note = new StringBuilder("\"");
            String[] pieces = {"x", " ", "\"\"", "\n", "\r\n", String.valueOf(delimiter), ",", ";", "1.5", "\n\n",
                "  \n "};
            for (int k = random.nextInt(8); k > 0; k--) {
                note.append(pieces[random.nextInt(pieces.length)]);
            }
            return note.append('"').toString();
        }

        private String spaces() {
            return random.nextInt(5) == 0 ? " ".repeat(1 + random.nextInt(3)) : "";
        }

        private void lineEnd(StringBuilder text) {
            text.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
        }

        private void blankLines(StringBuilder text) {
            while (random.nextInt(8) == 0) {
                text.append(random.nextBoolean() ? "   " : "");
                lineEnd(text);
            }
        }
    }
}
