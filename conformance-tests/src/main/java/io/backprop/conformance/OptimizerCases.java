package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.data.DataSet;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
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
import java.util.Random;

/**
 * The optimizers and regularization of {@link io.backprop.optimizer}, through {@code fit} only.
 *
 * <p>{@code optimizer.step.*}: two steps (one batch of every row, two epochs) of each optimizer, with
 * hyperparameters other than DL4J's defaults, alone and with each regularizer, against the step's
 * closed form written out here from the definitions, on the gradient the backend's own
 * {@code gradients()} gives before each step; the second step makes the state matter.
 *
 * <p>{@code optimizer.trajectory.*}: 200 steps against the oracle's optimizers ({@link OracleOptimizer}),
 * nothing of the backend trusted: every optimizer under every regularizer as one batch of 8 rows, and
 * every optimizer at batch sizes 1 and 3, in order and shuffled, the regularizer rotating.
 */
final class OptimizerCases {
    /** The regularizers of the step cases, by the name their ids give them. */
    private static final List<String> REGULARIZER_NAMES = List.of("plain", "l2", "l2-bias", "decay", "decay-without-lr");
    private static final List<Regularization> REGULARIZERS = List.of(
            Regularization.NONE,
            Regularization.l2(0.01),
            Regularization.l2(0.01).withL2Bias(0.02),
            Regularization.weightDecay(0.01).withWeightDecayBias(0.02),
            Regularization.weightDecay(0.05).withWeightDecayBias(0.03).withWeightDecayWithLearningRate(false));
    private static final int TRAJECTORY_STEPS = 200;
    private static final long SHUFFLE_SEED = 11;

