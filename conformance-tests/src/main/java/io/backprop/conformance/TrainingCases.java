package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.data.DataSet;
import io.backprop.error.BackendException;
import io.backprop.error.SpecException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.LearningRateSchedule.Unit;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.EpochListener;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * What goes on around the optimizer's step, through the public API only:
 *
 * <ul>
 *   <li>{@code schedule.*}: each learning-rate schedule, by epoch and by iteration, across two fits whose
 *       counts go on, against the oracle's ({@link OracleOptimizer});
 *   <li>{@code training-state.*}: the state {@code trainingState()} reads equals the oracle's; set into a
 *       new network it continues as the uninterrupted run does; a second fit continues the first;
 *       the oracle continues it as the backend would; a state of another shape is refused;
 *   <li>{@code validation.*}: the validation losses and accuracies are the network's own at each epoch,
 *       and early stopping stops where the oracle's does, keeping the best epoch's parameters.
 * </ul>
 */
final class TrainingCases {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(2, Activation.SIGMOID, false).loss(Loss.MSE).build();
    /** Fits of the state cases: 6 rows in batches of 3, so two steps an epoch. */
    private static final int ROWS = 6;
    private static final int EPOCHS = 10;

    private TrainingCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>(schedules());
        cases.addAll(states());
        cases.addAll(validation());
        return cases;
    }

    // ---- schedule.* ----

    private static List<ConformanceCase> schedules() {
        TreeMap<Integer, Double> byEpoch = new TreeMap<>();
        byEpoch.put(0, 0.5);
        byEpoch.put(2, 0.2);
        byEpoch.put(5, 0.05);
        TreeMap<Integer, Double> byIteration = new TreeMap<>();
        byIteration.put(3, 0.4);
        byIteration.put(7, 0.1);
        byIteration.put(16, 0.3);
        List<LearningRateSchedule> schedules = List.of(
                new LearningRateSchedule.StepDecay(Unit.EPOCH, 0.5, 3),
                new LearningRateSchedule.StepDecay(Unit.ITERATION, 0.7, 5),
                new LearningRateSchedule.Exponential(Unit.EPOCH, 0.8),
                new LearningRateSchedule.Exponential(Unit.ITERATION, 0.95),
                new LearningRateSchedule.Mapped(Unit.EPOCH, byEpoch),
                new LearningRateSchedule.Mapped(Unit.ITERATION, byIteration));
        List<ConformanceCase> cases = new ArrayList<>();
        for (int s = 0; s < schedules.size(); s++) {
            LearningRateSchedule schedule = schedules.get(s);
            String kind = schedule.text().substring(0, schedule.text().indexOf(':'));
            String id = "schedule." + kind + ".by-" + schedule.unit().name().toLowerCase(java.util.Locale.ROOT);
            Optimizer optimizer = s % 2 == 0 ? Optimizer.sgd() : Optimizer.nesterov();
            String title = "two fits of 4 epochs of " + optimizer.name() + " from η₀ = 0.5 under " + schedule.text()
                    + " (3 steps an epoch) on " + SPEC + " take the oracle's rates, the counts going on";
            int seed = s;
            cases.add(new SimpleCase(id, title, List.of(SPEC), backend -> schedule(backend, schedule, optimizer, seed))
                    .notes("two fits of 4 epochs, 6 rows in batches of 2, end each with the parameters and report the"
                            + " losses the oracle gives when each step's η is the schedule's at the network's"
                            + " epoch or iteration count before the step, both counted from 0 and going on across"
                            + " the two fits",
                            Notes.allowed("parameters", Kind.TRAJECTORY, "losses", Kind.TRAJECTORY),
                            "the count the schedule reads (epochs completed or steps taken before the step, not"
                            + " from 1), that counts go on across fits, ⌊count/every⌋ of the step schedule, the"
                            + " map's last entry at or below the count (the base rate before its first)"));
        }
        return cases;
    }

    private static void schedule(Backend backend, LearningRateSchedule schedule, Optimizer optimizer, int seed) {
        Random random = new Random(0xC0FFEEL + seed);
        Parameters start = GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(SPEC, random.nextLong()), 0.7);
        DataSet data = GeneratedNetworks.data(random, SPEC, ROWS, 1);
        TrainingOptions options = TrainingOptions.builder().optimizer(optimizer).learningRate(0.5).schedule(schedule)
                .epochs(4).batchSize(BatchSize.of(2)).build();
        Network network = backend.create(SPEC, start);
        OracleOptimizer oracle = OracleOptimizer.untrained(SPEC, start);
        for (int fit = 1; fit <= 2; fit++) {
            TrainingResult result = network.fit(data, options);
            OracleOptimizer.Run expected = oracle.fit(data, options);
            Check.parameters("parameters after fit " + fit, network.parameters(), oracle.parameters(),
                    Tolerances.TRAJECTORY);
            OptimizerCases.losses(result, expected);
        }
    }

    // ---- training-state.* ----

    private static List<Optimizer> stateful() {
        return List.of(Optimizer.nesterov(), Optimizer.adam(), Optimizer.rmsprop(), Optimizer.adagrad());
    }

    private static double rate(Optimizer optimizer) {
        return optimizer instanceof Optimizer.Adam || optimizer instanceof Optimizer.RmsProp ? 0.01 : 0.1;
    }

    private static List<ConformanceCase> states() {
        List<ConformanceCase> cases = new ArrayList<>();
        String look = "where the backend keeps the optimizer's state and how optimizerStateChecked and"
                + " setOptimizerStateChecked map it to the API's layout (one Parameters per state name, weights"
                + " [j][i]), and that fit keeps the state and the counts rather than starting afresh";
        for (Optimizer optimizer : stateful()) {
            String name = optimizer.name();
            String of = " of " + name + " (η = " + rate(optimizer) + ", 6 rows in batches of 3) on " + SPEC;
            cases.add(new StateCase("training-state." + name + ".read", "trainingState() after " + EPOCHS
                    + " epochs" + of + " is the oracle's", List.of(SPEC), backend -> read(backend, optimizer)).notes(
                    "after a fit of " + EPOCHS + " epochs, trainingState() names the optimizer, counts the steps and"
                    + " epochs, and holds each state (" + String.join(", ", optimizer.stateNames()) + ") as the"
                    + " oracle's optimizer left it, value by value",
                    Notes.allowed("each state", Kind.TRAJECTORY, "counts", Kind.IDENTICAL), look));
            cases.add(new StateCase("training-state." + name + ".set-into-a-new-network", "a new network given the"
                    + " parameters and trainingState() after " + EPOCHS + " epochs" + of + " goes on as the"
                    + " uninterrupted run", List.of(SPEC), backend -> setIntoNew(backend, optimizer)).notes(
                    "fit " + EPOCHS + " epochs; a new network of the same backend, given the parameters and"
                    + " setTrainingState(trainingState()), fits " + EPOCHS + " more and ends where one fit of "
                    + 2 * EPOCHS + " epochs ends, and its counts are the uninterrupted run's",
                    Notes.allowed("parameters", Kind.TRAJECTORY, "counts", Kind.IDENTICAL), look));
            cases.add(new StateCase("training-state." + name + ".second-fit-continues", "fit " + EPOCHS + " + fit "
                    + EPOCHS + " equals fit " + 2 * EPOCHS + of, List.of(SPEC),
                    backend -> secondFit(backend, optimizer)).notes(
                    "two fits of " + EPOCHS + " epochs on one network end where one fit of " + 2 * EPOCHS + " epochs"
                    + " ends: the second goes on from the first's optimizer state and counts",
                    Notes.allowed("parameters", Kind.TRAJECTORY, "counts", Kind.IDENTICAL), look));
            cases.add(new StateCase("training-state." + name + ".resumed-by-the-oracle", "the oracle, going on from"
                    + " the backend's parameters and trainingState() after " + EPOCHS + " epochs" + of + ", ends"
                    + " where the backend's uninterrupted run ends", List.of(SPEC),
                    backend -> resumedByTheOracle(backend, optimizer)).notes(
                    "fit " + EPOCHS + " epochs; the oracle's optimizer, given the parameters and trainingState(),"
                    + " fits " + EPOCHS + " more and ends where the backend's one fit of " + 2 * EPOCHS + " epochs"
                    + " ends: the state the backend reports is the state it trains with, so training can move"
                    + " between backends",
                    Notes.allowed("parameters", Kind.TRAJECTORY), look));
        }
        cases.add(new StateCase("training-state.another-shape-refused", "setTrainingState with Adam's state of"
                + " another network's shape is refused, naming the state", List.of(SPEC), TrainingCases::refused).notes(
                "setTrainingState(state) whose m and v have the shape of another spec's parameters throws a"
                + " SpecException whose message names the state (training state \"m\")",
                "none: the exception and its message are checked, not numbers",
                "setTrainingState: check the state against the spec (TrainingState.checkFits) before taking it"));
        return cases;
    }

    /**
     * A training-state case, which does not apply to a backend whose networks keep no training state: the
     * API lets a {@link Network} refuse {@code trainingState()} with a {@link BackendException}.
     */
    private record StateCase(SimpleCase inner) implements ConformanceCase {
        StateCase(String id, String title, List<NetworkSpec> specs, java.util.function.Consumer<Backend> body) {
            this(new SimpleCase(id, title, specs, body));
        }

        StateCase notes(String checks, String tolerance, String lookAt) {
            return new StateCase(inner.notes(checks, tolerance, lookAt));
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public String title() {
            return inner.title();
        }

        @Override
        public String checks() {
            return inner.checks();
        }

        @Override
        public String tolerance() {
            return inner.tolerance();
        }

        @Override
        public String lookAt() {
            return inner.lookAt();
        }

        @Override
        public List<NetworkSpec> specs() {
            return inner.specs();
        }

        @Override
        public Optional<String> notApplicable(Backend backend) {
            try {
                backend.create(SPEC, start(0)).trainingState();
                return Optional.empty();
            } catch (BackendException e) {
                return Optional.of("the backend's networks keep no training state: " + e.getMessage());
            }
        }

        @Override
        public void run(Backend backend) {
            inner.run(backend);
        }
    }

    private static Parameters start(int seed) {
        return GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(SPEC, 0xBADCAFEL + seed), 0.7);
    }

    private static DataSet data(int seed) {
        return GeneratedNetworks.data(new Random(0xFACADEL + seed), SPEC, ROWS, 1);
    }

    private static TrainingOptions options(Optimizer optimizer, int epochs) {
        return TrainingOptions.builder().optimizer(optimizer).learningRate(rate(optimizer)).epochs(epochs)
                .batchSize(BatchSize.of(3)).build();
    }

    private static void read(Backend backend, Optimizer optimizer) {
        Network network = backend.create(SPEC, start(1));
        network.fit(data(1), options(optimizer, EPOCHS));
        OracleOptimizer oracle = OracleOptimizer.untrained(SPEC, start(1));
        oracle.fit(data(1), options(optimizer, EPOCHS));
        TrainingState actual = network.trainingState();
        TrainingState expected = oracle.trainingState();
        if (!actual.optimizer().equals(optimizer)) {
            throw new ConformanceFailure("trainingState().optimizer()", Double.NaN, "got " + actual.optimizer()
                    + ", expected " + optimizer, 0);
        }
        counts("trainingState()", actual, expected.iteration(), expected.epoch());
        for (String name : optimizer.stateNames()) {
            Check.parameters("state \"" + name + "\"", actual.state(name), expected.state(name),
                    Tolerances.TRAJECTORY);
        }
    }

    private static void setIntoNew(Backend backend, Optimizer optimizer) {
        Network first = backend.create(SPEC, start(2));
        first.fit(data(2), options(optimizer, EPOCHS));
        Network second = backend.create(SPEC, first.parameters());
        second.setTrainingState(first.trainingState());
        second.fit(data(2), options(optimizer, EPOCHS));
        Network uninterrupted = backend.create(SPEC, start(2));
        uninterrupted.fit(data(2), options(optimizer, 2 * EPOCHS));
        Check.parameters("parameters of the new network after " + EPOCHS + " more epochs", second.parameters(),
                uninterrupted.parameters(), Tolerances.TRAJECTORY);
        TrainingState expected = uninterrupted.trainingState();
        counts("the new network's trainingState()", second.trainingState(), expected.iteration(), expected.epoch());
    }

    private static void secondFit(Backend backend, Optimizer optimizer) {
        Network network = backend.create(SPEC, start(3));
        network.fit(data(3), options(optimizer, EPOCHS));
        network.fit(data(3), options(optimizer, EPOCHS));
        Network uninterrupted = backend.create(SPEC, start(3));
        uninterrupted.fit(data(3), options(optimizer, 2 * EPOCHS));
        Check.parameters("parameters after fit " + EPOCHS + " + fit " + EPOCHS, network.parameters(),
                uninterrupted.parameters(), Tolerances.TRAJECTORY);
        counts("trainingState() after two fits", network.trainingState(), 4L * EPOCHS, 2 * EPOCHS);
    }

    private static void resumedByTheOracle(Backend backend, Optimizer optimizer) {
        Network network = backend.create(SPEC, start(4));
        network.fit(data(4), options(optimizer, EPOCHS));
        OracleOptimizer oracle = OracleOptimizer.resuming(SPEC, network.parameters(), network.trainingState());
        oracle.fit(data(4), options(optimizer, EPOCHS));
        Network uninterrupted = backend.create(SPEC, start(4));
        uninterrupted.fit(data(4), options(optimizer, 2 * EPOCHS));
        Check.parameters("the oracle's parameters after " + EPOCHS + " more epochs, against the backend's "
                + 2 * EPOCHS, oracle.parameters(), uninterrupted.parameters(), Tolerances.TRAJECTORY);
    }

    private static void counts(String what, TrainingState actual, long iteration, int epoch) {
        if (actual.iteration() != iteration || actual.epoch() != epoch) {
            throw new ConformanceFailure(what + " counts", Double.NaN, "got iteration " + actual.iteration()
                    + " and epoch " + actual.epoch() + ", expected " + iteration + " and " + epoch, 0);
        }
    }

    private static void refused(Backend backend) {
        NetworkSpec other = NetworkSpec.builder(3).layer(5, Activation.TANH).layer(2, Activation.SIGMOID, false)
                .loss(Loss.MSE).build();
        TrainingState state = TrainingState.starting(Optimizer.adam(), other, 4, 2);
        Network network = backend.create(SPEC, start(5));
        String what = "setTrainingState with Adam's state for " + other;
        try {
            network.setTrainingState(state);
        } catch (SpecException e) {
            if (e.getMessage() != null && e.getMessage().contains("training state \"m\"")) {
                return;
            }
            throw new ConformanceFailure(what, Double.NaN, "threw a SpecException saying \"" + e.getMessage()
                    + "\"; expected one naming the state (training state \"m\")", 0);
        } catch (RuntimeException e) {
            throw new ConformanceFailure(what, Double.NaN, "threw " + e + "; expected a SpecException", 0);
        }
        throw new ConformanceFailure(what, Double.NaN, "was accepted; expected a SpecException", 0);
    }

    // ---- validation.* ----

    private static final NetworkSpec CLASSES = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(3, Activation.SOFTMAX).loss(Loss.XENT).build();
    private static final NetworkSpec LINEAR = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.MSE)
            .build();
    private static final NetworkSpec HIDDEN = NetworkSpec.builder(2).layer(3, Activation.TANH)
            .layer(1, Activation.IDENTITY).loss(Loss.MSE).build();

    private static List<ConformanceCase> validation() {
        List<ConformanceCase> cases = new ArrayList<>();
        String look = "that the validation loss is computed with the parameters as they are after the epoch, with"
                + " the data loss's own formula (no penalty), beside every computed training loss";
        for (NetworkSpec spec : List.of(SPEC, CLASSES)) {
            String id = "validation.figures." + spec.loss().id();
            cases.add(new SimpleCase(id, "the validation losses" + (spec == CLASSES ? " and accuracies" : "")
                    + " of 6 epochs of adam on " + spec + " are the network's own, and the oracle's",
                    List.of(spec), backend -> figures(backend, spec)).notes(
                    "fit with validation data reports, after each epoch, the validation loss that network.loss"
                    + " (validation) gives then (asked from the epoch listener), the share of validation rows whose"
                    + " class network.predict gets right when the targets are classes, and the oracle's validation"
                    + " losses",
                    Notes.allowed("against the network's own loss", Kind.LOSSES, "against the oracle", Kind.TRAJECTORY,
                            "accuracies", Kind.IDENTICAL), look));
        }
        cases.add(new SimpleCase("validation.early-stopping.patience-3", "early stopping with patience 3 on a linear"
                + " network whose validation loss turns back up stops where the oracle's stops and keeps the best"
                + " epoch", List.of(LINEAR), backend -> earlyStopping(backend, LINEAR, Optimizer.sgd(), 3, 0))
                .notes(earlyChecks(), earlyTolerance(), earlyLook()));
        cases.add(new SimpleCase("validation.early-stopping.min-delta", "early stopping with patience 2 and min delta"
                + " 1e-3 under nesterov on " + HIDDEN + " stops where the oracle's stops and keeps the best epoch",
                List.of(HIDDEN), backend -> earlyStopping(backend, HIDDEN, Optimizer.nesterov(), 2, 1e-3))
                .notes(earlyChecks(), earlyTolerance(), earlyLook()));
        return cases;
    }

    private static String earlyChecks() {
        return "fit with validation data and early stopping stops after the epoch the oracle's rule stops at (a"
                + " validation loss improves when it is below the best by more than min delta; patience losses"
                + " without improvement stop the run), says it stopped early, keeps the best epoch (keptEpoch) and"
                + " ends with that epoch's parameters, which the oracle's run of that many epochs gives";
    }

    private static String earlyTolerance() {
        return Notes.allowed("parameters and validation losses", Kind.TRAJECTORY, "epochs, keptEpoch", Kind.IDENTICAL);
    }

    private static String earlyLook() {
        return "the comparison with the best (strictly below best − min delta), the count of losses without"
                + " improvement, going back to the best epoch's parameters at the end";
    }

    private static void figures(Backend backend, NetworkSpec spec) {
        Random random = new Random(spec.outputs());
        Parameters start = GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), 0.7);
        DataSet data = GeneratedNetworks.data(random, spec, 8, 1);
        DataSet validation = GeneratedNetworks.data(random, spec, 5, 1);
        Network network = backend.create(spec, start);
        List<Double> ownLosses = new ArrayList<>();
        List<Double> ownAccuracies = new ArrayList<>();
        TrainingOptions options = TrainingOptions.builder().optimizer(Optimizer.adam()).learningRate(0.02).epochs(6)
                .batchSize(BatchSize.of(3)).validation(validation).listener(new EpochListener() {
                    @Override
                    public TrainingDecision onEpoch(int epoch, double loss) {
                        ownLosses.add(network.loss(validation));
                        ownAccuracies.add(accuracy(network.predict(validation), validation));
                        return TrainingDecision.CONTINUE;
                    }
                }).build();
        TrainingResult result = network.fit(data, options);
        OracleOptimizer oracle = OracleOptimizer.untrained(spec, start);
        OracleOptimizer.Run expected = oracle.fit(data, options);
        double[] reported = result.validationLosses();
        Check.value("number of validation losses", reported.length, ownLosses.size(), 0);
        for (int k = 0; k < reported.length; k++) {
            Check.value("validation loss after epoch " + (k + 1) + ", against network.loss(validation)", reported[k],
                    ownLosses.get(k), Tolerances.LOSSES);
            Check.value("validation loss after epoch " + (k + 1) + ", against the oracle", reported[k],
                    expected.validationLosses()[k], Tolerances.TRAJECTORY);
        }
        double[] accuracies = result.validationAccuracies();
        Check.value("number of validation accuracies", accuracies.length, spec == CLASSES ? reported.length : 0, 0);
        for (int k = 0; k < accuracies.length; k++) {
            Check.value("validation accuracy after epoch " + (k + 1), accuracies[k], ownAccuracies.get(k), 0);
        }
    }

    /** The share of rows whose largest output is their target's largest. */
    private static double accuracy(double[][] outputs, DataSet data) {
        int right = 0;
        for (int r = 0; r < outputs.length; r++) {
            if (largest(outputs[r]) == largest(data.targetRow(r))) {
                right++;
            }
        }
        return (double) right / outputs.length;
    }

    private static int largest(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void earlyStopping(Backend backend, NetworkSpec spec, Optimizer optimizer, int patience,
                                      double minDelta) {
        Random random = new Random(patience);
        Parameters start = GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), 0.1);
        // Training targets x1 + x2, validation targets half that: from small weights the validation loss falls,
        // then rises as the network goes past it towards the training targets.
        DataSet data = sums(random, 10, 1);
        DataSet validation = sums(random, 6, 0.5);
        TrainingOptions options = TrainingOptions.builder().optimizer(optimizer).learningRate(0.05).epochs(200)
                .batchSize(BatchSize.of(5)).validation(validation).earlyStopping(patience, minDelta).build();
        Network network = backend.create(spec, start);
        TrainingResult result = network.fit(data, options);
        OracleOptimizer oracle = OracleOptimizer.untrained(spec, start);
        OracleOptimizer.Run expected = oracle.fit(data, options);
        if (!expected.stoppedEarly()) {
            throw new IllegalStateException("the kit's early-stopping case does not stop early on the oracle");
        }
        if (result.epochs() != expected.epochs() || result.keptEpoch() != expected.keptEpoch()
                || result.stoppedEarly() != expected.stoppedEarly()) {
            throw new ConformanceFailure("early stopping", Double.NaN, "ran " + result.epochs() + " epochs"
                    + (result.stoppedEarly() ? ", stopped early" : "") + ", kept epoch " + result.keptEpoch()
                    + "; expected " + expected.epochs() + " epochs, stopped early, kept epoch " + expected.keptEpoch(),
                    0);
        }
        double[] reported = result.validationLosses();
        Check.value("number of validation losses", reported.length, expected.validationLosses().length, 0);
        for (int k = 0; k < reported.length; k++) {
            Check.value("validation loss after epoch " + (k + 1), reported[k], expected.validationLosses()[k],
                    Tolerances.TRAJECTORY);
        }
        Check.parameters("parameters kept (epoch " + expected.keptEpoch() + ")", network.parameters(),
                oracle.parameters(), Tolerances.TRAJECTORY);
    }

    /** {@code rows} rows of two standard normal inputs whose target is {@code scale·(x1 + x2)}. */
    private static DataSet sums(Random random, int rows, double scale) {
        double[][] x = new double[rows][2];
        double[][] y = new double[rows][1];
        for (int r = 0; r < rows; r++) {
            x[r][0] = random.nextGaussian();
            x[r][1] = random.nextGaussian();
            y[r][0] = scale * (x[r][0] + x[r][1]);
        }
        return DataSet.of(x, y);
    }
}
