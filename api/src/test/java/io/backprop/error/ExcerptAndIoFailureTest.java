package io.backprop.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** What a message quotes of the input, and how it says why a file failed: one line, no Java class names. */
class ExcerptAndIoFailureTest {
    @Test
    void aShortTextIsQuotedWhole() {
        assertThat(Excerpt.quote("tall")).isEqualTo("\"tall\"");
    }

    @Test
    void lineBreaksTabsAndControlCharactersAreEscaped() {
        assertThat(Excerpt.quote("a\nb\r\tc\u0000d\u2028")).isEqualTo("\"a\\nb\\r\\tc\\u0000d\\u2028\"");
        assertThat(Excerpt.line("one\ntwo")).isEqualTo("one\\ntwo").doesNotContain("\n");
    }

    @Test
    void aLongTextIsCutAtEightyCharactersWithItsLengthSaid() {
        assertThat(Excerpt.quote("x".repeat(20_000_000))).isEqualTo("\"" + "x".repeat(80) + "…\" (20000000 characters)");
        // a surrogate pair is never cut in half
        String emoji = "x".repeat(79) + "\uD83D\uDE00" + "tail";
        assertThat(Excerpt.quote(emoji)).startsWith("\"" + "x".repeat(79) + "…\"");
    }

    @Test
    void ioFailuresAreReasonsNotClassNames() {
        assertThat(IoFailure.reason(new NoSuchFileException("/x/y"))).isEqualTo("no such file or directory");
        assertThat(IoFailure.reason(new AccessDeniedException("/x/y"))).isEqualTo("permission denied");
        assertThat(IoFailure.reason(new FileSystemException("/x/y", null, "Is a directory"))).isEqualTo("Is a directory");
        assertThat(IoFailure.reason(new EOFException())).isEqualTo("it ends too early");
        assertThat(IoFailure.reason(new MalformedInputException(1))).isEqualTo("it is not UTF-8 text");
        assertThat(IoFailure.reason(new IOException("Disk quota exceeded\nsecond line")))
                .isEqualTo("Disk quota exceeded\\nsecond line");
        assertThat(IoFailure.reason(new IOException())).isEqualTo("an input/output error");
    }
}