    private OptimizerCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>(steps());
        cases.addAll(trajectories());
        return cases;
    }

    // ---- optimizer.step.* ----

    /** Each optimizer with hyperparameters other than DL4J's defaults, so that a backend ignoring them is seen. */
    private static List<Optimizer> stepOptimizers() {
        return List.of(Optimizer.sgd(), new Optimizer.Nesterov(0.8), new Optimizer.Adam(0.8, 0.99, 1e-7),
                new Optimizer.RmsProp(0.9, 1e-6), new Optimizer.AdaGrad(1e-4));
    }

    private static double stepRate(Optimizer optimizer) {
        return switch (optimizer.name()) {
            case "sgd" -> 0.3;
            case "nesterov" -> 0.2;
            case "adam" -> 0.05;
            case "rmsprop" -> 0.02;
            default -> 0.1;
        };
    }

    static final NetworkSpec STEP_SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(3, Activation.RELU, false).layer(2, Activation.SIGMOID).loss(Loss.MSE).build();

    private static List<ConformanceCase> steps() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (Optimizer optimizer : stepOptimizers()) {
            for (int r = 0; r < REGULARIZERS.size(); r++) {
                Regularization regularization = REGULARIZERS.get(r);
                double rate = stepRate(optimizer);
                String id = "optimizer.step." + optimizer.name() + "." + REGULARIZER_NAMES.get(r);
                String title = "two steps of " + optimizer + " at η = " + rate
                        + (regularization.isNone() ? "" : " with " + regularization) + " on " + STEP_SPEC
                        + " equal the closed form";
                int seed = cases.size();
                cases.add(new SimpleCase(id, title, List.of(STEP_SPEC),
                        backend -> twoSteps(backend, optimizer, regularization, rate, seed)).notes(
                        "fit of two epochs of one batch (5 rows) gives, after each step, θ − u where u is written out"
                        + " in the case from the definitions (L2 added to the gradient, the optimizer's update from"
                        + " its state, weight decay added to the update, with η or without), on the gradient the"
                        + " backend's gradients() gives just before the step; the second step uses the state the"
                        + " first left",
                        Notes.allowed("parameters after each step", Kind.OPTIMIZER_STEP),
                        "the optimizer's update and where its state starts (RMSProp's s at ε, AdaGrad's h at 1e-6,"
                        + " the others at 0), Adam's bias correction from the iteration count t (0 at the first"
                        + " step), ε outside the square root, the hyperparameters given rather than defaults, L2"
                        + " before the update and weight decay after it, each on weights and, with its bias"
                        + " coefficient, on biases"));
            }
        }
        return cases;
    }

    private static void twoSteps(Backend backend, Optimizer optimizer, Regularization regularization, double rate,
                                 int seed) {
        Random random = new Random(0x5DEECE66DL + seed);
        Parameters start = GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(STEP_SPEC, random.nextLong()),
                0.7);
        DataSet data = GeneratedNetworks.data(random, STEP_SPEC, 5, 1);
        Network network = backend.create(STEP_SPEC, start);
        Parameters firstGradient = network.gradients(data);
        Parameters[] afterFirst = new Parameters[2];
        TrainingOptions options = TrainingOptions.builder().optimizer(optimizer).regularization(regularization)
                .learningRate(rate).epochs(2).batchSize(BatchSize.ALL).listener(new EpochListener() {
                    @Override
                    public TrainingDecision onEpoch(int epoch, double loss) {
                        if (epoch == 1) {
                            afterFirst[0] = network.parameters();
                            afterFirst[1] = network.gradients(data);
                        }
                        return TrainingDecision.CONTINUE;
                    }
                }).build();
        network.fit(data, options);
        Parameters afterSecond = network.parameters();

        boolean[] bias = OracleOptimizer.biasMask(STEP_SPEC);
        double[] theta = OracleOptimizer.flat(start);
        double[] g = OracleOptimizer.flat(firstGradient);
        double[][] state = initialState(optimizer, theta.length);
        double[] expected = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            expected[k] = closedForm(optimizer, regularization, bias[k], rate, 0, theta[k], g[k], state, k);
        }
        Check.parameters("parameters after step 1 of " + optimizer.name(), afterFirst[0],
                OracleOptimizer.unflat(STEP_SPEC, expected), Tolerances.OPTIMIZER_STEP);
        theta = OracleOptimizer.flat(afterFirst[0]);
        g = OracleOptimizer.flat(afterFirst[1]);
        for (int k = 0; k < theta.length; k++) {
            expected[k] = closedForm(optimizer, regularization, bias[k], rate, 1, theta[k], g[k], state, k);
        }
        Check.parameters("parameters after step 2 of " + optimizer.name(), afterSecond,
                OracleOptimizer.unflat(STEP_SPEC, expected), Tolerances.OPTIMIZER_STEP);
    }

    /** The state before the first step, as the definitions start it. */
    private static double[][] initialState(Optimizer optimizer, int n) {
        double[][] state = new double[2][n];
        if (optimizer instanceof Optimizer.RmsProp p) {
            java.util.Arrays.fill(state[0], p.epsilon());
        } else if (optimizer instanceof Optimizer.AdaGrad) {
            java.util.Arrays.fill(state[0], 1e-6);
        }
        return state;
    }

    /**
     * θ after one step, for one value: {@code theta} with gradient {@code g}, {@code t} steps before this
     * one, advancing {@code state[s][k]}.
     */
    private static double closedForm(Optimizer optimizer, Regularization r, boolean bias, double eta, long t,
                                     double theta, double g, double[][] state, int k) {
        double grad = g + (bias ? r.l2Bias() : r.l2()) * theta;
        double u;
        if (optimizer instanceof Optimizer.Nesterov n) {
            // v' = μv − ηg; u = μv − (1 + μ)v'
            double v = state[0][k];
            double next = n.momentum() * v - eta * grad;
            u = n.momentum() * v - (1 + n.momentum()) * next;
            state[0][k] = next;
        } else if (optimizer instanceof Optimizer.Adam a) {
            // m = β1m + (1 − β1)g; v = β2v + (1 − β2)g²; α = η√(1 − β2^(t+1))/(1 − β1^(t+1)); u = αm/(√v + ε)
            double m = a.beta1() * state[0][k] + (1 - a.beta1()) * grad;
            double v = a.beta2() * state[1][k] + (1 - a.beta2()) * grad * grad;
            double alpha = eta * Math.sqrt(1 - Math.pow(a.beta2(), t + 1)) / (1 - Math.pow(a.beta1(), t + 1));
            u = alpha * m / (Math.sqrt(v) + a.epsilon());
            state[0][k] = m;
            state[1][k] = v;
        } else if (optimizer instanceof Optimizer.RmsProp p) {
            // s = ρs + (1 − ρ)g², s starting at ε; u = ηg/(√s + ε)
            double s = p.decay() * state[0][k] + (1 - p.decay()) * grad * grad;
            u = eta * grad / (Math.sqrt(s) + p.epsilon());
            state[0][k] = s;
        } else if (optimizer instanceof Optimizer.AdaGrad a) {
            // h = h + g², h starting at 1e-6; u = ηg/(√h + ε)
            double h = state[0][k] + grad * grad;
            u = eta * grad / (Math.sqrt(h) + a.epsilon());
            state[0][k] = h;
        } else {
            u = eta * grad;
        }
        double lambda = bias ? r.weightDecayBias() : r.weightDecay();
        u += (r.weightDecayWithLearningRate() ? lambda * eta : lambda) * theta;
        return theta - u;
    }

    // ---- optimizer.trajectory.* ----

    /**
     * DL4J's defaults, each at a learning rate that trains these small networks without diverging. RMSProp's
     * is 1e-3: near a minimum its step η·g/√s grows as s decays, which amplifies rounding (at 1e-2 one
     * batch of 20 rows drifted 1e-2 from the same run in another summation order within 200 steps). AdaGrad's
     * is 0.05: at 0.1, on one batch of 20 rows, the kit's sound float32 test backend drifted 3.8e-3 from the
     * oracle within 200 steps, 8 times the float32 profile's tolerance, while float64 backends agreed.
     */
    private static List<Optimizer> trajectoryOptimizers() {
        return List.of(Optimizer.sgd(), Optimizer.nesterov(), Optimizer.adam(), Optimizer.rmsprop(),
                Optimizer.adagrad());
    }

    private static double trajectoryRate(Optimizer optimizer) {
        return switch (optimizer.name()) {
            case "sgd" -> 0.1;
            case "adagrad" -> 0.05;
            case "nesterov" -> 0.05;
            case "rmsprop" -> 0.001;
            default -> 0.01;
        };
    }

    /** The regularizers of the trajectories: L2 and weight decay each on weights and biases, decay with η or not. */
    private static final List<String> TRAJECTORY_REGULARIZER_NAMES = List.of("plain", "l2", "decay", "decay-without-lr");
    private static final List<Regularization> TRAJECTORY_REGULARIZERS = List.of(
            Regularization.NONE,
            Regularization.l2(0.01).withL2Bias(0.005),
            Regularization.weightDecay(0.02).withWeightDecayBias(0.01),
            Regularization.weightDecay(0.001).withWeightDecayBias(0.002).withWeightDecayWithLearningRate(false));

    /** The network of an optimizer's trajectories: each optimizer under another loss and output. */
    private static NetworkSpec trajectorySpec(int o) {
        NetworkSpec.Builder builder = NetworkSpec.builder(3).layer(5, o % 2 == 0 ? Activation.TANH : Activation.SIGMOID,
                o != 3);
        return switch (o) {
            case 0 -> builder.layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
            case 1 -> builder.layer(3, Activation.SOFTMAX).loss(Loss.XENT).build();
            case 2 -> builder.layer(2, Activation.IDENTITY).loss(Loss.SSE).build();
            case 3 -> builder.layer(2, Activation.SIGMOID).loss(Loss.XENT).build();
            default -> builder.layer(2, Activation.TANH).loss(Loss.MSE).build();
        };
    }

    /** A batch size, the rows, and the epochs that make {@link #TRAJECTORY_STEPS} steps. */
    private record Schedule(BatchSize batch, int rows, int epochs) {
    }

    private static List<ConformanceCase> trajectories() {
        List<ConformanceCase> cases = new ArrayList<>();
        List<Optimizer> optimizers = trajectoryOptimizers();
        Schedule all = new Schedule(BatchSize.ALL, 8, TRAJECTORY_STEPS);
        for (int o = 0; o < optimizers.size(); o++) {
            for (int r = 0; r < TRAJECTORY_REGULARIZERS.size(); r++) {
                cases.add(trajectory(optimizers.get(o), o, r, all, false));
            }
        }
        List<Schedule> small = List.of(new Schedule(BatchSize.of(1), 10, 20), new Schedule(BatchSize.of(3), 14, 40));
        for (int o = 0; o < optimizers.size(); o++) {
            for (int b = 0; b < small.size(); b++) {
                for (int shuffled = 0; shuffled < 2; shuffled++) {
                    int r = (o + 2 * b + shuffled) % TRAJECTORY_REGULARIZERS.size();
                    cases.add(trajectory(optimizers.get(o), o, r, small.get(b), shuffled == 1));
                }
            }
        }
        return cases;
    }

    private static ConformanceCase trajectory(Optimizer optimizer, int o, int r, Schedule schedule, boolean shuffled) {
        NetworkSpec spec = trajectorySpec(o);
        Regularization regularization = TRAJECTORY_REGULARIZERS.get(r);
        // sse, which sums over the rows, goes with Adam, whose step does not grow with the gradient's scale.
        double rate = trajectoryRate(optimizer);
        String id = "optimizer.trajectory." + optimizer.name() + "." + TRAJECTORY_REGULARIZER_NAMES.get(r) + ".batch-"
                + schedule.batch() + (shuffled ? ".shuffled" : ".in-order");
        String title = TRAJECTORY_STEPS + " steps of " + optimizer.name() + " at η = " + rate
                + (regularization.isNone() ? "" : " with " + regularization) + ", batch size " + schedule.batch() + " ("
                + schedule.rows() + " rows, " + schedule.epochs() + " epochs" + (shuffled ? ", shuffled with seed "
                + SHUFFLE_SEED : "") + ") on " + spec + " land where the oracle's " + optimizer.name() + " lands";
        long seed = 31L * (o + 1) + 7L * r + (schedule.rows() << 8) + (shuffled ? 1 : 0);
        return new SimpleCase(id, title, List.of(spec),
                backend -> runTrajectory(backend, spec, optimizer, regularization, rate, schedule, shuffled, seed))
                .notes("fit of " + TRAJECTORY_STEPS + " steps ends with the parameters, and reports the losses and the"
                        + " regularization's penalties, that"
                        + " the kit oracle's own optimizers (written again from the definitions,"
                        + " sharing no code with the API's) give with the oracle's own gradients; nothing of the"
                        + " backend is trusted",
                        Notes.allowed("parameters", Kind.TRAJECTORY, "losses and penalties", Kind.TRAJECTORY),
                        "the optimizer's state over many steps, Adam's bias correction from the network's iteration"
                        + " count across epochs, the regularization's place in the step; then optimizer.step.* and"
                        + " trajectory.oracle.*, which isolate the step and the batches");
    }

    private static void runTrajectory(Backend backend, NetworkSpec spec, Optimizer optimizer,
                                      Regularization regularization, double rate, Schedule schedule, boolean shuffled,
                                      long seed) {
        Random random = new Random(seed);
        Parameters start = GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), 0.5);
        DataSet data = GeneratedNetworks.data(random, spec, schedule.rows(), 1);
        TrainingOptions.Builder builder = TrainingOptions.builder().optimizer(optimizer).regularization(regularization)
                .learningRate(rate).epochs(schedule.epochs()).batchSize(schedule.batch())
                .lossEvery(schedule.epochs() / 10);
        if (shuffled) {
            builder.shuffle(SHUFFLE_SEED);
        }
        TrainingOptions options = builder.build();

        Network network = backend.create(spec, start);
        TrainingResult result = network.fit(data, options);
        OracleOptimizer oracle = OracleOptimizer.untrained(spec, start);
        OracleOptimizer.Run expected = oracle.fit(data, options);

        Check.parameters("parameters after " + TRAJECTORY_STEPS + " steps", network.parameters(), oracle.parameters(),
                Tolerances.TRAJECTORY);
        losses(result, expected);
    }

    /** The reported losses and penalties equal the oracle's, one by one. */
    static void losses(TrainingResult result, OracleOptimizer.Run expected) {
        double[] reported = result.losses();
        double[] penalties = result.penalties();
        Check.value("number of losses reported", reported.length, expected.losses().length, 0);
        for (int k = 0; k < reported.length; k++) {
            Check.value("loss reported after epoch " + result.lossEpoch(k), reported[k], expected.losses()[k],
                    Tolerances.TRAJECTORY);
            Check.value("penalty reported after epoch " + result.lossEpoch(k), penalties[k], expected.penalties()[k],
                    Tolerances.TRAJECTORY);
        }
    }
}
