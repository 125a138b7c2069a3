package io.backprop.optimizer;

import io.backprop.error.SimilarNames;
import io.backprop.error.TrainingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a step turns the (regularized) gradient {@code g} of a weight or bias into the update {@code u}
 * subtracted from it, {@code θ ← θ − u}, element by element, as Deeplearning4j 1.0.0-M2.1's updaters
 * compute it (nd4j's {@code GradientUpdater}s and libnd4j's updater ops), so that the {@code dl4j}
 * backend runs DL4J's own updaters and lands on the same numbers as every other backend.
 *
 * <p>{@code η} is the learning rate of the step, {@code t} the network's iteration count before the
 * step (0 for its first step, counting on across {@code fit} calls). Each optimizer keeps the state
 * named by {@link #stateNames()}, one value per weight and bias, starting at {@link #initialState()}.
 * The docs (docs/optimizers.md) say, formula by formula, how PyTorch's and Keras's versions differ.
 */
public sealed interface Optimizer {
    /** The names {@link #of} knows, in the order the docs list them. */
    List<String> NAMES = List.of("sgd", "nesterov", "adam", "rmsprop", "adagrad");

    /** The optimizer's name, as the command and model files spell it: {@code "adam"}. */
    String name();

    /** DL4J's default learning rate for this optimizer (the article's 0.1 for {@code sgd}). */
    double defaultLearningRate();

    /** The names of its state, one value per weight and bias each: {@code ["m", "v"]} for Adam. */
    List<String> stateNames();

    /** The value every element of its state starts at. */
    default double initialState() {
        return 0;
    }

    /** Its hyperparameters other than the learning rate, by the names the command and model files use. */
    Map<String, Double> hyperparameters();

    /**
     * Turns the gradient {@code g[0..n)} into the update {@code u} in place, advancing the state
     * {@code s0} and {@code s1} (the first and second of {@link #stateNames()}; unused ones may be null).
     */
    void toUpdate(double[] g, double[] s0, double[] s1, int n, double learningRate, long iteration);

    /**
     * One whole step of {@code n} values in place, in the order of the package's definition: L2
     * ({@code g ← g + l2·θ}), {@link #toUpdate}, weight decay ({@code u ← u + decay·θ}, {@code decay}
     * already multiplied by {@code η} where it applies), {@code θ ← θ − u}. Allocates nothing;
     * {@code gradient} is left holding the update.
     */
    default void step(double[] theta, double[] gradient, double[] s0, double[] s1, int n, double learningRate,
                      long iteration, double l2, double decay) {
        if (l2 != 0) {
            for (int i = 0; i < n; i++) {
                gradient[i] += l2 * theta[i];
            }
        }
        toUpdate(gradient, s0, s1, n, learningRate, iteration);
        if (decay != 0) {
            for (int i = 0; i < n; i++) {
                gradient[i] += decay * theta[i];
            }
        }
        for (int i = 0; i < n; i++) {
            theta[i] -= gradient[i];
        }
    }

    /** The optimizer by its name and hyperparameters: {@code adam (beta1 0.9, beta2 0.999, epsilon 1.0E-8)}. */
    static String describe(Optimizer optimizer) {
        StringBuilder text = new StringBuilder(optimizer.name());
        String separator = " (";
        for (Map.Entry<String, Double> h : optimizer.hyperparameters().entrySet()) {
            text.append(separator).append(h.getKey()).append(' ').append(h.getValue());
            separator = ", ";
        }
        return optimizer.hyperparameters().isEmpty() ? text.toString() : text.append(')').toString();
    }

    /** Plain SGD with DL4J's defaults, the article's update. */
    static Sgd sgd() {
        return new Sgd();
    }

    /** Nesterov momentum with DL4J's default momentum 0.9. */
    static Nesterov nesterov() {
        return new Nesterov(Nesterov.DEFAULT_MOMENTUM);
    }

    /** Adam with DL4J's defaults: β1 0.9, β2 0.999, ε 1e-8. */
    static Adam adam() {
        return new Adam(Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON);
    }

    /** RMSProp with DL4J's defaults: decay 0.95, ε 1e-8. */
    static RmsProp rmsprop() {
        return new RmsProp(RmsProp.DEFAULT_DECAY, RmsProp.DEFAULT_EPSILON);
    }

    /** AdaGrad with DL4J's default ε 1e-6. */
    static AdaGrad adagrad() {
        return new AdaGrad(AdaGrad.DEFAULT_EPSILON);
    }

    /**
     * The optimizer called {@code name} with these hyperparameters, DL4J's defaults for the others.
     *
     * @throws TrainingException naming an unknown optimizer (and the known ones), a hyperparameter the
     *     optimizer does not have (and those it has), or a value out of range
     */
    static Optimizer of(String name, Map<String, Double> hyperparameters) {
        Optimizer defaults = switch (name) {
            case "sgd" -> sgd();
            case "nesterov" -> nesterov();
            case "adam" -> adam();
            case "rmsprop" -> rmsprop();
            case "adagrad" -> adagrad();
            default -> {
                List<String> close = SimilarNames.closest(name, NAMES);
                throw new TrainingException("optimizer: found \"" + name + "\""
                        + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)")
                        + "; expected one of " + String.join(", ", NAMES));
            }
        };
        Map<String, Double> values = new LinkedHashMap<>(defaults.hyperparameters());
        for (Map.Entry<String, Double> given : hyperparameters.entrySet()) {
            if (!values.containsKey(given.getKey())) {
                Set<String> known = defaults.hyperparameters().keySet();
                throw new TrainingException("optimizer " + name + ": found the hyperparameter \"" + given.getKey()
                        + "\"; expected " + (known.isEmpty() ? "none besides the learning rate"
                        : "one of " + String.join(", ", known)));
            }
            values.put(given.getKey(), given.getValue());
        }
        return switch (name) {
            case "nesterov" -> new Nesterov(values.get("momentum"));
            case "adam" -> new Adam(values.get("beta1"), values.get("beta2"), values.get("epsilon"));
            case "rmsprop" -> new RmsProp(values.get("decay"), values.get("epsilon"));
            case "adagrad" -> new AdaGrad(values.get("epsilon"));
            default -> defaults;
        };
    }

    /** {@code u = η·g}: DL4J's {@code Sgd}, the article's step. No state. */
    record Sgd() implements Optimizer {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public String toString() {
            return Optimizer.describe(this);
        }

        @Override
        public double defaultLearningRate() {
            return 0.1;
        }

        @Override
        public List<String> stateNames() {
            return List.of();
        }

        @Override
        public Map<String, Double> hyperparameters() {
            return Map.of();
        }

        @Override
        public void toUpdate(double[] g, double[] s0, double[] s1, int n, double learningRate, long iteration) {
            for (int i = 0; i < n; i++) {
                g[i] *= learningRate;
            }
        }
    }

    /**
     * Nesterov momentum as DL4J's {@code Nesterovs} (libnd4j's {@code nesterovs_updater}), with the
     * velocity {@code v} starting at 0:
     * <pre>
     * v' = μ·v − η·g
     * u  = μ·v − (1 + μ)·v'
     * v ← v'
     * </pre>
     * so that {@code θ − u = θ − μ·v + (1 + μ)·v'}: the look-ahead form of Nesterov momentum that keeps
     * the velocity rather than the look-ahead parameters, as DL4J does.
     *
     * @param momentum {@code μ}, in [0, 1)
     */
    record Nesterov(double momentum) implements Optimizer {
        /** DL4J's {@code Nesterovs.DEFAULT_NESTEROV_MOMENTUM}. */
        public static final double DEFAULT_MOMENTUM = 0.9;

        public Nesterov {
            Ranges.unitInterval("nesterov", "momentum", momentum);
        }

        @Override
        public String name() {
            return "nesterov";
        }

        @Override
        public String toString() {
            return Optimizer.describe(this);
        }

        @Override
        public double defaultLearningRate() {
            return 0.1;
        }

        @Override
        public List<String> stateNames() {
            return StateNames.V;
        }

        @Override
        public Map<String, Double> hyperparameters() {
            return Map.of("momentum", momentum);
        }

        @Override
        public void toUpdate(double[] g, double[] v, double[] unused, int n, double learningRate, long iteration) {
            for (int i = 0; i < n; i++) {
                double previous = momentum * v[i];
                double next = previous - learningRate * g[i];
                v[i] = next;
                g[i] = previous - (momentum + 1) * next;
            }
        }
    }

    /**
     * Adam as DL4J runs it (libnd4j's {@code adam_updater}), with {@code m} and {@code v} starting at 0:
     * <pre>
     * m ← β1·m + (1 − β1)·g
     * v ← β2·v + (1 − β2)·g²
     * α = η·√(1 − β2^(t+1)) / (1 − β1^(t+1))      (ε instead when α is NaN, 0 or infinite)
     * u = α·m / (√v + ε)
     * </pre>
     * The bias correction is folded into {@code α}, and {@code ε} is added to the uncorrected
     * {@code √v}: PyTorch's and Keras's {@code ε} sits beside the corrected {@code √v̂}, so their step
     * equals this one with {@code ε_here = ε_torch·√(1 − β2^(t+1))}, which changes with {@code t}
     * (see docs/optimizers.md).
     *
     * @param beta1 {@code β1}, in [0, 1)
     * @param beta2 {@code β2}, in [0, 1)
     * @param epsilon {@code ε}, positive
     */
    record Adam(double beta1, double beta2, double epsilon) implements Optimizer {
        public static final double DEFAULT_BETA1 = 0.9;
        public static final double DEFAULT_BETA2 = 0.999;
        public static final double DEFAULT_EPSILON = 1e-8;

        public Adam {
            Ranges.unitInterval("adam", "beta1", beta1);
            Ranges.unitInterval("adam", "beta2", beta2);
            Ranges.positive("adam", "epsilon", epsilon);
        }

        @Override
        public String name() {
            return "adam";
        }

        @Override
        public String toString() {
            return Optimizer.describe(this);
        }

        @Override
        public double defaultLearningRate() {
            return 1e-3;
        }

        @Override
        public List<String> stateNames() {
            return StateNames.MV;
        }

        @Override
        public Map<String, Double> hyperparameters() {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("beta1", beta1);
            values.put("beta2", beta2);
            values.put("epsilon", epsilon);
            return values;
        }

        /** The step size {@code α} of iteration {@code t}, bias correction included. */
        public double stepSize(double learningRate, long iteration) {
            double beta1T = Math.pow(beta1, iteration + 1);
            double beta2T = Math.pow(beta2, iteration + 1);
            double alpha = learningRate * Math.sqrt(1 - beta2T) / (1 - beta1T);
            return Double.isNaN(alpha) || alpha == 0 || Double.isInfinite(alpha) ? epsilon : alpha;
        }

        @Override
        public void toUpdate(double[] g, double[] m, double[] v, int n, double learningRate, long iteration) {
            double alpha = stepSize(learningRate, iteration);
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                g[i] = alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
            }
        }
    }

    /**
     * RMSProp as DL4J's {@code RmsProp} (libnd4j's {@code rms_prop_updater}), with the mean square
     * {@code s} starting at {@code ε}, not 0 (DL4J's {@code RmsPropUpdater} assigns it):
     * <pre>
     * s ← ρ·s + (1 − ρ)·g²
     * u = η·g / (√s + ε)
     * </pre>
     * PyTorch's and Keras's {@code s} start at 0 (see docs/optimizers.md).
     *
     * @param decay {@code ρ}, in [0, 1)
     * @param epsilon {@code ε}, positive
     */
    record RmsProp(double decay, double epsilon) implements Optimizer {
        public static final double DEFAULT_DECAY = 0.95;
        public static final double DEFAULT_EPSILON = 1e-8;

        public RmsProp {
            Ranges.unitInterval("rmsprop", "decay", decay);
            Ranges.positive("rmsprop", "epsilon", epsilon);
        }

        @Override
        public String name() {
            return "rmsprop";
        }

        @Override
        public String toString() {
            return Optimizer.describe(this);
        }

        @Override
        public double defaultLearningRate() {
            return 0.1;
        }

        @Override
        public List<String> stateNames() {
            return StateNames.S;
        }

        @Override
        public double initialState() {
            return epsilon;
        }

        @Override
        public Map<String, Double> hyperparameters() {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("decay", decay);
            values.put("epsilon", epsilon);
            return values;
        }

        @Override
        public void toUpdate(double[] g, double[] s, double[] unused, int n, double learningRate, long iteration) {
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                s[i] = decay * s[i] + (1 - decay) * gi * gi;
                g[i] = learningRate * gi / (Math.sqrt(s[i]) + epsilon);
            }
        }
    }

    /**
     * AdaGrad as DL4J's {@code AdaGrad} (libnd4j's {@code ada_grad_updater}), with the sum of squares
     * {@code h} starting at 1e-6 whatever {@code ε} is ({@link #INITIAL_STATE}, DL4J's
     * {@code AdaGradUpdater} assigns its default ε):
     * <pre>
     * h ← h + g²
     * u = η·g / (√h + ε)
     * </pre>
     *
     * @param epsilon {@code ε}, positive
     */
    record AdaGrad(double epsilon) implements Optimizer {
        public static final double DEFAULT_EPSILON = 1e-6;
        /** Where DL4J starts the sum of squares, whatever ε is configured. */
        public static final double INITIAL_STATE = 1e-6;

        public AdaGrad {
            Ranges.positive("adagrad", "epsilon", epsilon);
        }

        @Override
        public String name() {
            return "adagrad";
        }

        @Override
        public String toString() {
            return Optimizer.describe(this);
        }

        @Override
        public double defaultLearningRate() {
            return 0.1;
        }

        @Override
        public List<String> stateNames() {
            return StateNames.H;
        }

        @Override
        public double initialState() {
            return INITIAL_STATE;
        }

        @Override
        public Map<String, Double> hyperparameters() {
            return Map.of("epsilon", epsilon);
        }

        @Override
        public void toUpdate(double[] g, double[] h, double[] unused, int n, double learningRate, long iteration) {
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                h[i] += gi * gi;
                g[i] = learningRate * gi / (Math.sqrt(h[i]) + epsilon);
            }
        }
    }
}
