package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A mistyped command or option gets the closest one suggested, in the one error line. */
class SuggestionsTest {
    /** A mistyped command line, the suggestion its error must make and the help it must point at. */
    record Case(List<String> args, String suggestion, String help) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(List.of("trian"), "did you mean train?", "backprop --help"),
                new Case(List.of("demo", "irsi"), "did you mean iris?", "backprop demo --help"),
                new Case(List.of("help", "trian"), "did you mean train?", "backprop --help"),
                new Case(List.of("train", "--modle", "m.json", "--data", "d.csv", "--out", "o.json"),
                        "did you mean --model?", "backprop train --help"),
                // The typo is what leaves --model missing: it is the one reported.
                new Case(List.of("predict", "--modle", "m.json"), "did you mean --model?", "backprop predict --help"),
                new Case(List.of("demo", "iris", "--epoch", "3"), "did you mean --epochs?", "backprop demo iris --help"),
                new Case(List.of("--bakend", "dl4j"), "did you mean --backend?", "backprop --help"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aMistypedNameGetsTheClosestOneSuggestedInTheOneErrorLine(Case c) {
        Cli.Run run = Cli.run(c.args().toArray());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .startsWith("backprop: ").contains("; " + c.suggestion()).endsWith(" (see: " + c.help() + ")");
    }

    @Test
    void aWordLikeNoCommandGetsNoSuggestion() {
        Cli.Run run = Cli.run("plot");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("backprop: Unmatched argument at index 0: 'plot' (see: backprop --help)");
    }

    @Test
    void theBeginningOfAnOptionGetsEveryOptionItBegins() {
        Cli.Run run = Cli.run("demo", "--e", "5");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("; did you mean --epochs or --every?");
    }

    @Test
    void aNameCloseToNothingGetsNoSuggestion() {
        Cli.Run run = Cli.run("demo", "--zzzzzz");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("backprop: Unknown option: '--zzzzzz' (see: backprop demo --help)");
    }
}
