package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --version}, on every command, says the version the POM gives the artifacts. */
class VersionTest {
    /** The POM's ${project.version}, handed over by Surefire (see cli/pom.xml). */
    private static final String POM_VERSION = System.getProperty("backprop.pom.version");

    static List<List<String>> commandLines() {
        return List.of(List.of("--version"), List.of("-V"), List.of("train", "--version"),
                List.of("demo", "iris", "-V"), List.of("backends", "--version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void saysThePomsVersion(List<String> args) {
        assertThat(POM_VERSION).as("the POM's version, from Surefire").isNotBlank().doesNotContain("${");

        Cli.Run run = Cli.run(args.toArray());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).containsExactly("backprop " + POM_VERSION);
    }
}
