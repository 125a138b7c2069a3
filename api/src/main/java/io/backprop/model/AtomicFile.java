package io.backprop.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a part:
 * the bytes go to a temporary file beside the target, are flushed to disk, and the temporary file
 * is then moved over the target.
 *
 * <p>Only regular files are replaced: an existing target that is a directory, a device, a FIFO or
 * a socket is refused (moving a file over {@code /dev/null} would replace the device), and a
 * symbolic link is followed to the regular file it names, which is replaced while the link stays.
 *
 * <p>Temporary files are named {@code .NAME.backprop-PID-RANDOM.tmp}, with {@code NAME} shortened
 * so that the whole stays within the file system's 255 bytes. A process killed while writing leaves
 * its temporary file behind; the next write beside the same target removes those whose process has
 * ended, so they cannot accumulate.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest file name, in bytes, on the file systems Linux, macOS and Windows use. */
    private static final int MAX_NAME_BYTES = 255;
    private static final String MARK = ".backprop-";
    private static final String SUFFIX = ".tmp";
    /** Room for the mark, a process id, a dash, a random number in base 36 and the suffix. */
    private static final int TAIL_BYTES = MARK.length() + 19 + 1 + 13 + SUFFIX.length();
    private static final Pattern TAIL = Pattern.compile("(\\d{1,18})-[0-9a-z]{1,13}" + Pattern.quote(SUFFIX));

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically; on failure {@code target} is untouched.
     *
     * @throws FileSystemException when {@code target} exists and is not a regular file (nor a link to one),
     *     or its directory does not exist, naming what it found
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, channel -> {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        });
    }

    /** Writes the content of a file to the channel it is given, from its start. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code channel}, a new empty file. */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code target} atomically with what {@code content} writes, for content too large to
     * hold in memory as one array; on failure, whether of the writing or of {@code content}, the
     * target is untouched.
     *
     * @throws FileSystemException as {@link #write(Path, byte[])} does
     */
    public static void write(Path target, Content content) throws IOException {
        Path destination = destination(target);
        Path directory = destination.getParent();
        String prefix = temporaryPrefix(destination.getFileName().toString());
        removeStaleTemporaries(directory, prefix);
        Path temp = createTemporary(directory, prefix);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Checks now, before any work is spent, that {@link #write} could replace {@code target}: it is
     * absent or a regular file (or a link to one), and its directory takes new files (a temporary
     * file is made there and removed). Nothing else is changed.
     *
     * @throws IOException naming what stands in the way
     */
    public static void checkWritable(Path target) throws IOException {
        Path destination = destination(target);
        Path temp = createTemporary(destination.getParent(), temporaryPrefix(destination.getFileName().toString()));
        Files.delete(temp);
    }

    /** The file a write to {@code target} replaces: itself, or the regular file its links lead to. */
    static Path destination(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.exists(absolute)) {
                throw new FileSystemException(target.toString(), null,
                        "is a symbolic link to nothing; expected a regular file or a new name");
            }
            Path real = absolute.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new FileSystemException(target.toString(), null, "is " + kind(real, attributes)
                        + (real.equals(absolute) ? "" : " (" + real + ")")
                        + ", not a regular file; expected a regular file or a new name");
            }
            return real;
        }
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(target.toString(), null, "no such directory " + directory
                    + "; expected an existing directory");
        }
        return absolute;
    }

    /** What a file that is not regular is, for messages. */
    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            switch (type) {
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0010000: return "a FIFO";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // a file system without unix attributes: say less
        }
        return "a special file";
    }

    /** {@code .NAME.backprop-}, with {@code NAME} cut (at a character) to leave room for the rest. */
    static String temporaryPrefix(String name) {
        int budget = MAX_NAME_BYTES - 1 - TAIL_BYTES;
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return "." + name.substring(0, end) + MARK;
    }

    /** A new empty file {@code prefix + PID-RANDOM.tmp}, with the permissions any new file gets there. */
    private static Path createTemporary(Path directory, String prefix) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        while (true) {
            Path candidate = directory.resolve(prefix + pid + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + SUFFIX);
            try {
                // Files.createTempFile would make it, and so the target, owner-only.
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another writer's name; draw again
            }
        }
    }

    /**
     * Removes this target's temporary files left by processes that have ended: their process id is
     * no longer running, or is running but started after the file was last written (the id was reused).
     * A file this cannot decide about, or cannot remove, is left alone: the write goes on regardless.
     */
    static void removeStaleTemporaries(Path directory, String prefix) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                Matcher tail = TAIL.matcher(entry.getFileName().toString().substring(prefix.length()));
                if (tail.matches() && isStale(entry, Long.parseLong(tail.group(1)))) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy; it never stops a write
        }
    }

    private static boolean isStale(Path temporary, long pid) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && Files.getLastModifiedTime(temporary, LinkOption.NOFOLLOW_LINKS).toInstant()
                .isBefore(started.get());
    }
}
