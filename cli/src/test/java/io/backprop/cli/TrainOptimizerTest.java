package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code train}'s optimizer, regularization and schedule options: each one trains as the API defines
 * it, stepped here on the independently computed gradients of {@link Net221}, and each bad value is
 * refused in one line before anything is read or written.
 */
class TrainOptimizerTest {
    private static final Net221 START = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);
    /** w1…w6 are weights, b1…b3 biases, in {@link Net221#flat()}'s order. */
    private static final int WEIGHTS = 6;

    @TempDir
    Path dir;

    private Cli.Run train(Object... more) {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Object[] base = {"train", "--model", model, "--data", dir.resolve("people.csv"), "--out", dir.resolve("out.json"),
            "--batch-size", "all", "--json"};
        Object[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private double[] trained() {
        return Net221.fromLayers(Cli.readJson(dir.resolve("out.json")).get("layers")).flat();
    }

    static Net221 fromFlat(double[] p) {
        return Net221.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }

    /**
     * {@code epochs} full-batch steps of the API's optimizer from {@link #START}, weights and biases
     * each with their own state and coefficients, the rate of each step from the schedule.
     */
    static double[] fullBatch(Optimizer optimizer, double eta, Regularization regularization,
            LearningRateSchedule schedule, int epochs) {
        double[] theta = START.flat();
        double[][] state = new double[2][theta.length];
        Arrays.fill(state[0], optimizer.initialState());
        Arrays.fill(state[1], optimizer.initialState());
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] g = fromFlat(theta).gradient(Net221.PEOPLE, Net221.FEMALE).flat();
            double rate = schedule.rate(eta, epoch, epoch);
            for (int part = 0; part < 2; part++) {
                boolean biases = part == 1;
                int from = biases ? WEIGHTS : 0;
                int n = biases ? theta.length - WEIGHTS : WEIGHTS;
                double[] t = Arrays.copyOfRange(theta, from, from + n);
                double[] gp = Arrays.copyOfRange(g, from, from + n);
                double[] s0 = Arrays.copyOfRange(state[0], from, from + n);
                double[] s1 = Arrays.copyOfRange(state[1], from, from + n);
                optimizer.step(t, gp, s0, s1, n, rate, epoch, regularization.l2For(biases),
                        regularization.decayFor(biases, rate));
                System.arraycopy(t, 0, theta, from, n);
                System.arraycopy(s0, 0, state[0], from, n);
                System.arraycopy(s1, 0, state[1], from, n);
            }
        }
        return theta;
    }

    private static void assertClose(double[] actual, double[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("parameter #%d", k + 1).isCloseTo(expected[k], within(1e-12));
        }
    }

    /** A run of the command, and the API's definition of what it should have computed. */
    record Case(List<Object> args, Optimizer optimizer, double eta, Regularization regularization,
            LearningRateSchedule schedule) {
        @Override
        public String toString() {
            return args.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("(defaults)");
        }
    }

    static Stream<Case> cases() {
        Regularization none = Regularization.NONE;
        LearningRateSchedule fixed = LearningRateSchedule.FIXED;
        return Stream.of(
                new Case(List.of("--optimizer", "adam"), Optimizer.adam(), 1e-3, none, fixed),
                new Case(List.of("--optimizer", "ADAM", "--lr", 0.05), Optimizer.adam(), 0.05, none, fixed),
                new Case(List.of("--optimizer", "adam", "--lr", 0.05, "--beta1", 0.5, "--beta2", 0.9, "--epsilon", 1e-4),
                        new Optimizer.Adam(0.5, 0.9, 1e-4), 0.05, none, fixed),
                new Case(List.of("--optimizer", "nesterov"), Optimizer.nesterov(), 0.1, none, fixed),
                new Case(List.of("--optimizer", "nesterov", "--momentum", 0.5), new Optimizer.Nesterov(0.5), 0.1, none,
                        fixed),
                new Case(List.of("--optimizer", "rmsprop", "--lr", 0.01), Optimizer.rmsprop(), 0.01, none, fixed),
                new Case(List.of("--optimizer", "rmsprop", "--lr", 0.01, "--decay", 0.5, "--epsilon", 1e-3),
                        new Optimizer.RmsProp(0.5, 1e-3), 0.01, none, fixed),
                new Case(List.of("--optimizer", "adagrad"), Optimizer.adagrad(), 0.1, none, fixed),
                new Case(List.of("--optimizer", "adagrad", "--epsilon", 0.5), new Optimizer.AdaGrad(0.5), 0.1, none,
                        fixed),
                new Case(List.of("--l2", 0.3), Optimizer.sgd(), 0.1, Regularization.l2(0.3), fixed),
                new Case(List.of("--l2-bias", 0.3), Optimizer.sgd(), 0.1, none.withL2Bias(0.3), fixed),
                new Case(List.of("--weight-decay", 0.2, "--weight-decay-bias", 0.4), Optimizer.sgd(), 0.1,
                        none.withWeightDecay(0.2).withWeightDecayBias(0.4), fixed),
                new Case(List.of("--optimizer", "adam", "--l2", 0.3, "--weight-decay", 0.2), Optimizer.adam(), 1e-3,
                        none.withL2(0.3).withWeightDecay(0.2), fixed),
                new Case(List.of("--lr-schedule", "exponential:0.5"), Optimizer.sgd(), 0.1, none,
                        LearningRateSchedule.parse("exponential:0.5")),
                new Case(List.of("--lr-schedule", "map:0=1,2=0.01", "--lr", 0.3), Optimizer.sgd(), 0.3, none,
                        LearningRateSchedule.parse("map:0=1,2=0.01")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachOptionTrainsAsTheApiDefinesIt(Case c) {
        List<Object> args = new java.util.ArrayList<>(c.args());
        args.addAll(List.of("--epochs", 3));

        Cli.Run run = train(args.toArray());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        double[] expected = fullBatch(c.optimizer(), c.eta(), c.regularization(), c.schedule(), 3);
        assertClose(trained(), expected);
        // Not the plain SGD of the article: the option made a difference.
        assertThat(Arrays.equals(expected, fullBatch(Optimizer.sgd(), 0.1, Regularization.NONE,
                LearningRateSchedule.FIXED, 3))).isFalse();
    }

    @Test
    void withoutLrTheHeaderLineGivesTheOptimizersDefaultRate() {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = Cli.run("train", "--model", model, "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("out.json"), "--epochs", 2, "--optimizer", "adam");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().skip(1).findFirst().orElseThrow()).startsWith("  adam (beta1 0.9, beta2 0.999, epsilon 1.0E-8), η = 0.001");
    }

    @Test
    void regularizationAddsThePenaltyOfEachEpochToTheJsonAndTheProgressLine() {
        Cli.Run run = train("--epochs", 2, "--l2", 0.3, "--l2-bias", 0.1);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode penalty = run.json().get("penalty");
        assertThat(penalty).hasSize(2);
        double[] p = trained();
        double weights = 0;
        double biases = 0;
        for (int k = 0; k < p.length; k++) {
            weights += k < WEIGHTS ? p[k] * p[k] : 0;
            biases += k < WEIGHTS ? 0 : p[k] * p[k];
        }
        assertThat(penalty.get(1).asDouble()).isCloseTo(0.5 * 0.3 * weights + 0.5 * 0.1 * biases, within(1e-12));

        Cli.Run text = Cli.run("train", "--model", dir.resolve("model.json"), "--data", dir.resolve("people.csv"),
                "--out", dir.resolve("out.json"), "--batch-size", "all", "--epochs", 2, "--l2", 0.3, "--l2-bias", 0.1,
                "--progress", "lines");
        assertThat(text.out()).contains(String.format(java.util.Locale.ROOT, "  epoch      2  loss %.6g  penalty %.6g",
                run.json().get("loss").get(1).asDouble(), penalty.get(1).asDouble()));
    }

    @Test
    void withoutRegularizationOrValidationTheJsonHoldsTheLossAlone() {
        Cli.Run run = train("--epochs", 2, "--optimizer", "adam");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().fieldNames()).toIterable().containsExactly("loss");
    }

    /** A bad command line and the one line it must be refused with. */
    record Refusal(List<Object> args, String line) {
        @Override
        public String toString() {
            return args.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElseThrow();
        }
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                new Refusal(List.of("--optimizer", "adm"), "Invalid value for option '--optimizer': optimizer: found"
                        + " \"adm\" (did you mean adam?); expected one of sgd, nesterov, adam, rmsprop, adagrad"),
                new Refusal(List.of("--beta1", 0.8), "--beta1 is a hyperparameter of adam, not of sgd; expected"
                        + " --optimizer adam, or no --beta1"),
                new Refusal(List.of("--optimizer", "sgd", "--beta2", 0.8), "--beta2 is a hyperparameter of adam, not of"
                        + " sgd; expected --optimizer adam, or no --beta2"),
                new Refusal(List.of("--optimizer", "nesterov", "--epsilon", 1e-6), "--epsilon is a hyperparameter of"
                        + " adam, rmsprop and adagrad, not of nesterov; expected --optimizer adam, rmsprop or adagrad,"
                        + " or no --epsilon"),
                new Refusal(List.of("--optimizer", "adam", "--momentum", 0.9), "--momentum is a hyperparameter of"
                        + " nesterov, not of adam; expected --optimizer nesterov, or no --momentum"),
                new Refusal(List.of("--optimizer", "adagrad", "--decay", 0.9), "--decay is a hyperparameter of"
                        + " rmsprop, not of adagrad; expected --optimizer rmsprop, or no --decay"),
                new Refusal(List.of("--optimizer", "adam", "--beta1", 1), "Invalid value for option '--beta1': adam"
                        + " beta1: found 1.0; expected a number in [0, 1)"),
                new Refusal(List.of("--optimizer", "adam", "--beta2", -0.1), "Invalid value for option '--beta2': adam"
                        + " beta2: found -0.1; expected a number in [0, 1)"),
                new Refusal(List.of("--optimizer", "adam", "--epsilon", 0), "Invalid value for option '--epsilon': adam"
                        + " epsilon: found 0.0; expected a positive, finite number"),
                new Refusal(List.of("--optimizer", "nesterov", "--momentum", 1.5), "Invalid value for option"
                        + " '--momentum': nesterov momentum: found 1.5; expected a number in [0, 1)"),
                new Refusal(List.of("--optimizer", "rmsprop", "--decay", 1), "Invalid value for option '--decay':"
                        + " rmsprop decay: found 1.0; expected a number in [0, 1)"),
                new Refusal(List.of("--optimizer", "adam", "--lr", 0), "Invalid value for option '--lr': learning"
                        + " rate: found 0.0; expected a positive, finite number such as 0.1"),
                new Refusal(List.of("--lr", -0.1), "Invalid value for option '--lr': learning rate: found -0.1;"
                        + " expected a positive, finite number such as 0.1"),
                new Refusal(List.of("--l2", -1), "Invalid value for option '--l2': regularization l2: found -1.0;"
                        + " expected zero or a positive, finite number"),
                new Refusal(List.of("--weight-decay-bias", -0.5), "Invalid value for option '--weight-decay-bias':"
                        + " regularization weightDecayBias: found -0.5; expected zero or a positive, finite number"),
                new Refusal(List.of("--lr-schedule", "step:0.5"), "Invalid value for option '--lr-schedule':"
                        + " learning-rate schedule: found \"step:0.5\"; expected step:DECAY:EVERY, exponential:GAMMA or"
                        + " map:COUNT=RATE,… (for example step:0.5:10), optionally ending in :epoch (the default) or"
                        + " :iteration"),
                new Refusal(List.of("--lr-schedule", "exponential:0"), "Invalid value for option '--lr-schedule':"
                        + " schedule exponential gamma: found 0.0; expected a positive, finite number"),
                new Refusal(List.of("--early-stopping", 3), "--early-stopping watches the validation loss and found no"
                        + " validation data; expected --validation FRACTION or --validation-data V.csv"),
                new Refusal(List.of("--validation", 0.5, "--early-stopping", 0), "Invalid value for option"
                        + " '--early-stopping': early stopping: found patience 0; expected at least 1 (epochs without"
                        + " improvement before stopping)"),
                new Refusal(List.of("--validation", 0.5, "--early-stopping", 2, "--min-delta", -1), "Invalid value for"
                        + " option '--min-delta': early stopping: found min delta -1.0; expected zero or a positive,"
                        + " finite number"),
                new Refusal(List.of("--validation", 0.5, "--min-delta", 0.1), "--min-delta is early stopping's;"
                        + " expected --early-stopping PATIENCE with it, or no --min-delta"),
                new Refusal(List.of("--validation", 0), "Invalid value for option '--validation': found 0.0; expected a"
                        + " fraction of the rows between 0 and 1, such as 0.2"),
                new Refusal(List.of("--validation", 1), "Invalid value for option '--validation': found 1.0; expected a"
                        + " fraction of the rows between 0 and 1, such as 0.2"),
                new Refusal(List.of("--validation", -0.2), "Invalid value for option '--validation': found -0.2;"
                        + " expected a fraction of the rows between 0 and 1, such as 0.2"),
                new Refusal(List.of("--validation", 0.2, "--validation-data", "v.csv"), "--validation and"
                        + " --validation-data both give validation data; expected one of them"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBadValueIsRefusedInOneLineBeforeAnythingIsWritten(Refusal refusal) {
        Cli.Run run = train(refusal.args().toArray());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("backprop: " + refusal.line() + " (see: backprop train --help)");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
