package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AtomicFile} replaces, what it refuses, and the temporary files it leaves (none for long). */
class AtomicFileTest {
    private static final byte[] CONTENT = "new\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @Test
    void aCharacterDeviceIsRefusedAndLeftADevice() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "a /dev/null device");

        assertThatThrownBy(() -> AtomicFile.write(devNull, CONTENT))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is a character device, not a regular file");
        assertThatThrownBy(() -> AtomicFile.checkWritable(devNull))
                .hasMessageContaining("is a character device");
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }

    @Test
    void aSymbolicLinkToADeviceIsRefusedAndStaysALink() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "a /dev/null device");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), devNull);

        assertThatThrownBy(() -> AtomicFile.write(link, CONTENT))
                .hasMessageContaining("is a character device (/dev/null), not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(entries()).containsExactly("out.json");
    }

    @Test
    void aDirectoryAndAFifoAreRefused() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("loss.png"));
        assertThatThrownBy(() -> AtomicFile.write(directory, CONTENT)).hasMessageContaining("is a directory");
        assertThat(directory).isDirectory();

        Path fifo = dir.resolve("fifo");
        Process mkfifo = processes.start(new ProcessBuilder("mkfifo", fifo.toString()));
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
        assertThatThrownBy(() -> AtomicFile.write(fifo, CONTENT)).hasMessageContaining("is a FIFO");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aSymbolicLinkToNothingIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), dir.resolve("nowhere.json"));

        assertThatThrownBy(() -> AtomicFile.write(link, CONTENT)).hasMessageContaining("is a symbolic link to nothing");
        assertThat(dir.resolve("nowhere.json")).doesNotExist();
    }

    @Test
    void aSymbolicLinkToARegularFileIsFollowedAndTheFileReplacedWhileTheLinkStays() throws IOException {
        Path real = Files.writeString(Files.createDirectory(dir.resolve("models")).resolve("real.json"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), real);

        AtomicFile.write(link, CONTENT);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
        assertThat(entries()).containsExactly("models", "out.json");
        assertThat(list(real.getParent())).containsExactly("real.json");
    }

    @Test
    void aNameOfTheLongestLegalLengthIsWritten() throws IOException {
        Path file = dir.resolve("m".repeat(250) + ".json");
        AtomicFile.write(file, CONTENT);
        assertThat(file).hasContent("new");

        Path accented = dir.resolve("é".repeat(125) + ".j"); // 252 bytes in UTF-8
        AtomicFile.write(accented, CONTENT);
        assertThat(accented).hasContent("new");
    }

    @Test
    void temporaryNamesSayWhoseTheyAreAndStayWithinTheLimit() {
        assertThat(AtomicFile.temporaryPrefix("out.json")).isEqualTo(".out.json.backprop-");
        String prefix = AtomicFile.temporaryPrefix("é".repeat(200));
        assertThat((prefix + Long.MAX_VALUE + "-" + "z".repeat(13) + ".tmp").getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void aWriteRemovesTheTemporaryFilesOfEndedProcessesBesideItsTargetOnly() throws Exception {
        Process ended = processes.start(new ProcessBuilder("true"));
        ended.waitFor();
        // a process killed while writing out.json left these
        Path dead = Files.writeString(dir.resolve(".out.json.backprop-" + ended.pid() + "-abc.tmp"), "partial");
        long self = ProcessHandle.current().pid();
        Path reused = Files.writeString(dir.resolve(".out.json.backprop-" + self + "-old.tmp"), "partial");
        Files.setLastModifiedTime(reused, FileTime.fromMillis(0)); // older than this process: its pid was reused
        // a write in progress in this process, and temporary files that are not this target's
        Path live = Files.writeString(dir.resolve(".out.json.backprop-" + self + "-live.tmp"), "writing");
        Path other = Files.writeString(dir.resolve(".other.json.backprop-" + ended.pid() + "-abc.tmp"), "partial");
        Path users = Files.writeString(dir.resolve(".out.json.mine.tmp"), "the user's");

        AtomicFile.write(dir.resolve("out.json"), CONTENT);

        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
        assertThat(users).exists();
        assertThat(dir.resolve("out.json")).hasContent("new");
    }

    @Test
    void checkingWritabilityChangesNothing() throws IOException {
        Path existing = Files.writeString(dir.resolve("model.json"), "old\n");
        AtomicFile.checkWritable(existing);
        AtomicFile.checkWritable(dir.resolve("new.json"));
        assertThat(existing).hasContent("old");
        assertThat(entries()).containsExactly("model.json");
    }

    @Test
    void aDirectoryThatTakesNoNewFilesFailsTheCheck() throws IOException {
        Path sys = Path.of("/sys/kernel");
        assumeTrue(Files.isDirectory(sys), "a /sys file system");
        assertThatThrownBy(() -> AtomicFile.checkWritable(sys.resolve("loss.png"))).isInstanceOf(IOException.class);
    }

    private List<String> entries() throws IOException {
        return list(dir);
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
