package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.BackendChoice;
import io.backprop.Backends;
import io.backprop.Discovery;
import io.backprop.error.BackendException;
import io.backprop.spi.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command says of a broken class path: a provider that fails to load and a name given twice
 * are listed by {@code backends} and are one warning line each on stderr for the other commands, which
 * go on with the backends that work; an unknown key in backprop.properties is a warning too.
 */
class DiscoveryDiagnosticsTest {
    private static final String BROKEN = BrokenProviders.Broken.class.getName();
    private static final String FIRST_TWIN = BrokenProviders.FirstTwin.class.getName();
    private static final String SECOND_TWIN = BrokenProviders.SecondTwin.class.getName();

    @TempDir
    Path root;

    private Cli.Run withBrokenProviders(Object... args) {
        return BrokenProviders.listed(root, () -> Cli.run(args), BROKEN, FIRST_TWIN, SECOND_TWIN);
    }

    @Test
    void backendsListsEachProblemOnALineOfItsOwnAndExitsNormally() {
        Cli.Run run = withBrokenProviders("backends");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as("the problems are the listing's, not warnings as well").isEmpty();
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith("* reference"));
        assertThat(run.out().lines()).contains(
                "! backend provider " + BROKEN + " failed to load: its constructor failed:"
                        + " java.lang.IllegalStateException: no native library for this machine",
                "! backend providers " + FIRST_TWIN + " and " + SECOND_TWIN + " are both named \"twin\" (names match"
                        + " ignoring case): none of them is used, since the choice of a backend never depends on"
                        + " class-path order; keep one of them on the class path");
        assertThat(run.out()).contains("selected: reference, by the default");
    }

    @Test
    void backendsJsonAddsTheFailuresAndClashesToWhatItSaid() {
        JsonNode json = withBrokenProviders("backends", "--json").json();

        assertThat(json.get("selected").asText()).isEqualTo("reference");
        assertThat(json.get("rule").asText()).isEqualTo("the default");
        List<String> names = new ArrayList<>();
        json.get("backends").forEach(backend -> names.add(backend.get("name").asText()));
        assertThat(names).containsExactly("dl4j", "pytorch", "reference", "reference-textbook");
        assertThat(json.get("failures")).singleElement().satisfies(failure -> {
            assertThat(failure.get("provider").asText()).isEqualTo(BROKEN);
            assertThat(failure.get("reason").asText()).isEqualTo("its constructor failed:"
                    + " java.lang.IllegalStateException: no native library for this machine");
        });
        assertThat(json.get("clashes")).singleElement().satisfies(clash -> {
            assertThat(clash.get("name").asText()).isEqualTo("twin");
            assertThat(clash.get("providers")).extracting(JsonNode::asText).containsExactly(FIRST_TWIN, SECOND_TWIN);
        });
    }

    @Test
    void backendsJsonWithNothingWrongHasEmptyFailuresAndClashes() {
        JsonNode json = Cli.run("backends", "--json").json();

        assertThat(json.get("failures")).isEmpty();
        assertThat(json.get("clashes")).isEmpty();
    }

    @Test
    void anotherCommandGoesOnWithTheBackendsThatWorkAndWarnsOnceALineEach() {
        Cli.Run run = withBrokenProviders("demo", "--epochs", 1, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("backend").asText()).isEqualTo("reference");
        assertThat(run.errLines()).containsExactly(
                "backprop: warning: backend provider " + BROKEN + " failed to load: its constructor failed:"
                        + " java.lang.IllegalStateException: no native library for this machine",
                "backprop: warning: backend providers " + FIRST_TWIN + " and " + SECOND_TWIN + " are both named"
                        + " \"twin\" (names match ignoring case): none of them is used, since the choice of a backend"
                        + " never depends on class-path order; keep one of them on the class path");
    }

    @Test
    void choosingAClashingNameFailsNamingBothClassesAndTheRule() {
        Cli.Run run = withBrokenProviders("backends", "--backend", "TWIN");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: backend \"TWIN\" cannot be used: backend providers " + FIRST_TWIN + " and "
                        + SECOND_TWIN + " are both named \"twin\"")
                .endsWith("; it was chosen by --backend");
    }

    @Test
    void choosingAnUnknownNameNamesTheProviderThatFailedSinceItMayBeTheOne() {
        Cli.Run run = withBrokenProviders("demo", "--backend", "broken");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: backend \"broken\" not found; the backends found are: dl4j, pytorch, reference,"
                        + " reference-textbook (")
                .contains("; it may be one of the providers that failed to load: " + BROKEN
                        + " (its constructor failed: java.lang.IllegalStateException: no native library for this"
                        + " machine)")
                .endsWith("; it was chosen by --backend");
    }

    @Test
    void anUnknownKeyInBackpropPropertiesIsOneWarningLine() throws Exception {
        Files.writeString(root.resolve("backprop.properties"), "backnd=dl4j\n");

        Cli.Run run = BrokenProviders.onClassPath(root, () -> Cli.run("backends"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("selected: reference, by the default");
        assertThat(run.errLines()).containsExactly("backprop: warning: backprop.properties on the class path ("
                + root.resolve("backprop.properties").toUri().toURL() + "): unknown key \"backnd\" (did you mean"
                + " backend?), which nothing reads; the known key is backend");
    }

    /**
     * Every backend shipped is known to the library with its artifact and its provider class: asked for
     * while missing, the artifact that holds its class is named; asked for while its provider failed,
     * that failure is named.
     */
    @Test
    void everyShippedBackendIsKnownWithItsArtifactAndProviderClass() throws Exception {
        List<Backend> shipped = Backends.available();
        assertThat(shipped).extracting(Backend::name).containsExactly("dl4j", "pytorch", "reference", "reference-textbook");

        for (Backend backend : shipped) {
            Discovery missing = new Discovery(List.of(), List.of(), List.of());
            String message = catchThrowableOfType(() -> missing.named(backend.name()), BackendException.class)
                    .getMessage();
            assertThat(artifacts(message)).as(message).containsEntry(backend.name(), artifactOf(backend.getClass()));

            String provider = backend.getClass().getName();
            Discovery failed = new Discovery(List.of(), List.of(new Discovery.Failure(provider, "it broke", null)),
                    List.of());
            assertThat(catchThrowableOfType(() -> failed.chosen(new BackendChoice(backend.name(), "--backend")),
                    BackendException.class).getMessage())
                    .startsWith("backend \"" + backend.name() + "\" not found: backend provider " + provider + " ("
                            + backend.name() + ") failed to load: it broke;");
        }
    }

    /** "(a and b are in g:x, c is in g:y)" at the end of a not-found message, as {a=g:x, b=g:x, c=g:y}. */
    private static Map<String, String> artifacts(String message) {
        String list = message.substring(message.lastIndexOf('(') + 1, message.lastIndexOf(')'));
        Map<String, String> artifacts = new HashMap<>();
        for (String group : list.split(", ")) {
            String[] parts = group.split(" (is|are) in ");
            for (String name : parts[0].split(" and ")) {
                artifacts.put(name, parts[1]);
            }
        }
        return artifacts;
    }

    /**
     * The Maven coordinates of the module or jar that holds {@code type}: the artifactId of the first
     * pom.xml above its class directory or jar in the reactor, or the artifact directory in a Maven
     * repository (.../io/backprop/ARTIFACT/VERSION/ARTIFACT-VERSION.jar).
     */
    private static String artifactOf(Class<?> type) throws Exception {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = location; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                String ownPart = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
                Matcher artifactId = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(ownPart);
                assertThat(artifactId.find()).as(pom.toString()).isTrue();
                return "io.backprop:" + artifactId.group(1);
            }
        }
        return "io.backprop:" + location.getParent().getParent().getFileName();
    }
}
