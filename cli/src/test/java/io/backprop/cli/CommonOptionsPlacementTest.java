package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code --backend}, {@code --json} and {@code --verbose} are listed by the top-level help, so they
 * work before the subcommand as after it, down to {@code demo iris}; given on both sides with
 * different values they are refused, naming both.
 */
class CommonOptionsPlacementTest {
    @Test
    void theBackendGivenBeforeTheCommandIsTheOneItRunsOn() {
        Cli.Run run = Cli.run("--backend", "reference-textbook", "demo", "--json", "--epochs", 1);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("backend").asText()).isEqualTo("reference-textbook");
    }

    @Test
    void jsonGivenBeforeTheCommandGivesJson() {
        Cli.Run run = Cli.run("--json", "backends");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("selected").asText()).isEqualTo("reference");
    }

    @Test
    void theOptionsReachANestedCommandFromEitherLevelAbove() {
        Cli.Run fromTop = Cli.run("--backend", "reference-textbook", "--json", "demo", "iris", "--epochs", 1);
        Cli.Run fromDemo = Cli.run("demo", "--backend", "reference-textbook", "--json", "iris", "--epochs", 1);

        assertThat(fromTop.exitCode()).as(fromTop.toString()).isZero();
        assertThat(fromTop.json().get("backend").asText()).isEqualTo("reference-textbook");
        assertThat(fromDemo.exitCode()).as(fromDemo.toString()).isZero();
        assertThat(fromDemo.json().get("backend").asText()).isEqualTo("reference-textbook");
    }

    @Test
    void anUnknownBackendGivenBeforeTheCommandIsRefusedBeforeAnyOutput() {
        Cli.Run run = Cli.run("--backend", "nope", "demo");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("backprop: ").contains("\"nope\"");
    }

    @Test
    void verboseGivenBeforeTheCommandAddsTheStackTrace() {
        Cli.Run run = Cli.run("--verbose", "backends", "--backend", "nope");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSizeGreaterThan(1);
        assertThat(run.errLines().subList(1, run.errLines().size())).anySatisfy(l -> assertThat(l).startsWith("\tat "));
    }

    @Test
    void theSameBackendOnBothSidesIsAccepted() {
        Cli.Run run = Cli.run("--backend", "reference-textbook", "backends", "--backend", "reference-textbook");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("selected: reference-textbook, by --backend");
    }

    @Test
    void twoDifferentBackendsBeforeAndAfterAreRefusedNamingBoth() {
        Cli.Run run = Cli.run("--backend", "reference-textbook", "demo", "--backend", "reference", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: ").contains("\"reference-textbook\"").contains("\"reference\"")
                .contains("backprop demo --help");
    }

    @Test
    void twoDifferentBackendsAcrossThreeLevelsAreRefusedToo() {
        Cli.Run run = Cli.run("--backend", "reference-textbook", "demo", "iris", "--backend", "reference");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .contains("\"reference-textbook\"").contains("\"reference\"");
    }
}
