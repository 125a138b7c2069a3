package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of {@code demo} and {@code demo iris} is checked before any work starts, as {@code
 * train}'s are: a bad value is one line naming the option and the help of the command it belongs
 * to, and nothing is printed before it.
 */
class DemoOptionsTest {
    /** A bad option value and the option the error must name. */
    record Case(List<String> args, String option) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(List.of("demo", "--epochs", "-5"), "--epochs"),
                new Case(List.of("demo", "--epochs", "0"), "--epochs"),
                new Case(List.of("demo", "--lr", "0"), "--lr"),
                new Case(List.of("demo", "--lr", "-0.1"), "--lr"),
                new Case(List.of("demo", "--every", "0"), "--every"),
                new Case(List.of("demo", "iris", "--epochs", "-5"), "--epochs"),
                new Case(List.of("demo", "iris", "--lr", "0"), "--lr"),
                new Case(List.of("demo", "iris", "--every", "-1"), "--every"),
                new Case(List.of("demo", "iris", "--batch-size", "0"), "--batch-size"));
    }

    @ParameterizedTest(name = "{0} is refused before any output, naming the option and the command's help")
    @MethodSource("cases")
    void aBadValueIsRefusedBeforeAnyOutputNamingTheOptionAndTheCommandsHelp(Case c) {
        Cli.Run run = Cli.run(c.args().toArray());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).as(run.toString()).isEmpty();
        String command = c.args().get(1).equals("iris") ? "backprop demo iris" : "backprop demo";
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .startsWith("backprop: Invalid value for option '" + c.option() + "': ")
                .endsWith(" (see: " + command + " --help)");
    }
}
