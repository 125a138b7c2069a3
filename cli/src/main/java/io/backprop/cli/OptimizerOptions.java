package io.backprop.cli;

import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.train.TrainingOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The optimizer, its hyperparameters, regularization and the learning-rate schedule of the commands
 * that train ({@code train}, {@code demo iris}, {@code check}) and of {@code explain}'s step. The
 * names, defaults and ranges are the API's ({@link Optimizer#of}, {@link Regularization},
 * {@link LearningRateSchedule#parse}); this class only ties each refusal to the option that caused it.
 */
final class OptimizerOptions {
    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "How each step turns the gradient into the update, as Deeplearning4j computes it: sgd, "
                    + "nesterov, adam, rmsprop or adagrad (default: sgd). Without --lr, the optimizer's default "
                    + "learning rate (DL4J's: 0.001 for adam, 0.1 for the others).")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "μ", description = "nesterov's momentum, in [0, 1) (default "
            + Optimizer.Nesterov.DEFAULT_MOMENTUM + ").")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "β1", description = "adam's β1, in [0, 1) (default "
            + Optimizer.Adam.DEFAULT_BETA1 + ").")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "β2", description = "adam's β2, in [0, 1) (default "
            + Optimizer.Adam.DEFAULT_BETA2 + ").")
    Double beta2;

    @Option(names = "--epsilon", paramLabel = "ε", description = "adam's, rmsprop's or adagrad's ε, positive "
            + "(default " + Optimizer.Adam.DEFAULT_EPSILON + ", " + Optimizer.RmsProp.DEFAULT_EPSILON + ", "
            + Optimizer.AdaGrad.DEFAULT_EPSILON + ").")
    Double epsilon;

    @Option(names = "--decay", paramLabel = "ρ", description = "rmsprop's decay of the mean square, in [0, 1) "
            + "(default " + Optimizer.RmsProp.DEFAULT_DECAY + ").")
    Double decay;

    @Option(names = "--l2", paramLabel = "λ", description = "L2 on the weights, added to the gradient before the "
            + "optimizer (default 0).")
    Double l2;

    @Option(names = "--l2-bias", paramLabel = "λ", description = "L2 on the biases (default 0).")
    Double l2Bias;

    @Option(names = "--weight-decay", paramLabel = "λ", description = "Weight decay on the weights, λ·η·θ added to "
            + "the optimizer's update (default 0).")
    Double weightDecay;

    @Option(names = "--weight-decay-bias", paramLabel = "λ", description = "Weight decay on the biases (default 0).")
    Double weightDecayBias;

    @Option(names = "--lr-schedule", paramLabel = "SPEC", description = "The learning rate by epoch: step:DECAY:EVERY "
            + "(step:0.5:10 halves it every 10 epochs), exponential:GAMMA or map:EPOCH=RATE,… (map:0=0.1,10=0.01); "
            + ":iteration at the end counts steps instead of epochs (default: fixed).")
    String schedule;

    /**
     * Sets the optimizer, the regularization and the schedule on {@code options}, refusing a bad value
     * as picocli refuses one, naming the option: an unknown optimizer, a hyperparameter the optimizer
     * does not have (saying which optimizers have it), a value out of its range.
     *
     * @return the optimizer chosen
     */
    Optimizer apply(CommandSpec command, TrainingOptions.Builder options) {
        Optimizer chosen = optimizer(command);
        options.optimizer(chosen);
        Regularization regularization = Regularization.NONE;
        regularization = regularized(command, "--l2", l2, regularization, Regularization::withL2);
        regularization = regularized(command, "--l2-bias", l2Bias, regularization, Regularization::withL2Bias);
        regularization = regularized(command, "--weight-decay", weightDecay, regularization,
                Regularization::withWeightDecay);
        regularization = regularized(command, "--weight-decay-bias", weightDecayBias, regularization,
                Regularization::withWeightDecayBias);
        options.regularization(regularization);
        if (schedule != null) {
            OptionValues.check(command, "--lr-schedule", () -> options.schedule(LearningRateSchedule.parse(schedule)));
        }
        return chosen;
    }

    /** Whether any of these options was given. */
    boolean anyGiven() {
        return optimizer != null || schedule != null || Stream.of(momentum, beta1, beta2, epsilon,
                decay, l2, l2Bias, weightDecay, weightDecayBias).anyMatch(Objects::nonNull);
    }

    /** The optimizer chosen, with the hyperparameters given; each refusal names the option given. */
    Optimizer optimizer(CommandSpec command) {
        String name = optimizer == null ? "sgd" : optimizer.trim().toLowerCase(Locale.ROOT);
        Map<String, Double> given = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        hyperparameter(given, options, "--momentum", "momentum", momentum);
        hyperparameter(given, options, "--beta1", "beta1", beta1);
        hyperparameter(given, options, "--beta2", "beta2", beta2);
        hyperparameter(given, options, "--epsilon", "epsilon", epsilon);
        hyperparameter(given, options, "--decay", "decay", decay);
        Optimizer defaults;
        try {
            defaults = Optimizer.of(name, Map.of());
        } catch (TrainingException e) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '--optimizer': "
                    + e.getMessage(), e);
        }
        for (Map.Entry<String, Double> entry : given.entrySet()) {
            String option = options.get(entry.getKey());
            if (!defaults.hyperparameters().containsKey(entry.getKey())) {
                List<String> takers = takers(entry.getKey());
                throw new ParameterException(command.commandLine(), option + " is a hyperparameter of "
                        + words(takers, "and") + ", not of " + name + "; expected --optimizer "
                        + words(takers, "or") + ", or no " + option);
            }
            OptionValues.check(command, option, () -> Optimizer.of(name, Map.of(entry.getKey(), entry.getValue())));
        }
        return Optimizer.of(name, given);
    }

    /** The optimizers that have the hyperparameter {@code name}, in the order the API lists them. */
    private static List<String> takers(String name) {
        return Optimizer.NAMES.stream().filter(n -> Optimizer.of(n, Map.of()).hyperparameters().containsKey(name))
                .toList();
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String words(List<String> names, String last) {
        int n = names.size();
        return n == 1 ? names.get(0) : String.join(", ", names.subList(0, n - 1)) + " " + last + " " + names.get(n - 1);
    }

    private static void hyperparameter(Map<String, Double> given, Map<String, String> options, String option,
            String name, Double value) {
        if (value != null) {
            given.put(name, value);
            options.put(name, option);
        }
    }

    private static Regularization regularized(CommandSpec command, String option, Double lambda,
            Regularization regularization, BiFunction<Regularization, Double, Regularization> with) {
        if (lambda == null) {
            return regularization;
        }
        Regularization[] result = {regularization};
        OptionValues.check(command, option, () -> result[0] = with.apply(regularization, lambda));
        return result[0];
    }
}
