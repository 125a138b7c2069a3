package io.backprop.dl4j;

import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The API's optimizers, schedules and regularization as DL4J's own classes, so that DL4J's updater
 * takes every step: {@code Sgd}, {@code Nesterovs}, {@code Adam}, {@code RmsProp} and {@code AdaGrad}
 * with an {@code ISchedule} for the learning rate, {@code L2Regularization} and {@code WeightDecay}.
 */
final class Dl4jOptimizers {
    private Dl4jOptimizers() {
    }

    /**
     * Gives every layer of {@code network} DL4J's updater and regularization for these options, and
     * the network a new updater built from them, in its initial state.
     */
    static void configure(MultiLayerNetwork network, Optimizer optimizer, double learningRate,
                          LearningRateSchedule schedule, Regularization regularization) {
        List<org.nd4j.linalg.learning.regularization.Regularization> weights = regularization(regularization, false);
        List<org.nd4j.linalg.learning.regularization.Regularization> biases = regularization(regularization, true);
        for (int l = 0; l < network.getnLayers(); l++) {
            // The layer's configuration is the MultiLayerConfiguration's own object, so a saved network keeps it.
            BaseLayer layer = (BaseLayer) network.getLayer(l).conf().getLayer();
            // One built per layer, not a clone: DL4J's AdaGrad.clone() drops the learning-rate schedule.
            layer.setIUpdater(updater(optimizer, learningRate, schedule));
            layer.setBiasUpdater(null);
            layer.setRegularization(new ArrayList<>(weights));
            layer.setRegularizationBias(new ArrayList<>(biases));
        }
        network.setUpdater(null);
        network.getUpdater();
    }

    /** DL4J's updater configuration for {@code optimizer} at base rate {@code learningRate} under {@code schedule}. */
    static IUpdater updater(Optimizer optimizer, double learningRate, LearningRateSchedule schedule) {
        IUpdater updater;
        if (optimizer instanceof Optimizer.Sgd) {
            updater = new Sgd(learningRate);
        } else if (optimizer instanceof Optimizer.Nesterov nesterov) {
            // Not Nesterovs(double): that one's argument is the momentum.
            updater = new Nesterovs(learningRate, nesterov.momentum());
        } else if (optimizer instanceof Optimizer.Adam adam) {
            Adam dl4j = new Adam(learningRate);
            dl4j.setBeta1(adam.beta1());
            dl4j.setBeta2(adam.beta2());
            dl4j.setEpsilon(adam.epsilon());
            updater = dl4j;
        } else if (optimizer instanceof Optimizer.RmsProp rmsProp) {
            RmsProp dl4j = new RmsProp(learningRate);
            dl4j.setRmsDecay(rmsProp.decay());
            dl4j.setEpsilon(rmsProp.epsilon());
            updater = dl4j;
        } else {
            AdaGrad dl4j = new AdaGrad(learningRate);
            dl4j.setEpsilon(((Optimizer.AdaGrad) optimizer).epsilon());
            updater = dl4j;
        }
        ISchedule rates = schedule(schedule, learningRate);
        if (rates != null) {
            updater.setLrAndSchedule(learningRate, rates);
        }
        return updater;
    }

    /**
     * The API's optimizer that DL4J's {@code updater} (of layer {@code layer}) is, its learning rate
     * and schedule aside. Classes are matched exactly, since a subclass may compute something else.
     *
     * @throws TrainingException naming an updater the API has no optimizer for
     */
    static Optimizer optimizer(IUpdater updater, int layer) {
        Class<?> type = updater.getClass();
        if (type == Sgd.class) {
            return Optimizer.sgd();
        }
        if (type == Nesterovs.class) {
            Nesterovs nesterovs = (Nesterovs) updater;
            if (nesterovs.getMomentumISchedule() != null || nesterovs.getMomentumSchedule() != null) {
                throw new TrainingException("layer " + layer + ": found Nesterovs with a momentum schedule;"
                        + " expected a fixed momentum, which is all the API's nesterov has");
            }
            return new Optimizer.Nesterov(nesterovs.getMomentum());
        }
        if (type == Adam.class) {
            Adam adam = (Adam) updater;
            return new Optimizer.Adam(adam.getBeta1(), adam.getBeta2(), adam.getEpsilon());
        }
        if (type == RmsProp.class) {
            RmsProp rmsProp = (RmsProp) updater;
            return new Optimizer.RmsProp(rmsProp.getRmsDecay(), rmsProp.getEpsilon());
        }
        if (type == AdaGrad.class) {
            return new Optimizer.AdaGrad(((AdaGrad) updater).getEpsilon());
        }
        throw new TrainingException("layer " + layer + ": found the updater " + type.getSimpleName()
                + "; expected one of Sgd, Nesterovs, Adam, RmsProp, AdaGrad (the API's " + Optimizer.NAMES + ")");
    }

    /** DL4J's schedule of the learning rate from {@code base}, or null for a fixed rate. */
    static ISchedule schedule(LearningRateSchedule schedule, double base) {
        if (schedule instanceof LearningRateSchedule.StepDecay step) {
            return new StepSchedule(type(step.unit()), base, step.decay(), step.every());
        }
        if (schedule instanceof LearningRateSchedule.Exponential exponential) {
            return new ExponentialSchedule(type(exponential.unit()), base, exponential.gamma());
        }
        if (schedule instanceof LearningRateSchedule.Mapped mapped) {
            // DL4J's MapSchedule needs a rate at 0; the API's gives the base rate before its first count.
            Map<Integer, Double> rates = new TreeMap<>(mapped.rates());
            rates.putIfAbsent(0, base);
            return new MapSchedule(type(mapped.unit()), rates);
        }
        return null;
    }

    private static ScheduleType type(LearningRateSchedule.Unit unit) {
        return unit == LearningRateSchedule.Unit.EPOCH ? ScheduleType.EPOCH : ScheduleType.ITERATION;
    }

    /**
     * DL4J's regularization of weights ({@code biases} false) or of biases, set per layer: the
     * network-wide builder's {@code weightDecay} would be applied twice (the builder copies it into
     * each layer, and the layer's validation adds it again).
     */
    static List<org.nd4j.linalg.learning.regularization.Regularization> regularization(Regularization regularization,
                                                                                        boolean biases) {
        List<org.nd4j.linalg.learning.regularization.Regularization> list = new ArrayList<>(2);
        double l2 = regularization.l2For(biases);
        double decay = biases ? regularization.weightDecayBias() : regularization.weightDecay();
        if (l2 != 0) {
            list.add(new L2Regularization(l2));
        }
        if (decay != 0) {
            list.add(new WeightDecay(decay, regularization.weightDecayWithLearningRate()));
        }
        return list;
    }
}
