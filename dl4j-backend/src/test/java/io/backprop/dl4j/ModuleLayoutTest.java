package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module layout the README's table describes holds in the code: every package says what it
 * holds, and each module imports only what its place in the house allows (read from the import
 * lines of its main sources).
 */
class ModuleLayoutTest {
    private static final Path ROOT = Path.of("..");
    /** A class of the package io.backprop (Network, Backends, …), which is the API's. */
    private static final Pattern ROOT_PACKAGE_CLASS = Pattern.compile("io\\.backprop\\.[A-Z][\\w.]*");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.*]+);", Pattern.MULTILINE);
    /** The packages of the contract, which every module may import; the classes of io.backprop are matched apart. */
    private static final List<String> API = List.of("io.backprop.data.", "io.backprop.error.", "io.backprop.model.",
            "io.backprop.optimizer.", "io.backprop.params.", "io.backprop.spec.", "io.backprop.spi.", "io.backprop.train.");

    @Test
    void everyPackageOfMainSourcesHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path dir : mainPackageDirectories()) {
            if (!Files.exists(dir.resolve("package-info.java"))) {
                missing.add(ROOT.relativize(dir).toString());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theApiImportsOnlyTheJdkJacksonAndItself() throws IOException {
        assertImportsOnly("api", List.of("java.", "com.fasterxml.jackson."));
    }

    @Test
    void dataAndTeachingImportOnlyTheApi() throws IOException {
        // data may use CSV and number-parsing libraries besides the API (the house's table).
        assertImportsOnly("data", List.of("java.", "com.fasterxml.jackson.dataformat.csv.", "com.fasterxml.jackson.core.",
                "ch.randelshofer.fastdoubleparser.", "io.backprop.csv.", "io.backprop.evaluation."));
        assertImportsOnly("teaching", List.of("java.", "io.backprop.explain.", "io.backprop.teaching."));
    }

    @Test
    void theReferenceBackendsImportNoOtherModule() throws IOException {
        // jdk.incubator.vector is the JDK's own (the Vector API kernels, chosen on JDK 25 and later).
        assertImportsOnly("reference-impl", List.of("java.", "jdk.incubator.vector.", "io.backprop.reference."));
    }

    @Test
    void theTextbookAndTheFastBackendImportNothingOfEachOther() throws IOException {
        Map<String, List<String>> crossing = new TreeMap<>();
        for (Map.Entry<String, List<String>> file : imports("reference-impl").entrySet()) {
            boolean textbook = file.getKey().contains("/reference/textbook/");
            List<String> other = file.getValue().stream().filter(i -> i.startsWith("io.backprop.reference."))
                    .filter(i -> textbook != i.startsWith("io.backprop.reference.textbook.")).toList();
            if (!other.isEmpty()) {
                crossing.put(file.getKey(), other);
            }
        }
        assertThat(crossing).isEmpty();
    }

    @Test
    void noDl4jOrNd4jTypeAppearsOutsideTheDl4jModuleAndTheBenchmarks() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (String module : List.of("api", "data", "teaching", "reference-impl", "conformance-tests", "cli")) {
            for (Map.Entry<String, List<String>> file : imports(module).entrySet()) {
                List<String> engine = file.getValue().stream()
                        .filter(i -> i.startsWith("org.deeplearning4j.") || i.startsWith("org.nd4j.")).toList();
                if (!engine.isEmpty()) {
                    found.put(file.getKey(), engine);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static void assertImportsOnly(String module, List<String> allowed) throws IOException {
        List<String> all = new ArrayList<>(API);
        all.addAll(allowed);
        Map<String, List<String>> beyond = new TreeMap<>();
        for (Map.Entry<String, List<String>> file : imports(module).entrySet()) {
            List<String> others = file.getValue().stream()
                    .filter(i -> !ROOT_PACKAGE_CLASS.matcher(i).matches())
                    .filter(i -> all.stream().noneMatch(a -> i.startsWith(a))).toList();
            if (!others.isEmpty()) {
                beyond.put(file.getKey(), others);
            }
        }
        assertThat(beyond).as("imports beyond what %s may use", module).isEmpty();
    }

    /** Each main source file of {@code module} and what it imports. */
    private static Map<String, List<String>> imports(String module) throws IOException {
        Map<String, List<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                List<String> found = new ArrayList<>();
                while (m.find()) {
                    found.add(m.group(1));
                }
                imports.put(ROOT.relativize(file).toString(), found);
            }
        }
        return imports;
    }

    private static List<Path> mainPackageDirectories() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
                    walk.filter(Files::isDirectory).filter(ModuleLayoutTest::holdsJava).forEach(dirs::add);
                }
            }
        }
        return dirs;
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
