package io.backprop.conformance;

import io.backprop.data.DataSet;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The oracle's optimizers, written again from their definitions (DL4J 1.0.0-M2.1's, as the
 * {@link io.backprop.optimizer} package states them) and sharing no code with the API's: it reads an
 * {@link Optimizer}'s, a {@link Regularization}'s and a {@link LearningRateSchedule}'s numbers and
 * nothing of their arithmetic (no {@code toUpdate}, {@code step}, {@code rate}, {@code initialState}
 * or {@code decayFor}). A run is {@link OracleTraining#schedule}'s batches, with the oracle's own
 * gradients ({@link OracleBackprop}) of each batch; per step, in this order:
 * <pre>
 * η  = the schedule's rate from the network's iteration and epoch counts before the step
 * g += l2·θ                       (l2Bias on biases)
 * u  = the optimizer's update of g (below), its state advanced
 * u += λ·η·θ, or λ·θ              (weight decay; λ of biases on biases)
 * θ −= u
 * </pre>
 * The counts go on across runs, as a network's do, and early stopping keeps the best epoch's
 * parameters as {@link TrainingOptions} says.
 */
final class OracleOptimizer {
    private final NetworkSpec spec;
    /** Whether each flat value is a bias: per layer, the weights row by row, then the biases. */
    private final boolean[] bias;
    private double[] theta;
    private Optimizer optimizer;
    /** The optimizer's state, one flat array per state name, in its order. */
    private double[][] state;
    private long iteration;
    private int epoch;

    /**
     * What a run reports.
     *
     * @param losses the training loss after every {@code lossEvery}-th epoch
     * @param penalties beside each loss, the regularization's penalty {@code ½·λ·‖θ‖²} for each regularizer
     *     on the values it applies to
     * @param validationLosses the validation loss beside each, or none
     * @param epochs the epochs that ran
     * @param keptEpoch the epoch whose parameters the network holds at the end
     */
    record Run(double[] losses, double[] penalties, double[] validationLosses, int epochs, boolean stoppedEarly,
               int keptEpoch) {
    }

    private OracleOptimizer(NetworkSpec spec, Parameters parameters) {
        this.spec = spec;
        this.bias = biasMask(spec);
        this.theta = flat(parameters);
        this.optimizer = Optimizer.sgd();
        this.state = new double[0][];
    }

    /** An untrained network of {@code spec} with {@code parameters}: no steps, plain SGD. */
    static OracleOptimizer untrained(NetworkSpec spec, Parameters parameters) {
        return new OracleOptimizer(spec, parameters);
    }

    /** A network of {@code spec} with {@code parameters}, going on from {@code training}. */
    static OracleOptimizer resuming(NetworkSpec spec, Parameters parameters, TrainingState training) {
        OracleOptimizer oracle = new OracleOptimizer(spec, parameters);
        oracle.optimizer = training.optimizer();
        oracle.iteration = training.iteration();
        oracle.epoch = training.epoch();
        oracle.state = new double[training.state().size()][];
        for (int s = 0; s < oracle.state.length; s++) {
            oracle.state[s] = flat(training.state().get(s));
        }
        return oracle;
    }

    /** Trains on {@code data} as {@code options} say (the listener aside), going on from where the last run left off. */
    Run fit(DataSet data, TrainingOptions options) {
        Optimizer next = options.optimizer();
        if (next.getClass() != optimizer.getClass()) {
            state = startingState(next, theta.length);
        }
        optimizer = next;
        List<int[]> batches = OracleTraining.schedule(data.rows(), options);
        int perEpoch = batches.size() / options.epochs();
        int every = options.lossEvery();
        DataSet validation = options.validation().orElse(null);
        List<Double> losses = new ArrayList<>();
        List<Double> penalties = new ArrayList<>();
        List<Double> validationLosses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        double[] bestTheta = null;
        int sinceBest = 0;
        for (int e = 1; e <= options.epochs(); e++) {
            for (int b = 0; b < perEpoch; b++) {
                DataSet batch = data.select(batches.get((e - 1) * perEpoch + b));
                double rate = rate(options.schedule(), options.learningRate(), iteration, epoch);
                double[] g = flat(OracleBackprop.gradients(spec, parameters(), batch));
                step(g, rate, options.regularization());
                iteration++;
            }
            epoch++;
            if (e % every != 0) {
                continue;
            }
            losses.add(Oracle.loss(spec, parameters(), data));
            penalties.add(penalty(options.regularization()));
            if (validation != null) {
                double loss = Oracle.loss(spec, parameters(), validation);
                validationLosses.add(loss);
                if (options.patience() > 0) {
                    if (loss < best - options.minDelta()) {
                        best = loss;
                        bestEpoch = e;
                        bestTheta = theta.clone();
                        sinceBest = 0;
                    } else if (++sinceBest >= options.patience()) {
                        theta = bestTheta == null ? theta : bestTheta;
                        return new Run(unboxed(losses), unboxed(penalties), unboxed(validationLosses), e,
                                e < options.epochs(),
                                bestTheta == null ? e : bestEpoch);
                    }
                }
            }
        }
        int kept = options.epochs();
        if (bestTheta != null && bestEpoch != options.epochs()) {
            theta = bestTheta;
            kept = bestEpoch;
        }
        return new Run(unboxed(losses), unboxed(penalties), unboxed(validationLosses), options.epochs(), false,
                kept);
    }

    /** The parameters as they are now. */
    Parameters parameters() {
        return unflat(spec, theta);
    }

    /** Where training stands, in the API's layout. */
    TrainingState trainingState() {
        List<Parameters> values = new ArrayList<>();
        for (double[] s : state) {
            values.add(unflat(spec, s));
        }
        return new TrainingState(optimizer, iteration, epoch, values);
    }

    /** What DL4J's score adds to the loss: ½·(l2 + weight decay)·Σw² over weights, likewise over biases. */
    private double penalty(Regularization r) {
        double weights = 0;
        double biases = 0;
        for (int k = 0; k < theta.length; k++) {
            if (bias[k]) {
                biases += theta[k] * theta[k];
            } else {
                weights += theta[k] * theta[k];
            }
        }
        return 0.5 * (r.l2() + r.weightDecay()) * weights + 0.5 * (r.l2Bias() + r.weightDecayBias()) * biases;
    }

    /** One step with the gradient {@code g} of the batch (overwritten) at learning rate {@code eta}. */
    private void step(double[] g, double eta, Regularization r) {
        for (int k = 0; k < g.length; k++) {
            g[k] += (bias[k] ? r.l2Bias() : r.l2()) * theta[k];
        }
        double[] u = update(g, eta);
        for (int k = 0; k < g.length; k++) {
            double lambda = bias[k] ? r.weightDecayBias() : r.weightDecay();
            u[k] += (r.weightDecayWithLearningRate() ? lambda * eta : lambda) * theta[k];
            theta[k] -= u[k];
        }
    }

    /** The optimizer's update of {@code g}, advancing its state; {@code iteration} is the steps before this one. */
    private double[] update(double[] g, double eta) {
        double[] u = new double[g.length];
        if (optimizer instanceof Optimizer.Sgd) {
            for (int k = 0; k < g.length; k++) {
                u[k] = eta * g[k];
            }
        } else if (optimizer instanceof Optimizer.Nesterov n) {
            double mu = n.momentum();
            double[] v = state[0];
            for (int k = 0; k < g.length; k++) {
                double before = v[k];
                v[k] = mu * before - eta * g[k];
                u[k] = mu * before - (1 + mu) * v[k];
            }
        } else if (optimizer instanceof Optimizer.Adam a) {
            double[] m = state[0];
            double[] v = state[1];
            double alpha = eta * Math.sqrt(1 - Math.pow(a.beta2(), iteration + 1))
                    / (1 - Math.pow(a.beta1(), iteration + 1));
            if (Double.isNaN(alpha) || Double.isInfinite(alpha) || alpha == 0) {
                alpha = a.epsilon();
            }
            for (int k = 0; k < g.length; k++) {
                m[k] = a.beta1() * m[k] + (1 - a.beta1()) * g[k];
                v[k] = a.beta2() * v[k] + (1 - a.beta2()) * g[k] * g[k];
                u[k] = alpha * m[k] / (Math.sqrt(v[k]) + a.epsilon());
            }
        } else if (optimizer instanceof Optimizer.RmsProp p) {
            double[] s = state[0];
            for (int k = 0; k < g.length; k++) {
                s[k] = p.decay() * s[k] + (1 - p.decay()) * g[k] * g[k];
                u[k] = eta * g[k] / (Math.sqrt(s[k]) + p.epsilon());
            }
        } else if (optimizer instanceof Optimizer.AdaGrad a) {
            double[] h = state[0];
            for (int k = 0; k < g.length; k++) {
                h[k] += g[k] * g[k];
                u[k] = eta * g[k] / (Math.sqrt(h[k]) + a.epsilon());
            }
        } else {
            throw new IllegalStateException("the oracle knows no optimizer " + optimizer);
        }
        return u;
    }

    /** Where DL4J starts each optimizer's state: RMSProp's s at its ε, AdaGrad's h at 1e-6, the others at 0. */
    static double[][] startingState(Optimizer optimizer, int n) {
        double start = 0;
        int count = 0;
        if (optimizer instanceof Optimizer.Nesterov) {
            count = 1;
        } else if (optimizer instanceof Optimizer.Adam) {
            count = 2;
        } else if (optimizer instanceof Optimizer.RmsProp p) {
            count = 1;
            start = p.epsilon();
        } else if (optimizer instanceof Optimizer.AdaGrad) {
            count = 1;
            start = 1e-6;
        }
        double[][] state = new double[count][n];
        for (double[] s : state) {
            Arrays.fill(s, start);
        }
        return state;
    }

    /** The rate of a step at these counts (both from 0, before the step), from the schedule's numbers. */
    static double rate(LearningRateSchedule schedule, double base, long iteration, int epoch) {
        if (schedule instanceof LearningRateSchedule.StepDecay s) {
            long count = s.unit() == LearningRateSchedule.Unit.EPOCH ? epoch : iteration;
            return base * Math.pow(s.decay(), Math.floor(count / s.every()));
        }
        if (schedule instanceof LearningRateSchedule.Exponential x) {
            long count = x.unit() == LearningRateSchedule.Unit.EPOCH ? epoch : iteration;
            return base * Math.pow(x.gamma(), count);
        }
        if (schedule instanceof LearningRateSchedule.Mapped m) {
            long count = m.unit() == LearningRateSchedule.Unit.EPOCH ? epoch : iteration;
            double rate = base;
            for (Map.Entry<Integer, Double> entry : m.rates().entrySet()) {
                if (entry.getKey() <= count) {
                    rate = entry.getValue();
                }
            }
            return rate;
        }
        return base;
    }

    /** Every weight and bias in one array: per layer, the weights row by row ({@code [j][i]}), then the biases. */
    static double[] flat(Parameters parameters) {
        int n = 0;
        for (LayerParameters layer : parameters.layers()) {
            n += layer.units() * layer.inputs() + (layer.hasBiases() ? layer.units() : 0);
        }
        double[] values = new double[n];
        int k = 0;
        for (LayerParameters layer : parameters.layers()) {
            layer.copyWeightsTo(values, k);
            k += layer.units() * layer.inputs();
            if (layer.hasBiases()) {
                layer.copyBiasesTo(values, k);
                k += layer.units();
            }
        }
        return values;
    }

    /** Which values of {@link #flat} are biases. */
    static boolean[] biasMask(NetworkSpec spec) {
        List<Boolean> mask = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            for (int k = 0; k < spec.layer(l).units() * spec.inputsOf(l); k++) {
                mask.add(false);
            }
            if (spec.layer(l).bias()) {
                for (int j = 0; j < spec.layer(l).units(); j++) {
                    mask.add(true);
                }
            }
        }
        boolean[] result = new boolean[mask.size()];
        for (int k = 0; k < result.length; k++) {
            result[k] = mask.get(k);
        }
        return result;
    }

    /** The parameters of {@code spec} whose {@link #flat} values are {@code values}. */
    static Parameters unflat(NetworkSpec spec, double[] values) {
        List<LayerParameters> layers = new ArrayList<>();
        int k = 0;
        for (int l = 0; l < spec.depth(); l++) {
            int units = spec.layer(l).units();
            int inputs = spec.inputsOf(l);
            double[] w = Arrays.copyOfRange(values, k, k + units * inputs);
            k += units * inputs;
            double[] b = null;
            if (spec.layer(l).bias()) {
                b = Arrays.copyOfRange(values, k, k + units);
                k += units;
            }
            layers.add(LayerParameters.ofFlat(units, inputs, w, b));
        }
        return Parameters.of(layers);
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
