package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module keeps its place in the house (docs: "pytorch-backend may import api, DJL"): its main
 * sources import the JDK, the API's packages, DJL, Jackson (the API's own, for the safetensors
 * header) and themselves, nothing else; no DL4J, no other backend, no logging backend.
 */
class PytorchModuleLayoutTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.*]+);", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "ai.djl.", "com.fasterxml.jackson.", "io.backprop.pytorch.",
            "io.backprop.data.", "io.backprop.error.", "io.backprop.model.", "io.backprop.optimizer.",
            "io.backprop.params.", "io.backprop.spec.", "io.backprop.spi.", "io.backprop.train.");
    /** A class of the package io.backprop itself (Network, Backends), which is the API's. */
    private static final Pattern API_ROOT_CLASS = Pattern.compile("io\\.backprop\\.[A-Z]\\w*");

    @Test
    void mainSourcesImportOnlyTheJdkTheApiAndDjl() throws IOException {
        Map<String, List<String>> beyond = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                List<String> others = m.results().map(r -> r.group(1))
                        .filter(i -> !API_ROOT_CLASS.matcher(i).matches())
                        .filter(i -> ALLOWED.stream().noneMatch(i::startsWith)).toList();
                if (!others.isEmpty()) {
                    beyond.put(MAIN.relativize(file).toString(), others);
                }
            }
        }
        assertThat(beyond).isEmpty();
    }
}
