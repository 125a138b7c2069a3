package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.BackendException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendChoiceTest {
    @TempDir
    Path workingDirectory;

    @TempDir
    Path classPathRoot;

    private static Function<String, String> map(String key, String value) {
        return Map.of(key, value)::get;
    }

    private static final Function<String, String> NOTHING = key -> null;

    private ClassLoader classPath() throws IOException {
        return new URLClassLoader(new URL[] {classPathRoot.toUri().toURL()}, null);
    }

    private BackendChoice resolve(String explicit, Function<String, String> properties, Function<String, String> env)
            throws IOException {
        return BackendChoice.resolve(explicit, properties, env, workingDirectory, classPath());
    }

    private void everySourceSaysSomething() throws IOException {
        Files.writeString(workingDirectory.resolve("backprop.properties"), "backend=from-working-directory\n");
        Files.writeString(classPathRoot.resolve("backprop.properties"), "backend = from-class-path\n");
    }

    @Test
    void theExplicitChoiceWinsOverEverything() throws IOException {
        everySourceSaysSomething();
        assertThat(resolve("explicit", map("backprop.backend", "property"), map("BACKPROP_BACKEND", "env")))
                .isEqualTo(new BackendChoice("explicit", "explicit choice"))
                .isEqualTo(new BackendChoice("explicit", BackendChoice.EXPLICIT));
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentAndFiles() throws IOException {
        everySourceSaysSomething();
        assertThat(resolve(null, map("backprop.backend", "property"), map("BACKPROP_BACKEND", "env")))
                .isEqualTo(new BackendChoice("property", "system property backprop.backend"));
    }

    @Test
    void theEnvironmentVariableWinsOverFiles() throws IOException {
        everySourceSaysSomething();
        assertThat(resolve(null, NOTHING, map("BACKPROP_BACKEND", "env")))
                .isEqualTo(new BackendChoice("env", "environment variable BACKPROP_BACKEND"));
    }

    @Test
    void theWorkingDirectorysFileWinsOverTheClassPaths() throws IOException {
        everySourceSaysSomething();
        BackendChoice choice = resolve(null, NOTHING, NOTHING);
        assertThat(choice.name()).isEqualTo("from-working-directory");
        assertThat(choice.rule()).startsWith("backprop.properties in the working directory");
    }

    @Test
    void theClassPathsFileIsReadWhenTheWorkingDirectoryHasNone() throws IOException {
        everySourceSaysSomething();
        Files.delete(workingDirectory.resolve("backprop.properties"));
        assertThat(resolve(null, NOTHING, NOTHING)).isEqualTo(new BackendChoice("from-class-path",
                "backprop.properties on the class path (" + classPath().getResource("backprop.properties") + ")"));
        assertThat(resolve(null, NOTHING, NOTHING).rule()).as("names where it was found")
                .contains(classPathRoot.toString());
    }

    @Test
    void aFileWithoutABackendKeyIsPassedOver() throws IOException {
        Files.writeString(workingDirectory.resolve("backprop.properties"), "# nothing chosen here\nother=1\n");
        Files.writeString(classPathRoot.resolve("backprop.properties"), "backend=from-class-path\n");
        assertThat(resolve(null, NOTHING, NOTHING).name()).isEqualTo("from-class-path");
    }

    @Test
    void blankValuesCountAsUnset() throws IOException {
        assertThat(resolve("  ", map("backprop.backend", ""), map("BACKPROP_BACKEND", " ")))
                .isEqualTo(new BackendChoice("reference", "the default"));
    }

    @Test
    void withNothingSaidTheDefaultIsTheReferenceBackend() throws IOException {
        assertThat(resolve(null, NOTHING, NOTHING)).isEqualTo(new BackendChoice(Backends.DEFAULT, "the default"));
    }

    @Test
    void aMalformedPropertiesFileIsRefusedNamingIt() throws IOException {
        Path file = workingDirectory.resolve("backprop.properties");
        Files.writeString(file, "backend=\\u12\n");
        assertThatThrownBy(() -> resolve(null, NOTHING, NOTHING))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("expected lines such as backend=reference");
    }

    /** The warnings resolving raises. */
    private List<String> warningsOf(Function<String, String> properties, Function<String, String> env)
            throws IOException {
        ClassLoader classPath = classPath();
        List<String> warnings = new ArrayList<>();
        Warnings.sendTo(warnings::add,
                () -> BackendChoice.resolve(null, properties, env, workingDirectory, classPath));
        return warnings;
    }

    @Test
    void anUnknownKeyIsWarnedOfNamingTheFileTheKeyAndTheKnownOnes() throws IOException {
        Path file = workingDirectory.resolve("backprop.properties");
        Files.writeString(file, "backnd=dl4j\n");

        assertThat(warningsOf(NOTHING, NOTHING)).containsExactly("backprop.properties in the working directory ("
                + file.toAbsolutePath() + "): unknown key \"backnd\" (did you mean backend?), which nothing reads;"
                + " the known key is backend");
    }

    @Test
    void everyUnknownKeyOfAFileIsInItsOneWarning() throws IOException {
        Files.writeString(workingDirectory.resolve("backprop.properties"),
                "backend=reference\nthreads=2\nBackend=dl4j\n");

        assertThat(warningsOf(NOTHING, NOTHING)).singleElement().asString()
                .contains("unknown keys \"Backend\" (did you mean backend?), \"threads\", which nothing reads");
    }

    @Test
    void theClassPathsFileIsCheckedForUnknownKeysToo() throws IOException {
        Files.writeString(classPathRoot.resolve("backprop.properties"), "backend=reference\nbakend=dl4j\n");

        assertThat(warningsOf(NOTHING, NOTHING)).singleElement().asString()
                .startsWith("backprop.properties on the class path")
                .contains("unknown key \"bakend\" (did you mean backend?)");
    }

    @Test
    void eachReadingOfAFileWarnsOnce() throws IOException {
        Files.writeString(workingDirectory.resolve("backprop.properties"), "backnd=dl4j\n");
        ClassLoader classPath = classPath();
        List<String> warnings = new ArrayList<>();

        Warnings.sendTo(warnings::add, () -> {
            BackendChoice.resolve(null, NOTHING, NOTHING, workingDirectory, classPath);
            BackendChoice.resolve(null, NOTHING, NOTHING, workingDirectory, classPath);
            return null;
        });

        assertThat(warnings).hasSize(2).containsOnly(warnings.get(0));
    }

    @Test
    void aFileThatIsNotReadIsNotWarnedOf() throws IOException {
        Files.writeString(workingDirectory.resolve("backprop.properties"), "backnd=dl4j\n");

        assertThat(warningsOf(map("backprop.backend", "reference"), NOTHING)).isEmpty();
    }

    @Test
    void aFileOfKnownKeysOnlyRaisesNoWarning() throws IOException {
        Files.writeString(workingDirectory.resolve("backprop.properties"), "# chosen here\nbackend=dl4j\n");

        assertThat(warningsOf(NOTHING, NOTHING)).isEmpty();
    }

    @Test
    void anExplicitChoiceCanBeWordedAsItsCallerMadeItAndNoOtherRuleIs() throws IOException {
        assertThat(resolve("dl4j", NOTHING, NOTHING).explicitly("--backend"))
                .isEqualTo(new BackendChoice("dl4j", "--backend"));
        assertThat(resolve(null, NOTHING, map("BACKPROP_BACKEND", "dl4j")).explicitly("--backend"))
                .isEqualTo(new BackendChoice("dl4j", "environment variable BACKPROP_BACKEND"));
    }

    @Test
    void severalFilesOnTheClassPathAreWarnedOfNamingEachSinceClassPathOrderThenDecides(@TempDir Path second)
            throws IOException {
        Files.writeString(classPathRoot.resolve("backprop.properties"), "backend=from-class-path\n");
        Files.writeString(second.resolve("backprop.properties"), "backend=from-second\n");
        ClassLoader both = new URLClassLoader(new URL[] {classPathRoot.toUri().toURL(), second.toUri().toURL()}, null);
        List<String> warnings = new ArrayList<>();

        BackendChoice choice = Warnings.sendTo(warnings::add,
                () -> BackendChoice.resolve(null, NOTHING, NOTHING, workingDirectory, both));

        assertThat(choice.name()).isEqualTo("from-class-path");
        assertThat(warnings).singleElement().asString()
                .startsWith("2 backprop.properties files on the class path: ")
                .contains(classPathRoot.toString(), second.toString())
                .endsWith("the first is read (class-path order decides): keep one");
    }

    @Test
    void oneFileOnTheClassPathRaisesNoWarning() throws IOException {
        Files.writeString(classPathRoot.resolve("backprop.properties"), "backend=from-class-path\n");

        assertThat(warningsOf(NOTHING, NOTHING)).isEmpty();
    }
}
