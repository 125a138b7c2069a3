package io.backprop.explain;

import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.teaching.ParameterNames;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The article's worked example for any network and one row: each neuron's weighted sum and output,
 * the loss, every partial derivative along the chain rule, and for each weight and bias the product
 * of its chain next to the backend's own {@code ∂L/∂θ}.
 *
 * <p>Every forward value comes from the backend (sub-networks of the first layers, on the same
 * backend), the loss and the gradients too; only the chain rule's factors are computed here, from
 * those values and the definitions in {@link io.backprop.spec.Activation} and
 * {@link io.backprop.spec.Loss}. So the products agreeing with the backend's gradients is a check
 * of the backend, not a restatement of it.
 *
 * <p>With training options, it ends as the article does, with a step: each weight and bias after one
 * step of the optimizer from a fresh state, worked from the definitions in {@link io.backprop.optimizer}
 * on the backend's gradients, next to the backend's own step ({@link Step}).
 */
public final class Explanation {
    /** The significant figures numbers are printed to, as the article prints them. */
    public static final int FIGURES = 3;
    /** A layer with more neurons than this (or more inputs) is too wide to print neuron by neuron. */
    public static final int MAX_PRINTED_UNITS = 12;
    /** A network with more weights and biases than this is too large to print parameter by parameter. */
    public static final int MAX_PRINTED_PARAMETERS = 60;

    private final String backend;
    private final NetworkSpec spec;
    private final ParameterNames names;
    private final Parameters values;
    private final double[] input;
    private final double[] target;
    private final List<List<NeuronValue>> layers;
    private final OptionalDouble loss;
    private final String lossFormula;
    private final List<Derivative> derivatives;
    private final List<ParameterChain> parameters;
    private final List<String> notes;
    private final Step step;

    Explanation(String backend, NetworkSpec spec, Parameters values, double[] input, double[] target, List<List<NeuronValue>> layers,
                OptionalDouble loss, String lossFormula, List<Derivative> derivatives,
                List<ParameterChain> parameters, List<String> notes) {
        this(backend, spec, values, input, target, layers, loss, lossFormula, derivatives, parameters, notes, null);
    }

    private Explanation(String backend, NetworkSpec spec, Parameters values, double[] input, double[] target,
                        List<List<NeuronValue>> layers, OptionalDouble loss, String lossFormula,
                        List<Derivative> derivatives, List<ParameterChain> parameters, List<String> notes, Step step) {
        this.backend = backend;
        this.spec = spec;
        this.names = ParameterNames.of(spec);
        this.values = values;
        this.input = input.clone();
        this.target = target == null ? null : target.clone();
        this.layers = layers.stream().map(List::copyOf).toList();
        this.loss = loss;
        this.lossFormula = lossFormula;
        this.derivatives = List.copyOf(derivatives);
        this.parameters = List.copyOf(parameters);
        this.notes = List.copyOf(notes);
        this.step = step;
    }

    /**
     * Explains one row on {@code backend}.
     *
     * @param target one value per output, or null for feedforward alone (no loss, no derivatives)
     * @throws DataException when {@code input} does not have one value per input, or {@code target}
     *     one per output, or a value is not finite
     */
    public static Explanation of(Backend backend, NetworkSpec spec, Parameters parameters, double[] input,
                                 double[] target) {
        parameters.checkFits(spec);
        checkCount("input", input, spec.inputs(), "inputs");
        if (target != null) {
            checkCount("target", target, spec.outputs(), "outputs");
        }
        return new ChainRule(backend, spec, parameters, input, target).explain();
    }

    /**
     * Explains one row on {@code backend}, then takes the step the article ends with: one step of
     * {@code training}'s optimizer, with its regularization and the first learning rate of its
     * schedule, from a fresh state on this row. Its epochs, batch size and other options play no part.
     *
     * @throws DataException as {@link #of(Backend, NetworkSpec, Parameters, double[], double[])} does,
     *     and when {@code target} is null: a step needs the row's loss
     */
    public static Explanation of(Backend backend, NetworkSpec spec, Parameters parameters, double[] input,
                                 double[] target, TrainingOptions training) {
        if (target == null) {
            throw new DataException("target: found none; a step needs the row's target, for its loss");
        }
        Explanation e = of(backend, spec, parameters, input, target);
        Step step = OptimizerStep.of(backend, spec, parameters,
                DataSet.of(new double[][] {e.input}, new double[][] {e.target}), training, e.parameters);
        return new Explanation(e.backend, spec, parameters, e.input, e.target, e.layers, e.loss, e.lossFormula,
                e.derivatives, e.parameters, e.notes, step);
    }

