package io.backprop.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The one line the bar is drawn on: redrawn in place, ended once, and never drawn on again. */
class BarLineTest {
    private final StringWriter err = new StringWriter();
    private final BarLine line = BarLine.ofWidth(new PrintWriter(err, true), 100);

    @Test
    void eachDrawingReplacesTheLastAndClosingEndsTheLineOnce() {
        line.accept("epoch 1/10 long");
        line.accept("epoch 2/10");
        line.close();
        line.close();
        assertThat(err.toString()).isEqualTo("\repoch 1/10 long\repoch 2/10     " + System.lineSeparator());
    }

    @Test
    void aDrawingThatArrivesAfterTheLineEndedIsDropped() {
        // The library's drawing thread can still be drawing when the bar is closed (seen under load: the
        // bar printed again on a line of its own after the line had ended).
        line.accept("epoch 240/1000000");
        line.close();
        line.accept("epoch 240/1000000");
        line.close();
        assertThat(err.toString()).isEqualTo("\repoch 240/1000000" + System.lineSeparator());
    }
}
