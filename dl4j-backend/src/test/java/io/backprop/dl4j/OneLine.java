package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

/** What every refusal's message must be: one line, that names no exception class. */
final class OneLine {
    private OneLine() {
    }

    static void assertOneLine(String message) {
        assertThat(message).doesNotContain("\n").doesNotContain("\r")
                .doesNotContainPattern("\\b[A-Z]\\w*(Exception|Error)\\b");
    }
}
