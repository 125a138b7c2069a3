package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The kit's README shows the one small class a backend author writes: ours, word for word. */
class KitReadmeTest {
    @Test
    void theReadmesExampleClassIsTheOneThisBuildRuns() throws IOException {
        String readme = Files.readString(Path.of("..", "conformance-tests", "README.md"));
        String example = readme.substring(readme.indexOf("```java") + "```java".length());
        example = example.substring(0, example.indexOf("```"));
        String source = Files.readString(Path.of("src", "test", "java", "io", "backprop", "reference",
                "ReferenceConformanceTest.java"));

        assertThat(normalise(source)).contains(normalise(example));
        assertThat(normalise(example)).contains("extends BackendConformanceSuite");
    }

    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce("", (a, b) -> a + b + "\n");
    }
}
