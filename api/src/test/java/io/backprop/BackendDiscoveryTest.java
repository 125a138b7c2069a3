package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Discovery.Clash;
import io.backprop.Discovery.Failure;
import io.backprop.error.BackendException;
import io.backprop.spi.Backend;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider is tried on its own: one that fails is named with its reason and the others still
 * work, a name given twice is refused naming both classes, and the class loader can be given. Each
 * test lists its providers in a services file of its own, on a class loader of its own.
 */
class BackendDiscoveryTest {
    @TempDir
    static Path compiled;

    @TempDir
    Path root;

    private final List<URLClassLoader> opened = new ArrayList<>();

    @BeforeAll
    static void compileTheProvidersThatNeedAMissingClass() throws IOException, URISyntaxException {
        MissingDependencyProviders.compileInto(compiled.resolve("classes"));
    }

    @AfterEach
    void closeTheLoaders() throws IOException {
        for (URLClassLoader loader : opened) {
            loader.close();
        }
    }

    /** A class loader over this module's test class path, whose services file lists {@code providers}. */
    private ClassLoader listing(String... providers) throws IOException {
        Path services = root.resolve(Discovery.SERVICES_FILE);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# test providers\n" + String.join("\n", providers) + "\n");
        URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL(),
                compiled.resolve("classes").toUri().toURL()}, BackendDiscoveryTest.class.getClassLoader());
        opened.add(loader);
        return loader;
    }

    private static String name(Class<?> provider) {
        return provider.getName();
    }

    private static List<String> names(List<Backend> backends) {
        return backends.stream().map(Backend::name).toList();
    }

    @Test
    void theServicesFileIsTheOneServiceLoaderReads() {
        assertThat(Discovery.SERVICES_FILE).isEqualTo("META-INF/services/" + Backend.class.getName());
    }

    @Test
    void aProviderWhoseConstructorThrowsIsNamedWithTheReasonAndTheOthersStillLoad() throws IOException {
        Discovery found = Backends.discover(listing(name(TestProviders.Alpha.class),
                name(TestProviders.Throwing.class), name(TestProviders.Beta.class)));

        assertThat(names(found.backends())).containsExactly("alpha", "beta");
        assertThat(found.clashes()).isEmpty();
        assertThat(found.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.provider()).isEqualTo(name(TestProviders.Throwing.class));
            assertThat(failure.reason())
                    .isEqualTo("its constructor failed: java.lang.IllegalStateException: no licence for this machine");
            assertThat(failure.cause()).isInstanceOf(ServiceConfigurationError.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            assertThat(failure.describe()).isEqualTo("backend provider " + name(TestProviders.Throwing.class)
                    + " failed to load: its constructor failed: java.lang.IllegalStateException: no licence for this"
                    + " machine");
        });
    }

    @Test
    void aListedClassThatDoesNotExistIsNamedAndTheOthersStillLoad() throws IOException {
        Discovery found = Backends.discover(listing("io.backprop.NoSuchBackend", name(TestProviders.Alpha.class)));

        assertThat(names(found.backends())).containsExactly("alpha");
        assertThat(found.failures()).containsExactly(new Failure("io.backprop.NoSuchBackend",
                "its class is not on the class path", found.failures().get(0).cause()));
    }

    @Test
    void aProviderWhoseSuperclassIsMissingIsNamedThoughTheJdkNamesOnlyTheMissingClass() throws IOException {
        // The JVM's NoClassDefFoundError says "gone/Dependency" and nothing of the provider: it is told
        // from the services file's order, and checked by loading it again.
        Discovery found = Backends.discover(listing(MissingDependencyProviders.NEEDS_IT_TO_LOAD,
                name(TestProviders.Alpha.class), MissingDependencyProviders.ALSO_NEEDS_IT_TO_LOAD,
                name(TestProviders.Beta.class)));

        assertThat(names(found.backends())).containsExactly("alpha", "beta");
        assertThat(found.failures()).extracting(Failure::provider).containsExactly(
                MissingDependencyProviders.NEEDS_IT_TO_LOAD, MissingDependencyProviders.ALSO_NEEDS_IT_TO_LOAD);
        assertThat(found.failures()).allSatisfy(failure -> {
            assertThat(failure.reason()).isEqualTo("its class cannot be loaded: java.lang.NoClassDefFoundError: "
                    + MissingDependencyProviders.MISSING + " (a class it needs is missing from the class path)");
            assertThat(failure.cause()).isInstanceOf(NoClassDefFoundError.class);
        });
    }

    @Test
    void aProviderWhoseConstructorNeedsAMissingClassIsNamed() throws IOException {
        Discovery found = Backends.discover(listing(MissingDependencyProviders.NEEDS_IT_TO_RUN,
                name(TestProviders.Alpha.class)));

        assertThat(names(found.backends())).containsExactly("alpha");
        assertThat(found.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.provider()).isEqualTo(MissingDependencyProviders.NEEDS_IT_TO_RUN);
            assertThat(failure.reason()).isEqualTo("its constructor failed: java.lang.NoClassDefFoundError: "
                    + MissingDependencyProviders.MISSING + " (a class it needs is missing from the class path)");
        });
    }

    @Test
    void aListedClassThatIsNoBackendOrHasNoPublicConstructorIsNamed() throws IOException {
        Discovery found = Backends.discover(listing(name(TestProviders.NotABackend.class),
                name(TestProviders.NoPublicConstructor.class), name(TestProviders.Alpha.class)));

        assertThat(names(found.backends())).containsExactly("alpha");
        assertThat(found.failures()).extracting(Failure::provider, Failure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(name(TestProviders.NotABackend.class),
                        "its class does not implement io.backprop.spi.Backend"),
                org.assertj.core.groups.Tuple.tuple(name(TestProviders.NoPublicConstructor.class),
                        "its class has no public constructor without arguments"));
    }

    @Test
    void aBackendWhoseNameCannotBeHadIsNamedByItsClass() throws IOException {
        Discovery found = Backends.discover(listing(name(TestProviders.NameThrows.class),
                name(TestProviders.BlankName.class), name(TestProviders.Alpha.class)));

        assertThat(names(found.backends())).containsExactly("alpha");
        assertThat(found.failures()).extracting(Failure::provider, Failure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(name(TestProviders.NameThrows.class),
                        "its name() failed: java.lang.IllegalStateException: name not configured"),
                org.assertj.core.groups.Tuple.tuple(name(TestProviders.BlankName.class), "its name() is blank"));
    }

    @Test
    void availableReturnsTheBackendsThatWorkAndWarnsOfEachFailureOnce() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Throwing.class), "io.backprop.NoSuchBackend",
                name(TestProviders.Alpha.class));
        List<String> warnings = new ArrayList<>();

        List<Backend> available = Warnings.sendTo(warnings::add, () -> Backends.available(loader));

        assertThat(names(available)).containsExactly("alpha");
        assertThat(warnings).containsExactly(
                "backend provider " + name(TestProviders.Throwing.class) + " failed to load: its constructor failed:"
                        + " java.lang.IllegalStateException: no licence for this machine",
                "backend provider io.backprop.NoSuchBackend failed to load: its class is not on the class path");
    }

    @Test
    void discoverRaisesNoWarningSinceItsCallerHoldsTheProblems() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Throwing.class));
        List<String> warnings = new ArrayList<>();

        Discovery found = Warnings.sendTo(warnings::add, () -> Backends.discover(loader));

        assertThat(found.problems()).hasSize(1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutASinkWarningsGoToTheSystemLoggerOncePerText() throws IOException {
        // A name of its own, so that no other test has logged the same text before.
        String missing = "io.backprop.NoSuchBackend" + System.nanoTime();
        ClassLoader loader = listing(missing, name(TestProviders.Alpha.class));
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Warnings.LOGGER);
        logger.addHandler(handler);
        try {
            Backends.available(loader);
            Backends.named("alpha", loader);
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage())
                    .isEqualTo("backend provider " + missing + " failed to load: its class is not on the class path");
        });
    }

    @Test
    void aFoundBackendIsReturnedAndTheFailuresAreWarned() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Throwing.class), name(TestProviders.Alpha.class));
        List<String> warnings = new ArrayList<>();

        Backend alpha = Warnings.sendTo(warnings::add, () -> Backends.named("ALPHA", loader));

        assertThat(alpha).isInstanceOf(TestProviders.Alpha.class);
        assertThat(warnings).singleElement().asString().contains(name(TestProviders.Throwing.class));
    }

    @Test
    void askingForAShippedBackendWhoseProviderFailedSaysWhyItFailed() throws IOException {
        ClassLoader loader = listing(MissingDependencyProviders.DL4J, name(TestProviders.Alpha.class));
        List<String> warnings = new ArrayList<>();

        assertThatThrownBy(() -> Warnings.sendTo(warnings::add, () -> Backends.named("dl4j", loader)))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"dl4j\" not found: backend provider io.backprop.dl4j.Dl4jBackend (dl4j) failed to"
                        + " load: its constructor failed: java.lang.NoClassDefFoundError: gone/Dependency (a class it"
                        + " needs is missing from the class path); the backends found are: alpha (reference and"
                        + " reference-textbook are in io.backprop:backprop-reference, dl4j is in io.backprop:backprop-dl4j,"
                        + " pytorch is in io.backprop:backprop-pytorch)")
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(ServiceConfigurationError.class)
                        .hasCauseInstanceOf(NoClassDefFoundError.class));
        assertThat(warnings).as("the error says it all").isEmpty();
    }

    @Test
    void askingForAnUnknownNameNamesTheProvidersThatFailedSinceItMayBeOneOfThem() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Throwing.class), name(TestProviders.Alpha.class));

        assertThatThrownBy(() -> Backends.named("throwing", loader))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"throwing\" not found; the backends found are: alpha (reference and"
                        + " reference-textbook are in io.backprop:backprop-reference, dl4j is in"
                        + " io.backprop:backprop-dl4j, pytorch is in io.backprop:backprop-pytorch); it may be one of the providers that failed to load: "
                        + name(TestProviders.Throwing.class) + " (its constructor failed:"
                        + " java.lang.IllegalStateException: no licence for this machine)");
    }

    @Test
    void twoProvidersOfOneNameIgnoringCaseAreAClashNamingBothAndNeitherIsUsed() throws IOException {
        List<String> listed = List.of(name(TestProviders.Alpha.class), name(TestProviders.AlsoAlpha.class),
                name(TestProviders.Beta.class));

        Discovery found = Backends.discover(listing(listed.toArray(String[]::new)));

        assertThat(names(found.backends())).containsExactly("beta");
        assertThat(found.failures()).isEmpty();
        assertThat(found.clashes()).containsExactly(new Clash("alpha",
                List.of(name(TestProviders.Alpha.class), name(TestProviders.AlsoAlpha.class))));
        assertThatThrownBy(() -> found.named("Alpha"))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"Alpha\" cannot be used: backend providers " + name(TestProviders.Alpha.class)
                        + " and " + name(TestProviders.AlsoAlpha.class) + " are both named \"alpha\" (names match"
                        + " ignoring case): none of them is used, since the choice of a backend never depends on"
                        + " class-path order; keep one of them on the class path");
    }

    @Test
    void aClashDoesNotDependOnTheOrderOfTheClassPath() throws IOException {
        Discovery oneWay = Backends.discover(listing(name(TestProviders.Alpha.class),
                name(TestProviders.AlsoAlpha.class)));
        Discovery otherWay = Backends.discover(listing(name(TestProviders.AlsoAlpha.class),
                name(TestProviders.Alpha.class)));

        assertThat(oneWay.clashes()).extracting(Clash::providers).isEqualTo(otherWay.clashes().stream()
                .map(Clash::providers).toList());
        assertThatThrownBy(() -> otherWay.named("alpha")).hasMessageContaining(name(TestProviders.Alpha.class))
                .hasMessageContaining(name(TestProviders.AlsoAlpha.class));
    }

    @Test
    void aClashIsWarnedOfWhenAnotherBackendIsUsed() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class), name(TestProviders.AlsoAlpha.class),
                name(TestProviders.Beta.class));
        List<String> warnings = new ArrayList<>();

        Backend beta = Warnings.sendTo(warnings::add, () -> Backends.named("beta", loader));

        assertThat(beta.name()).isEqualTo("beta");
        assertThat(warnings).singleElement().asString().startsWith("backend providers ")
                .contains("are both named \"alpha\"");
    }

    @Test
    void byDefaultTheThreadsContextClassLoaderIsSearched() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class));
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            assertThat(names(Backends.available())).containsExactly("alpha");
            assertThat(Backends.named("alpha")).isInstanceOf(TestProviders.Alpha.class);
            assertThat(Backends.select("alpha")).isInstanceOf(TestProviders.Alpha.class);
            assertThat(names(Backends.discover().backends())).containsExactly("alpha");
        } finally {
            thread.setContextClassLoader(before);
        }
        assertThat(Backends.available()).isEmpty();
    }

    @Test
    void aGivenClassLoaderIsSearchedInsteadOfTheContextOne() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class), name(TestProviders.Beta.class));

        assertThat(names(Backends.available(loader))).containsExactly("alpha", "beta");
        assertThat(Backends.named("beta", loader)).isInstanceOf(TestProviders.Beta.class);
        assertThat(Backends.select("alpha", loader)).isInstanceOf(TestProviders.Alpha.class);
        assertThat(Backends.available(null)).as("null: the system class loader, as for ServiceLoader").isEmpty();
    }

    @Test
    void selectReadsTheGivenClassLoadersPropertiesFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty(BackendChoice.PROPERTY) == null
                && System.getenv(BackendChoice.ENVIRONMENT) == null
                && !Files.exists(Path.of(BackendChoice.FILE)), "nothing else chooses a backend here");
        ClassLoader loader = listing(name(TestProviders.Alpha.class), name(TestProviders.Beta.class));
        Files.writeString(root.resolve(BackendChoice.FILE), "backend=beta\n");

        assertThat(Backends.select(null, loader)).isInstanceOf(TestProviders.Beta.class);
    }

    // Which rule chose a name that is not usable: the library's message says it, as the command's does.

    private static final java.util.function.Function<String, String> NOTHING = key -> null;

    private BackendChoice choiceBy(java.util.function.Function<String, String> properties,
                                   java.util.function.Function<String, String> environment, ClassLoader loader) {
        return BackendChoice.resolve(null, properties, environment, root.resolve("working-directory"), loader);
    }

    @Test
    void anExplicitNameNotFoundSaysItWasChosenExplicitly() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class));

        assertThatThrownBy(() -> Backends.select("nope", loader))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"nope\" not found; the backends found are: alpha (reference and"
                        + " reference-textbook are in io.backprop:backprop-reference, dl4j is in"
                        + " io.backprop:backprop-dl4j, pytorch is in io.backprop:backprop-pytorch); it was chosen by explicit choice");
    }

    @Test
    void aNameNotFoundSaysWhichSettingChoseIt() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class));

        assertThatThrownBy(() -> Backends.chosen(choiceBy(Map.of(BackendChoice.PROPERTY, "nope")::get, NOTHING,
                loader), loader)).hasMessageEndingWith("; it was chosen by system property backprop.backend");
        assertThatThrownBy(() -> Backends.chosen(choiceBy(NOTHING, Map.of(BackendChoice.ENVIRONMENT, "nope")::get,
                loader), loader)).hasMessageEndingWith("; it was chosen by environment variable BACKPROP_BACKEND");
    }

    @Test
    void aNameNotFoundFromAPropertiesFileSaysWhichFile() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class));
        Files.writeString(root.resolve(BackendChoice.FILE), "backend=from-class-path\n");
        Path workingDirectory = Files.createDirectories(root.resolve("working-directory"));

        assertThatThrownBy(() -> Backends.chosen(choiceBy(NOTHING, NOTHING, loader), loader))
                .hasMessageStartingWith("backend \"from-class-path\" not found;")
                .hasMessageEndingWith("; it was chosen by backprop.properties on the class path ("
                        + root.resolve(BackendChoice.FILE).toUri().toURL() + ")");
        Files.writeString(workingDirectory.resolve(BackendChoice.FILE), "backend=from-working-directory\n");
        assertThatThrownBy(() -> Backends.chosen(choiceBy(NOTHING, NOTHING, loader), loader))
                .hasMessageEndingWith("; it was chosen by backprop.properties in the working directory ("
                        + workingDirectory.resolve(BackendChoice.FILE).toAbsolutePath() + ")");
    }

    @Test
    void theDefaultNotFoundSaysItIsTheDefault() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class));

        assertThatThrownBy(() -> Backends.chosen(choiceBy(NOTHING, NOTHING, loader), loader))
                .hasMessage("backend \"reference\" not found; the backends found are: alpha (reference and"
                        + " reference-textbook are in io.backprop:backprop-reference, dl4j is in"
                        + " io.backprop:backprop-dl4j, pytorch is in io.backprop:backprop-pytorch); it was chosen by the default");
    }

    @Test
    void aFailedOrClashingChoiceSaysWhichRuleChoseItToo() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class), name(TestProviders.AlsoAlpha.class),
                MissingDependencyProviders.DL4J);

        assertThatThrownBy(() -> Backends.chosen(new BackendChoice("alpha", "--backend"), loader))
                .hasMessageStartingWith("backend \"alpha\" cannot be used: backend providers ")
                .hasMessageEndingWith("; it was chosen by --backend");
        assertThatThrownBy(() -> Backends.chosen(new BackendChoice("dl4j", "--backend"), loader))
                .hasMessageStartingWith("backend \"dl4j\" not found: backend provider io.backprop.dl4j.Dl4jBackend")
                .hasMessageEndingWith("; it was chosen by --backend");
    }

    @Test
    void aChoiceThatIsFoundIsReturnedAndTheProblemsWarned() throws IOException {
        ClassLoader loader = listing(name(TestProviders.Alpha.class), name(TestProviders.Throwing.class));
        List<String> warnings = new ArrayList<>();

        Backend alpha = Warnings.sendTo(warnings::add,
                () -> Backends.chosen(new BackendChoice("alpha", BackendChoice.EXPLICIT), loader));

        assertThat(alpha).isInstanceOf(TestProviders.Alpha.class);
        assertThat(warnings).hasSize(1);
    }
}
