package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backprop.error.ModelFileException;
import io.backprop.params.TwoTwoOne;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelFile#write} replaces a file whole or not at all, and leaves nothing behind. */
class AtomicWriteTest {
    private static final NetworkSpec ARTICLE = NetworkSpec.builder(2)
            .layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();
    private static final Parameters FIRST = TwoTwoOne.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final Parameters SECOND = TwoTwoOne.of(-1, -2, -3, -4, -5, -6, -7, -8, -9);

    @TempDir
    Path dir;

    @Test
    void aSuccessfulWriteLeavesOnlyTheTargetInTheDirectory() throws IOException {
        Path file = dir.resolve("model.json");

        ModelFile.write(file, ARTICLE, FIRST);

        assertThat(entries(dir)).containsExactly("model.json");
    }

    @Test
    void writingOverAFileReplacesItWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.json");
        ModelFile.write(file, ARTICLE, FIRST);

        ModelFile.write(file, ARTICLE, SECOND);

        assertThat(ModelFile.read(file).parameters()).contains(SECOND);
        assertThat(entries(dir)).containsExactly("model.json");
    }

    @Test
    void aWriteIntoAMissingDirectoryFailsNamingTheFileAndCreatesNothing() {
        Path file = dir.resolve("no-such-directory").resolve("model.json");

        assertThatThrownBy(() -> ModelFile.write(file, ARTICLE, FIRST))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": cannot be written");
        assertThat(dir.resolve("no-such-directory")).doesNotExist();
    }

    @Test
    void aFailedWriteLeavesTheOldContentUntouchedAndNoTemporaryFile() throws IOException {
        // A non-empty directory cannot be replaced by a file, so the final move fails after the
        // temporary file has been written.
        Path target = dir.resolve("model.json");
        Files.createDirectory(target);
        Path old = Files.writeString(target.resolve("old.txt"), "old content");

        assertThatThrownBy(() -> ModelFile.write(target, ARTICLE, FIRST))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(target + ": cannot be written");

        assertThat(target).isDirectory();
        assertThat(old).hasContent("old content");
        assertThat(entries(dir)).containsExactly("model.json");
    }

    @Test
    void aWrittenFileGetsThePermissionsOfAnyNewFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path file = dir.resolve("model.json");

        ModelFile.write(file, ARTICLE, FIRST);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
