package io.backprop.error;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read or written, in the user's words rather than Java's: {@code "permission
 * denied"} where Java says {@code java.nio.file.AccessDeniedException: /x/y}.
 */
public final class IoFailure {
    private IoFailure() {
    }

    /** The reason {@code e} gives, without Java class names and without repeating the file's name. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a directory that is not empty is in the way";
        }
        if (e instanceof FileSystemLoopException) {
            return "the path's symbolic links form a loop";
        }
        if (e instanceof EOFException) {
            return "it ends too early";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "an input/output error" : Excerpt.line(message);
    }
}
