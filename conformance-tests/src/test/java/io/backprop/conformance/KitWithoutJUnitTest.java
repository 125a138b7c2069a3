package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@link BackendConformanceSuite} of the kit's main classes touches JUnit: the rest, its runner,
 * report and cases among them, run where JUnit is not on the class path, as in {@code backprop conform}.
 */
class KitWithoutJUnitTest {
    @Test
    void noMainSourceButTheSuiteMentionsJUnitOrItsAssertionLibrary() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> touching = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("BackendConformanceSuite.java"))
                    .filter(KitWithoutJUnitTest::mentionsJUnit)
                    .map(Path::toString).toList();

            assertThat(touching).isEmpty();
        }
    }

    private static boolean mentionsJUnit(Path file) {
        try {
            String source = Files.readString(file);
            return source.contains("org.junit") || source.contains("org.opentest4j");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
