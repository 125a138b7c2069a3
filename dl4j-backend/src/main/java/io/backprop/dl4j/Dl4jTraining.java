package io.backprop.dl4j;

import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The training settings of a DL4J {@link MultiLayerConfiguration} as the API's: one optimizer with
 * its learning rate and schedule, one {@link Regularization}, and the iteration and epoch counts;
 * the way back from {@link Dl4jOptimizers#configure}.
 *
 * <p>The API has one optimizer and one regularization per network, so DL4J's per-layer settings
 * must agree across layers (each is compared with the output layer's); what they cannot express
 * (another updater, L1, a coefficient schedule, a frozen layer beside training settings) is refused
 * naming the layer, never dropped.
 */
final class Dl4jTraining {
    /**
     * What a configuration trains with.
     *
     * @param optimizer the updater as the API's optimizer
     * @param learningRate the base learning rate
     * @param schedule the learning-rate schedule
     * @param regularization L2 and weight decay, the same on every layer
     * @param iteration DL4J's iteration count
     * @param epoch DL4J's epoch count
     */
    record Settings(Optimizer optimizer, double learningRate, LearningRateSchedule schedule,
                    Regularization regularization, int iteration, int epoch) {
    }

    private Dl4jTraining() {
    }

    /**
     * The training settings of {@code configuration}, or empty when it has none worth keeping: every
     * updater {@code Sgd} or {@code NoOp} and no regularization, and either no steps taken or not one
     * {@code Sgd} on every layer, which is how such a model has always been read (its learning rates
     * are not part of a model).
     *
     * @throws SpecException naming the first layer and setting the API cannot express
     */
    static Optional<Settings> of(MultiLayerConfiguration configuration) {
        int depth = configuration.getConfs().size();
        boolean plain = true;
        Regularization[] regularizations = new Regularization[depth];
        for (int l = 0; l < depth; l++) {
            BaseLayer layer = (BaseLayer) configuration.getConf(l).getLayer();
            String where = where(l, layer);
            supported(layer.getIUpdater(), "updater", where);
            supported(layer.getBiasUpdater(), "bias updater", where);
            plain &= isPlain(layer.getIUpdater()) && isPlain(layer.getBiasUpdater());
            regularizations[l] = regularization(layer, where);
            plain &= regularizations[l].isNone();
        }
        BaseLayer output = (BaseLayer) configuration.getConf(depth - 1).getLayer();
        IUpdater reference = output.getIUpdater();
        if (plain && (configuration.getIterationCount() == 0 && configuration.getEpochCount() == 0
                || !sameEverywhere(configuration, reference))) {
            return Optional.empty();
        }
        for (int l = 0; l < depth; l++) {
            BaseLayer layer = (BaseLayer) configuration.getConf(l).getLayer();
            String where = where(l, layer);
            IUpdater updater = layer.getIUpdater();
            if (!Objects.equals(updater, reference)) {
                throw new SpecException(where + ": updater " + describe(updater) + " is not supported: Backprop's API"
                        + " cannot express an updater other than the output layer's (" + describe(reference)
                        + "); expected one updater, with one learning rate, on every layer");
            }
            IUpdater bias = layer.getBiasUpdater();
            if (bias != null && !bias.equals(updater)) {
                throw new SpecException(where + ": bias updater " + describe(bias) + " is not supported: Backprop's"
                        + " API cannot express a bias updater other than the layer's (" + describe(updater)
                        + "); expected none or the same");
            }
            if (updater instanceof NoOp) {
                throw new SpecException(where + ": updater NoOp (a frozen layer) is not supported beside training"
                        + " settings: Backprop's API trains every layer; expected one of Sgd, Nesterovs, Adam, RmsProp,"
                        + " AdaGrad on every layer");
            }
            if (!regularizations[l].equals(regularizations[depth - 1])) {
                String which = regularizations[l].l2() != regularizations[depth - 1].l2()
                        || regularizations[l].weightDecay() != regularizations[depth - 1].weightDecay()
                        ? "weights" : "biases";
                List<?> found = which.equals("weights") ? layer.getRegularization() : layer.getRegularizationBias();
                throw new SpecException(where + ": regularization of the " + which + " (" + names(found) + ") is not"
                        + " supported: it differs from the output layer's (" + regularizations[depth - 1] + ");"
                        + " expected the same on every layer: Backprop's API has one regularization per network");
            }
        }
        Optimizer optimizer;
        try {
            optimizer = Dl4jOptimizers.optimizer(reference, depth - 1);
        } catch (TrainingException e) {
            throw new SpecException(e.getMessage());
        }
        if (configuration.getIterationCount() < 0 || configuration.getEpochCount() < 0) {
            throw new SpecException("iterationCount " + configuration.getIterationCount() + " and epochCount "
                    + configuration.getEpochCount() + ": expected counts of 0 or more");
        }
        String where = where(depth - 1, output);
        try {
            return Optional.of(settings(configuration, optimizer, reference, regularizations[depth - 1], where));
        } catch (TrainingException e) {
            // The API's own range checks of a rate or schedule, about a setting of this layer.
            throw new SpecException(where + ": " + e.getMessage());
        }
    }

    private static Settings settings(MultiLayerConfiguration configuration, Optimizer optimizer, IUpdater reference,
                                     Regularization regularization, String where) {
        double learningRate = learningRate(reference);
        ISchedule rates = schedule(reference);
        LearningRateSchedule schedule = LearningRateSchedule.FIXED;
        if (rates instanceof StepSchedule step) {
            learningRate = step.getInitialValue();
            schedule = new LearningRateSchedule.StepDecay(unit(step.getScheduleType()), step.getDecayRate(),
                    step.getStep());
        } else if (rates instanceof ExponentialSchedule exponential) {
            learningRate = exponential.getInitialValue();
            schedule = new LearningRateSchedule.Exponential(unit(exponential.getScheduleType()), exponential.getGamma());
        } else if (rates instanceof MapSchedule map) {
            TreeMap<Integer, Double> values = new TreeMap<>(map.getValues());
            if (!values.containsKey(0)) {
                throw new SpecException(where + ": MapSchedule without a rate at 0 is not supported; expected one");
            }
            // Dl4jOptimizers adds the base rate at 0, which the API's map gives before its first count anyway.
            learningRate = values.get(0);
            if (values.size() > 1) {
                values.remove(0);
            }
            schedule = new LearningRateSchedule.Mapped(unit(map.getScheduleType()), values);
        } else if (rates instanceof FixedSchedule fixed) {
            learningRate = fixed.getValue();
        } else if (rates != null) {
            throw new SpecException(where + ": learning-rate schedule " + Dl4jSpec.name(rates) + " is not supported;"
                    + " expected StepSchedule, ExponentialSchedule, MapSchedule or FixedSchedule");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new SpecException(where + ": learning rate " + learningRate + " is not supported; expected a finite"
                    + " rate above 0");
        }
        return new Settings(optimizer, learningRate, schedule, regularization, configuration.getIterationCount(),
                configuration.getEpochCount());
    }

    /**
     * Whether every layer trains with {@code reference}, a non-null Sgd. Plain SGD with a learning
     * rate per layer or a frozen layer was always read, its rates dropped; it still is, without a
     * training entry, even when it took steps.
     */
    private static boolean sameEverywhere(MultiLayerConfiguration configuration, IUpdater reference) {
        if (!(reference instanceof Sgd)) {
            return false;
        }
        for (int l = 0; l < configuration.getConfs().size(); l++) {
            BaseLayer layer = (BaseLayer) configuration.getConf(l).getLayer();
            if (!reference.equals(layer.getIUpdater())
                    || layer.getBiasUpdater() != null && !reference.equals(layer.getBiasUpdater())) {
                return false;
            }
        }
        return true;
    }

    private static String where(int l, BaseLayer layer) {
        return "layer " + l + " (" + Dl4jSpec.name(layer) + ")";
    }

    private static boolean isPlain(IUpdater updater) {
        return updater == null || updater.getClass() == Sgd.class || updater.getClass() == NoOp.class;
    }

    private static void supported(IUpdater updater, String which, String where) {
        if (updater == null) {
            return;
        }
        Class<?> type = updater.getClass();
        if (type != Sgd.class && type != NoOp.class && type != Nesterovs.class && type != Adam.class
                && type != RmsProp.class && type != AdaGrad.class) {
            throw new SpecException(where + ": " + which + " " + Dl4jSpec.name(updater) + " is not supported: Backprop's"
                    + " API cannot express it; expected Sgd, Nesterovs, Adam, RmsProp or AdaGrad (the API's "
                    + Optimizer.NAMES + ")");
        }
    }

    private static String describe(IUpdater updater) {
        return updater == null ? "none" : Dl4jSpec.name(updater);
    }

    private static double learningRate(IUpdater updater) {
        if (updater instanceof Sgd sgd) {
            return sgd.getLearningRate();
        }
        if (updater instanceof Nesterovs nesterovs) {
            return nesterovs.getLearningRate();
        }
        if (updater instanceof Adam adam) {
            return adam.getLearningRate();
        }
        if (updater instanceof RmsProp rmsProp) {
            return rmsProp.getLearningRate();
        }
        return ((AdaGrad) updater).getLearningRate();
    }

    private static ISchedule schedule(IUpdater updater) {
        if (updater instanceof Sgd sgd) {
            return sgd.getLearningRateSchedule();
        }
        if (updater instanceof Nesterovs nesterovs) {
            return nesterovs.getLearningRateSchedule();
        }
        if (updater instanceof Adam adam) {
            return adam.getLearningRateSchedule();
        }
        if (updater instanceof RmsProp rmsProp) {
            return rmsProp.getLearningRateSchedule();
        }
        return ((AdaGrad) updater).getLearningRateSchedule();
    }

    private static LearningRateSchedule.Unit unit(ScheduleType type) {
        return type == ScheduleType.EPOCH ? LearningRateSchedule.Unit.EPOCH : LearningRateSchedule.Unit.ITERATION;
    }

    /** The layer's L2 and weight decay, of weights and of biases, as the API's. */
    private static Regularization regularization(BaseLayer layer, String where) {
        double[] weights = coefficients(layer.getRegularization(), "weights", where);
        double[] biases = coefficients(layer.getRegularizationBias(), "biases", where);
        boolean withRate = true;
        if (weights[1] != 0 && biases[1] != 0 && weights[2] != biases[2]) {
            throw new SpecException(where + ": weight decay of the weights and of the biases differ in applyLR;"
                    + " expected the same: Backprop's API has one");
        }
        if (weights[1] != 0) {
            withRate = weights[2] != 0;
        } else if (biases[1] != 0) {
            withRate = biases[2] != 0;
        }
        try {
            return new Regularization(weights[0], biases[0], weights[1], biases[1], withRate);
        } catch (TrainingException e) {
            throw new SpecException(where + ": " + e.getMessage());
        }
    }

    /** {λ₂, λ_wd, applyLR (1 or 0)} of one list; L1, a second of a kind or a scheduled coefficient is refused. */
    private static double[] coefficients(List<org.nd4j.linalg.learning.regularization.Regularization> list,
                                         String which, String where) {
        double[] found = {0, 0, 1};
        if (list == null) {
            return found;
        }
        boolean l2 = false;
        boolean decay = false;
        for (org.nd4j.linalg.learning.regularization.Regularization r : list) {
            if (r.getClass() == L2Regularization.class && !l2) {
                l2 = true;
                found[0] = fixed(((L2Regularization) r).getL2(), which, list, where);
            } else if (r.getClass() == WeightDecay.class && !decay) {
                decay = true;
                found[1] = fixed(((WeightDecay) r).getCoeff(), which, list, where);
                found[2] = ((WeightDecay) r).isApplyLR() ? 1 : 0;
            } else {
                throw refused(which, list, where, "at most one L2Regularization and one WeightDecay");
            }
        }
        return found;
    }

    private static double fixed(ISchedule coefficient, String which, List<?> list, String where) {
        if (!(coefficient instanceof FixedSchedule fixed)) {
            throw refused(which, list, where, "a fixed coefficient (FixedSchedule), which is all the API's has");
        }
        return fixed.getValue();
    }

    private static SpecException refused(String which, List<?> list, String where, String expected) {
        return new SpecException(where + ": regularization of the " + which + " (" + names(list) + ") is not"
                + " supported; expected " + expected);
    }

    private static String names(List<?> settings) {
        return settings == null || settings.isEmpty() ? "none"
                : String.join(", ", settings.stream().map(Dl4jSpec::name).toList());
    }
}
