package io.backprop.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the first byte sequence that is not UTF-8 sits in a file, as {@code line:column} (from 1). */
final class Utf8Position {
    private Utf8Position() {
    }

    /** {@code line:column} of the first bad byte sequence, or the line alone if it cannot be re-read. */
    static String ofFirstBadByte(Path file) {
        return ofFirstBadByte(file, 0, 1);
    }

    /**
     * {@code line:column} of the first bad byte sequence at or after byte {@code from}, a line start that
     * is line {@code firstLine} of the file, or the line alone if it cannot be re-read.
     */
    static String ofFirstBadByte(Path file, long from, long firstLine) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = firstLine;
        long column = 1;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            boolean end = false;
            while (true) {
                int read = end ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    return line + ":" + column;
                }
                bytes.compact();
                if (end && !result.isOverflow()) {
                    return String.valueOf(line); // no bad bytes on a second look: the file changed
                }
            }
        } catch (IOException e) {
            return String.valueOf(line);
        }
    }
}
