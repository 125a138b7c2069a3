package io.backprop.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.train.EpochListener;
import io.backprop.train.TrainingDecision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EpochBarTest {
    private static final EpochLine LINE = (epoch, loss) -> String.format(Locale.ROOT, "  epoch %d  loss %.6g", epoch,
            loss);
    private static final Pattern FRAME = Pattern.compile(
            "epoch +(\\d+)/(\\d+) │[█▏▎▍▌▋▊▉ ]+│ loss (\\S+) +([0-9.]+|\\?) epochs/s  (\\d+:\\d\\d:\\d\\d|\\?) left *");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** The bar's clock, in nanoseconds: it moves only when the test moves it, so every number drawn is exact. */
    private final AtomicLong now = new AtomicLong();

    private TrainingFeedback bar(int epochs, int every) {
        return TrainingFeedback.start(ProgressMode.BAR, epochs, every, LINE, new PrintWriter(out, true),
                new PrintWriter(err, true), BarLine.ofWidth(new PrintWriter(err, true), 100), now::get);
    }

    /** The drawings of the bar, in order: each starts with a carriage return, the whole ends with a line end. */
    private List<String> frames() {
        String drawn = err.toString();
        assertThat(drawn).startsWith("\r").endsWith(System.lineSeparator());
        return Arrays.stream(drawn.strip().split("\r")).filter(f -> !f.isEmpty()).toList();
    }

    @Test
    void theBarShowsTheEpochsDoneTheLossTheRateAndATimeLeftThatFollowsFromTheRate() {
        double lastLoss = 0;
        try (TrainingFeedback feedback = bar(100, 10)) {
            EpochListener listener = feedback.listener();
            for (int epoch = 1; epoch <= 50; epoch++) {
                // Each epoch takes 25 ms of the bar's clock; the bar starts when the first has ended.
                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(25));
                lastLoss = 1.0 / epoch;
                assertThat(listener.onEpoch(epoch, lastLoss)).isEqualTo(TrainingDecision.CONTINUE);
            }
            assertThat(out.toString()).as("the loss lines wait until the bar is gone").isEmpty();
            assertThat(feedback.interrupted(50, null)).isFalse();
        }

        List<String> frames = frames();
        assertThat(frames).allSatisfy(f -> assertThat(f).matches(FRAME).hasSizeLessThanOrEqualTo(100));
        Matcher last = FRAME.matcher(frames.get(frames.size() - 1));
        assertThat(last.matches()).isTrue();
        assertThat(last.group(1)).isEqualTo("50");
        assertThat(last.group(2)).isEqualTo("100");
        assertThat(last.group(3)).isEqualTo(String.format(Locale.ROOT, "%.6g", lastLoss));
        String bar = frames.get(frames.size() - 1).replaceAll(".*│(.*)│.*", "$1");
        assertThat(eighthsFilled(bar)).as("half of the bar, in eighths of a cell").isEqualTo(bar.length() * 8 / 2);
        // 49 epochs after the first in 1225 ms: 40 a second; 50 to go at that rate take 1.25 s.
        assertThat(last.group(4)).isEqualTo("40.0");
        assertThat(last.group(5)).isEqualTo("0:00:01");
        assertThat(out.toString().lines()).containsExactly("  epoch 1  loss 1.00000", "  epoch 10  loss 0.100000",
                "  epoch 20  loss 0.0500000", "  epoch 30  loss 0.0333333", "  epoch 40  loss 0.0250000",
                "  epoch 50  loss 0.0200000");
    }

    private static int eighthsFilled(String bar) {
        String partial = " ▏▎▍▌▋▊▉";
        int eighths = 0;
        for (char c : bar.toCharArray()) {
            eighths += c == '█' ? 8 : partial.indexOf(c);
        }
        return eighths;
    }

    @Test
    void aFinishedRunEndsOnAFullBarWithNothingLeft() {
        try (TrainingFeedback feedback = bar(200, 100)) {
            EpochListener listener = feedback.listener();
            for (int epoch = 1; epoch <= 200; epoch++) {
                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
                listener.onEpoch(epoch, 0.5);
            }
        }

        List<String> frames = frames();
        Matcher last = FRAME.matcher(frames.get(frames.size() - 1));
        assertThat(last.matches()).as(frames.get(frames.size() - 1)).isTrue();
        assertThat(last.group(1)).isEqualTo("200");
        assertThat(last.group(4)).as("199 epochs in 199 ms").isEqualTo("1000.0");
        assertThat(last.group(5)).isEqualTo("0:00:00");
        assertThat(frames.get(frames.size() - 1)).containsPattern("│█+│");
        assertThat(out.toString().lines()).containsExactly("  epoch 1  loss 0.500000", "  epoch 100  loss 0.500000",
                "  epoch 200  loss 0.500000");
    }

    @Test
    void jsonSilencesEveryModeAndAutoIsABarOnlyOnATerminal() {
        for (ProgressMode mode : ProgressMode.values()) {
            assertThat(mode.resolve(true, true)).isEqualTo(ProgressMode.NONE);
        }
        assertThat(ProgressMode.AUTO.resolve(false, true)).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.AUTO.resolve(false, false)).isEqualTo(ProgressMode.LINES);
        assertThat(ProgressMode.BAR.resolve(false, false)).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.LINES.resolve(false, true)).isEqualTo(ProgressMode.LINES);
    }
}