    private static void checkCount(String what, double[] values, int expected, String unit) {
        if (values.length != expected) {
            throw new DataException(what + ": found " + values.length + " value" + (values.length == 1 ? "" : "s")
                    + "; expected " + expected + ", one per " + unit.substring(0, unit.length() - 1)
                    + " of the network");
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new DataException(what + "[" + k + "]: found " + values[k] + "; expected a finite number");
            }
        }
    }

    /** The name of the backend that computed every value. */
    public String backend() {
        return backend;
    }

    /** The network's shape. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The names of the network's values. */
    public ParameterNames names() {
        return names;
    }

    /** Every weight, then every bias, by name, in the order of their names. */
    public List<NamedValue> weightsAndBiases() {
        List<NamedValue> all = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            for (int j = 0; j < spec.layer(l).units(); j++) {
                for (int i = 0; i < spec.inputsOf(l); i++) {
                    all.add(new NamedValue(names.weight(l, j, i), values.layer(l).weight(j, i)));
                }
            }
        }
        for (int l = 0; l < spec.depth(); l++) {
            for (int j = 0; spec.layer(l).bias() && j < spec.layer(l).units(); j++) {
                all.add(new NamedValue(names.bias(l, j), values.layer(l).bias(j)));
            }
        }
        return all;
    }

    /** The row's features. */
    public double[] input() {
        return input.clone();
    }

    /** The row's targets, if one was given. */
    public Optional<double[]> target() {
        return Optional.ofNullable(target).map(double[]::clone);
    }

    /** Each layer's neurons after feedforward, first layer first. */
    public List<List<NeuronValue>> layers() {
        return layers;
    }

    /** The backend's loss of the row, when there is a target. */
    public OptionalDouble loss() {
        return loss;
    }

    /** The loss in symbols, such as {@code (y − ŷ)²}; empty without a target. */
    public String lossFormula() {
        return lossFormula;
    }

    /** The partial derivatives in the order the chain rule meets them, from the loss backwards. */
    public List<Derivative> derivatives() {
        return derivatives;
    }

    /** Every weight then every bias, in the order of their names; empty without a target. */
    public List<ParameterChain> parameters() {
        return parameters;
    }

    /** The step after the gradients, when training options were given. */
    public Optional<Step> step() {
        return Optional.ofNullable(step);
    }

    /** What the reader should know about this network's chain, such as how a softmax layer is handled. */
    public List<String> notes() {
        return notes;
    }

    /** Whether the network is too large to print readably, so it is shown as {@link #summary()}. */
    public boolean summarised() {
        return summaryReason().isPresent();
    }

    /** Why the network is summarised, if it is. */
    public Optional<String> summaryReason() {
        List<String> reasons = new ArrayList<>();
        if (spec.inputs() > MAX_PRINTED_UNITS) {
            reasons.add(spec.inputs() + " inputs");
        }
        for (int l = 0; l < spec.depth(); l++) {
            if (spec.layer(l).units() > MAX_PRINTED_UNITS) {
                reasons.add(spec.layer(l).units() + " neurons in the " + names.layer(l));
            }
        }
        if (spec.parameterCount() > MAX_PRINTED_PARAMETERS) {
            reasons.add(spec.parameterCount() + " weights and biases");
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", reasons) + " (printed in full up to " + MAX_PRINTED_UNITS
                + " inputs or neurons per layer and " + MAX_PRINTED_PARAMETERS + " weights and biases)");
    }

    /** Each layer in brief: the ranges of z and outputs and, with a target, its largest and total gradient. */
    public List<LayerSummary> summary() {
        List<LayerSummary> summary = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            double zMin = Double.POSITIVE_INFINITY;
            double zMax = Double.NEGATIVE_INFINITY;
            double outMin = Double.POSITIVE_INFINITY;
            double outMax = Double.NEGATIVE_INFINITY;
            for (NeuronValue neuron : layers.get(l)) {
                zMin = Math.min(zMin, neuron.z());
                zMax = Math.max(zMax, neuron.z());
                outMin = Math.min(outMin, neuron.output());
                outMax = Math.max(outMax, neuron.output());
            }
            Optional<NamedValue> largest = Optional.empty();
            Optional<Double> norm = Optional.empty();
            if (target != null) {
                double squares = 0;
                ParameterChain top = null;
                for (ParameterChain p : parameters) {
                    if (p.layer() == l) {
                        squares += p.gradient() * p.gradient();
                        if (top == null || Math.abs(p.gradient()) > Math.abs(top.gradient())) {
                            top = p;
                        }
                    }
                }
                largest = Optional.of(new NamedValue(top.name(), top.gradient()));
                norm = Optional.of(Math.sqrt(squares));
            }
            summary.add(new LayerSummary(names.layer(l), spec.layer(l).units(), spec.layer(l).activation().id(),
                    zMin, zMax, outMin, outMax, largest, norm));
        }
        return summary;
    }
}
