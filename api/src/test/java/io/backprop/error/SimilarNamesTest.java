package io.backprop.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarNamesTest {
    private static final List<String> COMMANDS = List.of("demo", "predict", "gradient", "train", "explain", "backends",
            "check", "export", "import", "draw", "help", "completion");
    private static final List<String> OPTIONS = List.of("--backend", "--json", "--verbose", "--model", "--data",
            "--max-line-length", "--epochs", "--every", "--lr", "--plot");
    private static final List<String> BACKENDS = List.of("dl4j", "reference", "reference-textbook");

    @Test
    void oneSlipAwayIsClose() {
        assertThat(SimilarNames.closest("trian", COMMANDS)).containsExactly("train");
        assertThat(SimilarNames.closest("drwa", COMMANDS)).containsExactly("draw");
        assertThat(SimilarNames.closest("--modle", OPTIONS)).containsExactly("--model");
        assertThat(SimilarNames.closest("-model", OPTIONS)).containsExactly("--model");
        assertThat(SimilarNames.closest("dl4jj", BACKENDS)).containsExactly("dl4j");
    }

    @Test
    void theClosestWinAndCaseDoesNotCount() {
        assertThat(SimilarNames.closest("refrence", BACKENDS)).containsExactly("reference");
        assertThat(SimilarNames.closest("DL4J", BACKENDS)).containsExactly("dl4j");
        assertThat(SimilarNames.closest("--JSON", OPTIONS)).containsExactly("--json");
    }

    @Test
    void withNothingThatCloseTheNamesBeginningWithWhatWasTypedAreOffered() {
        assertThat(SimilarNames.closest("--e", OPTIONS)).containsExactly("--epochs", "--every");
        assertThat(SimilarNames.closest("--max-line", OPTIONS)).containsExactly("--max-line-length");
        assertThat(SimilarNames.closest("dl", BACKENDS)).containsExactly("dl4j");
        assertThat(SimilarNames.closest("ref", BACKENDS)).containsExactly("reference", "reference-textbook");
    }

    @Test
    void aWordLikeNoNameGetsNothing() {
        assertThat(SimilarNames.closest("plot", COMMANDS)).isEmpty();
        assertThat(SimilarNames.closest("versoin", COMMANDS)).isEmpty();
        assertThat(SimilarNames.closest("nope", BACKENDS)).isEmpty();
        assertThat(SimilarNames.closest("--zzzzzz", OPTIONS)).isEmpty();
        assertThat(SimilarNames.closest("--", OPTIONS)).isEmpty();
        assertThat(SimilarNames.closest("", COMMANDS)).isEmpty();
    }
}
