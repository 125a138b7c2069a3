package io.backprop.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule.Unit;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** DL4J's step, exponential and map schedules, by hand, counted in epochs or iterations. */
class LearningRateScheduleTest {
    @Test
    void stepHalvesEveryTenEpochs() {
        LearningRateSchedule step = LearningRateSchedule.parse("step:0.5:10");
        assertThat(step.rate(0.1, 999, 9)).isEqualTo(0.1);
        assertThat(step.rate(0.1, 0, 10)).isEqualTo(0.05);
        assertThat(step.rate(0.1, 0, 25)).isEqualTo(0.025);
    }

    @Test
    void exponentialCountsIterationsWhenAsked() {
        LearningRateSchedule exp = LearningRateSchedule.parse("exponential:0.9:iteration");
        assertThat(exp.unit()).isEqualTo(Unit.ITERATION);
        assertThat(exp.rate(0.1, 3, 100)).isCloseTo(0.1 * 0.9 * 0.9 * 0.9, within(1e-16));
    }

    @Test
    void aMapGivesTheRateOfTheLargestCountReachedAndTheBaseBeforeTheFirst() {
        LearningRateSchedule map = LearningRateSchedule.parse("map:5=0.05,10=0.01");
        assertThat(map.rate(0.1, 0, 4)).isEqualTo(0.1);
        assertThat(map.rate(0.1, 0, 5)).isEqualTo(0.05);
        assertThat(map.rate(0.1, 0, 9)).isEqualTo(0.05);
        assertThat(map.rate(0.1, 0, 300)).isEqualTo(0.01);
    }

    @Test
    void textReadsBackToTheSameSchedule() {
        TreeMap<Integer, Double> rates = new TreeMap<>();
        rates.put(0, 0.1);
        rates.put(7, 0.02);
        for (LearningRateSchedule s : new LearningRateSchedule[] {LearningRateSchedule.FIXED,
            new LearningRateSchedule.StepDecay(Unit.ITERATION, 0.5, 100), new LearningRateSchedule.Exponential(Unit.EPOCH,
                0.99), new LearningRateSchedule.Mapped(Unit.EPOCH, rates)}) {
            assertThat(LearningRateSchedule.parse(s.text())).isEqualTo(s);
        }
    }

    @Test
    void malformedSchedulesAreRefusedWithTheFormsExpected() {
        for (String bad : new String[] {"step:0.5", "cosine:1", "map:a=1", "exponential:-1", "map:"}) {
            assertThatThrownBy(() -> LearningRateSchedule.parse(bad)).isInstanceOf(TrainingException.class)
                    .hasMessageContaining(bad.equals("exponential:-1") ? "gamma" : "expected");
        }
    }
}
