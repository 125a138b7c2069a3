package io.backprop.cli.picture;

import io.backprop.error.IoFailure;
import io.backprop.model.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a picture goes, checked before any work is done so that a bad path fails at once: the
 * option that named it, the file, and the format its extension chose.
 *
 * @param option the command-line option that named the file, such as {@code --plot}, for messages
 */
public record PictureTarget(String option, Path path, PictureFormat format) {
    /**
     * The target {@code path}, named by {@code option}, in one of the {@code accepted} formats.
     *
     * @throws PictureException naming the option when the extension is not accepted, the directory does not
     *     exist or takes no new file, or the path is not a regular file
     */
    public static PictureTarget of(String option, Path path, PictureFormat... accepted) {
        List<PictureFormat> formats = Arrays.asList(accepted);
        Path name = path.getFileName();
        PictureFormat format = PictureFormat.ofFileName(name == null ? "" : name.toString())
                .filter(formats::contains)
                .orElseThrow(() -> new PictureException(option + " " + path + ": found "
                        + (name == null || !name.toString().contains(".") ? "no extension"
                        : "the extension " + name.toString().substring(name.toString().lastIndexOf('.')))
                        + "; expected " + formats.stream().map(PictureFormat::extension)
                        .collect(Collectors.joining(" or "))));
        Path directory = path.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new PictureException(option + " " + path + ": the directory " + directory + " does not exist");
        }
        try {
            AtomicFile.checkWritable(path);
        } catch (IOException e) {
            throw new PictureException(option + " " + path + ": cannot be written (" + IoFailure.reason(e) + ")", e);
        }
        return new PictureTarget(option, path, format);
    }

    /** Writes the picture's bytes atomically: the file is replaced whole, or left as it was. */
    public void write(byte[] picture) {
        try {
            AtomicFile.write(path, picture);
        } catch (IOException e) {
            throw new PictureException(option + " " + path + ": cannot write the picture (" + IoFailure.reason(e) + ")",
                    e);
        }
    }
}
