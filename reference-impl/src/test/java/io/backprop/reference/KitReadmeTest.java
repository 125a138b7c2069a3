package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

        // The example's imports are the class's, but for its own package's classes, which need none.
        List<String> imports = normalise(example).lines().filter(line -> line.startsWith("import ")).toList();
        assertThat(imports).isNotEmpty();
        for (String line : imports) {
            assertThat(line.matches("import io\\.backprop\\.reference\\.[A-Z]\\w*;")
                    || normalise(source).lines().anyMatch(line::equals)).as(line).isTrue();
        }
        String code = normalise(example).lines().filter(line -> !line.startsWith("import "))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(normalise(source)).contains(code);
        assertThat(code).contains("extends BackendConformanceSuite");
    }

    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce("", (a, b) -> a + b + "\n");
    }
}
