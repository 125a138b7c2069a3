package io.backprop.csv;

import static io.backprop.csv.SameAsWhole.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV file as a data source: what it says of itself, and blocks read in any order. */
class CsvSourceTest {
    @TempDir
    Path dir;

    private Path animals() throws IOException {
        StringBuilder text = new StringBuilder("weight,height,name,animal\n");
        for (int r = 0; r < 90; r++) {
            // the first rows hold two of the three classes, and "3" reads as a number
            String animal = r < 30 ? (r % 2 == 0 ? "cat" : "dog") : new String[] {"cat", "dog", "3"}[r % 3];
            text.append(r * 1.5).append(',').append(100 - r).append(",\"pet ").append(r).append("\",")
                    .append(animal).append('\n');
        }
        return Files.writeString(dir.resolve("animals.csv"), text);
    }

    @Test
    void itSaysWhatItHolds() throws IOException {
        Path file = animals();
        try (DataSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "height"),
                List.of("animal"), true, Optional.empty(), 100)) {
            assertThat(source.name()).isEqualTo(file.toString());
            assertThat(source.featureCount()).isEqualTo(2);
            assertThat(source.targetCount()).isEqualTo(3);
            assertThat(source.blockCount()).isGreaterThan(10);
            assertThatThrownBy(() -> source.block(source.blockCount())).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> source.block(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void theClassesAreTheWholeFilesFoundWhenOpened() throws IOException {
        Path file = animals();
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "height"),
                List.of("animal"), true, Optional.empty(), 100);

        assertThat(source.classes()).contains(ClassLabels.of(List.of("3", "cat", "dog")));
        assertThat(source.classes()).isEqualTo(CsvTable.read(file).toLabelledData(spec(2, 3), List.of("weight",
                "height"), List.of("animal"), true, Optional.empty()).classes());
        // block 0 holds cats and dogs alone, yet its targets are those of three classes
        assertThat(source.block(0).targetRow(0)).containsExactly(0, 1, 0);
    }

    @Test
    void blocksReadInAnyOrderAreTheSameBlocks() throws IOException {
        Path file = animals();
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "height"),
                List.of("animal"), true, Optional.empty(), 64);
        List<String> inOrder = new ArrayList<>();
        for (int b = 0; b < source.blockCount(); b++) {
            inOrder.add(SameAsWhole.describe(source.block(b), Optional.empty()));
        }
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < source.blockCount(); b++) {
            order.add(b);
        }
        Collections.shuffle(order, new Random(7));
        for (int b : order) {
            assertThat(SameAsWhole.describe(source.block(b), Optional.empty())).isEqualTo(inOrder.get(b));
        }
    }

    @Test
    void givenClassesAreUsedAsGivenAndANumberInTheColumnIsOneOfThem() throws IOException {
        Path file = animals();
        ClassLabels given = ClassLabels.of(List.of("dog", "3", "cat"));
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "height"),
                List.of("animal"), true, Optional.of(given), 64);

        assertThat(source.classes()).contains(given);
        DataSet first = source.block(0);
        assertThat(first.targetRow(0)).containsExactly(0, 0, 1);
        assertThat(first.targetRow(1)).containsExactly(1, 0, 0);
    }

    @Test
    void aFileChangedAfterOpeningIsRefused() throws IOException {
        Path file = animals();
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "height"),
                List.of("animal"), true, Optional.empty(), 64);
        Files.writeString(file, "1,2,x,cat\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> source.block(1))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": changed since it was opened for reading in blocks");
    }

    @Test
    void namesThatDoNotFitAreRefusedWhenOpened() throws IOException {
        Path file = animals();

        assertThatThrownBy(() -> CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "size"),
                List.of("animal"), true, Optional.empty()))
                .hasMessage(file + ": no feature column \"size\"; the header has weight, height, name, animal");
        assertThatThrownBy(() -> CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of(), List.of(), true,
                Optional.empty()))
                .hasMessageStartingWith(file + ":2:3 (name): found \"pet 0\", a class name, in one of 2 target columns");
    }

    @Test
    void aClassNameFirstMetInALateBlockIsRefusedUnlessTheClassesAreGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("late.csv"), "x1,x2,y\n" + "1,2,0\n3,4,1\n".repeat(40) + "5,6,cat\n");
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 1), List.of(), List.of(), true,
                Optional.empty(), 64);

        assertThat(source.classes()).isEmpty();
        assertThatThrownBy(() -> source.block(source.blockCount() - 1))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ":82:3 (y): found \"cat\", a class name, in a target column of numbers in the file's"
                        + " first block; expected numbers, or the classes named (--classes) to read a class column whose"
                        + " first block holds none, in blocks");
        ClassLabels given = ClassLabels.of(List.of("0", "1", "cat"));
        assertThat(SameAsWhole.assertSame(file, CsvFormat.DEFAULT, spec(2, 3), List.of(), List.of(), true,
                Optional.of(given), 64)).startsWith("81 rows, classes Optional[0, 1, cat]");
        // the whole file's classes, found without holding it, and found when opened for three outputs, which
        // one column of numbers cannot fill
        assertThat(CsvBlocks.open(file, CsvFormat.DEFAULT, 64).classes(spec(2, 3), List.of(), List.of()))
                .contains(given);
        assertThat(SameAsWhole.assertSame(file, CsvFormat.DEFAULT, spec(2, 3), List.of(), List.of(), true,
                Optional.empty(), 64)).startsWith("81 rows, classes Optional[0, 1, cat]");
    }

    @Test
    void rowsForPredictionHaveNoTargets() throws IOException {
        Path file = animals();
        CsvSource source = CsvSource.open(file, CsvFormat.DEFAULT, spec(2, 3), List.of("weight", "height"),
                List.of(), false, Optional.empty(), 200);

        assertThat(source.targetCount()).isZero();
        assertThat(source.classes()).isEmpty();
        assertThat(source.block(source.blockCount() - 1).hasTargets()).isFalse();
    }
}
