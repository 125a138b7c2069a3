package io.backprop.optimizer;

import io.backprop.error.TrainingException;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The learning rate of each step from the base rate {@code η₀}, as Deeplearning4j's {@code ISchedule}s
 * compute it, counted in epochs or in iterations as DL4J's {@code ScheduleType} says. Both counts are
 * the network's, from 0, before the step, and go on across {@code fit} calls.
 *
 * <p>Written as text, as the command's {@code --lr-schedule} takes it and model files keep it:
 * {@code step:0.5:10} (halve every 10 epochs), {@code exponential:0.99}, {@code map:0=0.1,10=0.01};
 * {@code :iteration} at the end counts iterations instead of epochs.
 */
public sealed interface LearningRateSchedule {
    /** What a schedule counts. */
    enum Unit {
        EPOCH, ITERATION;

        long of(long iteration, int epoch) {
            return this == EPOCH ? epoch : iteration;
        }
    }

    /** The base rate at every step: no schedule. */
    LearningRateSchedule FIXED = new Fixed();

    /** The rate of the step at {@code iteration} and {@code epoch}, from the base rate {@code η₀}. */
    double rate(double base, long iteration, int epoch);

    /** What it counts. */
    Unit unit();

    /** The schedule as text, which {@link #parse} reads back. */
    String text();

    /** The base rate at every step. */
    record Fixed() implements LearningRateSchedule {
        @Override
        public double rate(double base, long iteration, int epoch) {
            return base;
        }

        @Override
        public Unit unit() {
            return Unit.EPOCH;
        }

        @Override
        public String text() {
            return "fixed";
        }
    }

    /**
     * {@code η₀·decay^⌊i / every⌋}, DL4J's {@code StepSchedule}.
     *
     * @param decay the factor, positive
     * @param every the steps of {@code i} between two decays, positive
     */
    record StepDecay(Unit unit, double decay, double every) implements LearningRateSchedule {
        public StepDecay {
            Ranges.positive("schedule step", "decay", decay);
            Ranges.positive("schedule step", "every", every);
        }

        @Override
        public double rate(double base, long iteration, int epoch) {
            return base * Math.pow(decay, Math.floor(unit.of(iteration, epoch) / every));
        }

        @Override
        public String text() {
            return "step:" + decay + ":" + every + suffix(unit);
        }
    }

    /**
     * {@code η₀·γ^i}, DL4J's {@code ExponentialSchedule}.
     *
     * @param gamma the factor per epoch or iteration, positive
     */
    record Exponential(Unit unit, double gamma) implements LearningRateSchedule {
        public Exponential {
            Ranges.positive("schedule exponential", "gamma", gamma);
        }

        @Override
        public double rate(double base, long iteration, int epoch) {
            return base * Math.pow(gamma, unit.of(iteration, epoch));
        }

        @Override
        public String text() {
            return "exponential:" + gamma + suffix(unit);
        }
    }

    /**
     * The rate of the largest count {@code ≤ i} in the map, DL4J's {@code MapSchedule}; the base rate
     * before the first count.
     */
    record Mapped(Unit unit, NavigableMap<Integer, Double> rates) implements LearningRateSchedule {
        public Mapped {
            if (rates.isEmpty()) {
                throw new TrainingException("schedule map: found no rates; expected COUNT=RATE pairs such as 0=0.1,10=0.01");
            }
            for (Map.Entry<Integer, Double> entry : rates.entrySet()) {
                if (entry.getKey() < 0) {
                    throw new TrainingException("schedule map: found the count " + entry.getKey()
                            + "; expected counts from 0");
                }
                Ranges.positive("schedule map", "rate at " + entry.getKey(), entry.getValue());
            }
            rates = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(rates));
        }

        @Override
        public double rate(double base, long iteration, int epoch) {
            Map.Entry<Integer, Double> at = rates.floorEntry((int) Math.min(Integer.MAX_VALUE,
                    unit.of(iteration, epoch)));
            return at == null ? base : at.getValue();
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder("map:");
            rates.forEach((count, rate) -> text.append(text.length() > 4 ? "," : "").append(count).append('=')
                    .append(rate));
            return text + suffix(unit);
        }
    }

    /**
     * Reads a schedule written as {@link #text()} writes it.
     *
     * @throws TrainingException naming what was found and the forms expected
     */
    static LearningRateSchedule parse(String text) {
        String spec = text.trim();
        Unit unit = Unit.EPOCH;
        String lower = spec.toLowerCase(Locale.ROOT);
        for (Unit u : Unit.values()) {
            String suffix = ":" + u.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith(suffix)) {
                unit = u;
                spec = spec.substring(0, spec.length() - suffix.length());
            }
        }
        String[] parts = spec.split(":", -1);
        try {
            switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "fixed":
                    if (parts.length == 1) {
                        return FIXED;
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return new StepDecay(unit, number(parts[1]), number(parts[2]));
                    }
                    break;
                case "exponential":
                    if (parts.length == 2) {
                        return new Exponential(unit, number(parts[1]));
                    }
                    break;
                case "map":
                    if (parts.length == 2) {
                        NavigableMap<Integer, Double> rates = new TreeMap<>();
                        for (String pair : parts[1].split(",")) {
                            String[] kv = pair.split("=", -1);
                            if (kv.length != 2) {
                                throw new NumberFormatException(pair);
                            }
                            rates.put(Integer.parseInt(kv[0].trim()), number(kv[1]));
                        }
                        return new Mapped(unit, rates);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // reported below with the forms expected
        }
        throw new TrainingException("learning-rate schedule: found \"" + text + "\"; expected step:DECAY:EVERY,"
                + " exponential:GAMMA or map:COUNT=RATE,… (for example step:0.5:10), optionally ending in :epoch"
                + " (the default) or :iteration");
    }

    private static double number(String text) {
        return Double.parseDouble(text.trim());
    }

    private static String suffix(Unit unit) {
        return unit == Unit.EPOCH ? "" : ":iteration";
    }
}
