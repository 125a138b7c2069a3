package io.backprop.cli.picture;

import java.util.Locale;
import java.util.Optional;

/** The kinds of picture file the command writes, told apart by the file's extension. */
public enum PictureFormat {
    PNG, SVG;

    /** The extension, with its dot: {@code .png}. */
    public String extension() {
        return "." + name().toLowerCase(Locale.ROOT);
    }

    /** The format whose extension {@code fileName} ends with, in any case. */
    static Optional<PictureFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (PictureFormat format : values()) {
            if (lower.endsWith(format.extension())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
