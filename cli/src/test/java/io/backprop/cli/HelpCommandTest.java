package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code backprop help} and {@code backprop help COMMAND} print the usage, as {@code --help} does. */
class HelpCommandTest {
    @Test
    void helpAlonePrintsTheTopLevelUsage() {
        Cli.Run run = Cli.run("help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(Cli.run("--help").out()).startsWith("Usage: backprop ")
                .contains("  train ").contains("  help ");
    }

    @ParameterizedTest(name = "help {0}")
    @ValueSource(strings = {"train", "demo", "predict", "evaluate", "backends"})
    void helpOfACommandPrintsItsUsage(String command) {
        Cli.Run run = Cli.run("help", command);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: backprop " + command + " ").isEqualTo(Cli.run(command, "--help").out());
    }

    @Test
    void helpOfAnUnknownCommandIsOneLine() {
        Cli.Run run = Cli.run("help", "trian");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("backprop: ").contains("'trian'");
    }

    @Test
    void aCommonOptionBeforeHelpIsRefusedNotIgnored() {
        Cli.Run run = Cli.run("--json", "help");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("backprop: --json given before `backprop help`, which does not take it"
                        + " (see: backprop help --help)");
    }
}
