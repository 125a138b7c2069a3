package io.backprop.explain;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.teaching.ParameterNames;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.spi.SaturatedOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Builds an {@link Explanation}: feedforward values from the backend, then the chain rule backwards
 * from the loss, one layer at a time.
 *
 * <p>For every neuron it keeps the chain whose product is {@code ∂L/∂(its output)}: an output
 * neuron's chain is {@code [∂L/∂ŷ]}; a hidden neuron feeding a single neuron extends that neuron's
 * chain by one link (the article's {@code ∂L/∂ŷ × ∂ŷ/∂h1}); a hidden neuron feeding several gets its
 * own {@code ∂L/∂h}, a sum over the neurons it feeds. A softmax layer's outputs each depend on every
 * {@code z} of the layer, so there the chain goes through {@code ∂L/∂z}; so it does for the output
 * layer under cross-entropy, where {@code ∂L/∂z = ŷ − y}.
 */
final class ChainRule {
    private final Backend backend;
    private final NetworkSpec spec;
    private final Parameters parameters;
    private final double[] input;
    private final double[] target;
    private final ParameterNames names;
    private final double[][] z;
    private final double[][] out;
    private final List<Derivative> derivatives = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A factor of a chain: a derivative's name, value and value as printed. */
    private record Factor(String name, double value, double printed) {
        Factor(Derivative d) {
            this(d.name(), d.value(), d.asPrinted());
        }
    }

    ChainRule(Backend backend, NetworkSpec spec, Parameters parameters, double[] input, double[] target) {
        this.backend = backend;
        this.spec = spec;
        this.parameters = parameters;
        this.input = input.clone();
        this.target = target == null ? null : target.clone();
        this.names = ParameterNames.of(spec);
        this.z = new double[spec.depth()][];
        this.out = new double[spec.depth()][];
    }

    Explanation explain() {
        Network network = backend.create(spec, parameters);
        for (int l = 0; l < spec.depth(); l++) {
            out[l] = l == spec.depth() - 1 ? network.predict(input) : firstLayers(l, spec.layer(l)).predict(input);
            LayerSpec last = spec.layer(l);
            z[l] = firstLayers(l, new LayerSpec(last.units(), Activation.IDENTITY, last.bias())).predict(input);
        }
        List<List<NeuronValue>> layers = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            List<NeuronValue> neurons = new ArrayList<>();
            for (int j = 0; j < spec.layer(l).units(); j++) {
                neurons.add(new NeuronValue(names.neuron(l, j), names.value(l, j), weightedSum(l, j), z[l][j],
                        out[l][j]));
            }
            layers.add(neurons);
        }
        if (target == null) {
            return new Explanation(backend.name(), spec, parameters, input, null, layers, OptionalDouble.empty(), "",
                    List.of(), List.of(), List.of());
        }
        DataSet row = DataSet.of(new double[][] {input}, new double[][] {target});
        double loss = network.loss(row);
        List<ParameterChain> chains = backward(network.gradients(row));
        return new Explanation(backend.name(), spec, parameters, input, target, layers, OptionalDouble.of(loss), lossFormula(),
                derivatives, chains, notes);
    }

    /** The first {@code l} layers and then {@code last}, on the same backend with the same parameters. */
    private Network firstLayers(int l, LayerSpec last) {
        NetworkSpec.Builder builder = NetworkSpec.builder(spec.inputs());
        for (int k = 0; k < l; k++) {
            builder.layer(spec.layer(k));
        }
        builder.layer(last);
        boolean probabilities = last.activation() == Activation.SIGMOID || last.activation() == Activation.SOFTMAX;
        // The loss plays no part in predict; it only has to be one the spec accepts.
        builder.loss(spec.loss() == Loss.XENT && !probabilities ? Loss.MSE : spec.loss());
        return backend.create(builder.build(), Parameters.of(parameters.layers().subList(0, l + 1)));
    }

    private String weightedSum(int l, int j) {
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < spec.inputsOf(l); i++) {
            sum.append(i > 0 ? " + " : "").append(names.weight(l, j, i)).append('·').append(names.source(l, i));
        }
        if (spec.layer(l).bias()) {
            sum.append(" + ").append(names.bias(l, j));
        }
        return sum.toString();
    }

    private List<ParameterChain> backward(Parameters gradients) {
        int depth = spec.depth();
        List<List<List<Factor>>> chains = new ArrayList<>(); // [layer][neuron] → factors giving ∂L/∂output
        for (int l = 0; l < depth; l++) {
            chains.add(new ArrayList<>());
        }
        int o = depth - 1;
        if (spec.loss() == Loss.XENT) {
            crossEntropyThroughZ(o, chains.get(o));
        } else {
            fromTheLoss(o, chains.get(o));
        }
        ParameterChain[][] weightChains = new ParameterChain[depth][];
        ParameterChain[][] biasChains = new ParameterChain[depth][];
        for (int l = o; l >= 0; l--) {
            weightChains[l] = new ParameterChain[spec.layer(l).units() * spec.inputsOf(l)];
            biasChains[l] = new ParameterChain[spec.layer(l).bias() ? spec.layer(l).units() : 0];
            local(l, chains.get(l), gradients.layer(l), weightChains[l], biasChains[l]);
            if (l > 0) {
                back(l, chains.get(l), chains.get(l - 1));
            }
        }
        List<ParameterChain> all = new ArrayList<>();
        for (ParameterChain[] layer : weightChains) {
            all.addAll(List.of(layer));
        }
        for (ParameterChain[] layer : biasChains) {
            all.addAll(List.of(layer));
        }
        return all;
    }

    /** The output neurons' chains start at {@code ∂L/∂ŷ_k}, from the loss's definition (mse, sse). */
    private void fromTheLoss(int o, List<List<Factor>> chains) {
        double[] dLdOut = new double[spec.outputs()];
        double[] dLdOutPrinted = new double[spec.outputs()];
        for (int k = 0; k < spec.outputs(); k++) {
            Derivative d = derive("∂L/∂" + names.value(o, k), lossSlopeFormula(k), lossSlope(k,
                    SaturatedOutputs.error(spec.layer(o).activation(), z[o], out[o], target, k, spec.outputs())),
                    lossSlope(k, printed(out[o][k]) - target[k]));
            dLdOut[k] = d.value();
            dLdOutPrinted[k] = d.asPrinted();
            chains.add(List.of(new Factor(d)));
        }
        if (isSoftmax(o)) {
            throughSoftmax(o, dLdOut, dLdOutPrinted, chains);
        }
    }

    /** Each weight and bias of layer {@code l}: the neuron's chain, then the neuron's own derivative. */
    private void local(int l, List<List<Factor>> chains, LayerParameters gradients, ParameterChain[] weights,
                       ParameterChain[] biases) {
        LayerParameters values = parameters.layer(l);
        int inputs = spec.inputsOf(l);
        for (int j = 0; j < spec.layer(l).units(); j++) {
            for (int i = 0; i < inputs; i++) {
                String w = names.weight(l, j, i);
                double into = l == 0 ? input[i] : out[l - 1][i];
                double intoPrinted = l == 0 ? input[i] : printed(out[l - 1][i]);
                Derivative d = throughZ(l)
                        ? derive("∂" + names.weightedSum(l, j) + "/∂" + w, names.source(l, i), into, intoPrinted)
                        : derive("∂" + names.value(l, j) + "/∂" + w, names.source(l, i) + " × " + slopeName(l, j),
                                into * slope(l, j), intoPrinted * printedSlope(l, j));
                weights[j * inputs + i] = chain(l, w, values.weight(j, i), gradients.weight(j, i), chains.get(j), d);
            }
            if (spec.layer(l).bias()) {
                String b = names.bias(l, j);
                Derivative d = throughZ(l)
                        ? derive("∂" + names.weightedSum(l, j) + "/∂" + b, "1", 1, 1)
                        : derive("∂" + names.value(l, j) + "/∂" + b, slopeName(l, j), slope(l, j),
                                printedSlope(l, j));
                biases[j] = chain(l, b, values.bias(j), gradients.bias(j), chains.get(j), d);
            }
        }
    }

    private static ParameterChain chain(int l, String name, double value, double gradient, List<Factor> upstream,
                                        Derivative local) {
        List<String> chainNames = new ArrayList<>();
        List<Double> factors = new ArrayList<>();
        List<Double> printedFactors = new ArrayList<>();
        for (Factor f : upstream) {
            chainNames.add(f.name());
            factors.add(f.value());
            printedFactors.add(f.printed());
        }
        chainNames.add(local.name());
        factors.add(local.value());
        printedFactors.add(local.asPrinted());
        return new ParameterChain(l, name, value, gradient, chainNames, factors, printedFactors);
    }

    /** From layer {@code l} back to the layer before: the links, then each earlier neuron's chain. */
    private void back(int l, List<List<Factor>> chains, List<List<Factor>> earlier) {
        int units = spec.layer(l).units();
        int inputs = spec.inputsOf(l);
        LayerParameters weights = parameters.layer(l);
        Factor[][] links = new Factor[units][inputs];
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < inputs; i++) {
                String w = names.weight(l, j, i);
                double weight = weights.weight(j, i);
                Derivative d = throughZ(l)
                        ? derive("∂" + names.weightedSum(l, j) + "/∂" + names.source(l, i), w, weight, printed(weight))
                        : derive("∂" + names.value(l, j) + "/∂" + names.source(l, i), w + " × " + slopeName(l, j),
                                weight * slope(l, j), printed(weight) * printedSlope(l, j));
                links[j][i] = new Factor(d);
            }
        }
        double[] dLdEarlier = new double[inputs];
        double[] dLdEarlierPrinted = new double[inputs];
        boolean named = units > 1 || isSoftmax(l - 1);
        for (int i = 0; i < inputs; i++) {
            StringBuilder formula = new StringBuilder();
            double sum = 0;
            double sumPrinted = 0;
            for (int j = 0; j < units; j++) {
                for (Factor f : chains.get(j)) {
                    formula.append(f.name()).append(" × ");
                }
                formula.append(links[j][i].name()).append(j < units - 1 ? " + " : "");
                double term = links[j][i].value();
                double termPrinted = links[j][i].printed();
                for (Factor f : chains.get(j)) {
                    term *= f.value();
                    termPrinted *= f.printed();
                }
                sum += term;
                sumPrinted += termPrinted;
            }
            dLdEarlier[i] = sum;
            dLdEarlierPrinted[i] = printed(sumPrinted);
            if (named) {
                Derivative d = derive("∂L/∂" + names.source(l, i), formula.toString(), sum, sumPrinted);
                earlier.add(List.of(new Factor(d)));
            } else {
                List<Factor> extended = new ArrayList<>(chains.get(0));
                extended.add(links[0][i]);
                earlier.add(extended);
            }
        }
        if (units > 1) {
            notes.add("each neuron of the " + names.layer(l - 1) + " feeds " + units + " neurons, so ∂L/∂"
                    + names.source(l, 0) + " and the others of that layer are sums over the neurons they feed");
        }
        if (isSoftmax(l - 1)) {
            throughSoftmax(l - 1, dLdEarlier, dLdEarlierPrinted, earlier);
        }
    }

    /**
     * A softmax layer's outputs each depend on every {@code z} of the layer:
     * {@code ∂L/∂z_j = a_j (∂L/∂a_j − Σ_k a_k ∂L/∂a_k)}, and the chain goes on from {@code ∂L/∂z}.
     */
    private void throughSoftmax(int l, double[] dLdOut, double[] dLdOutPrinted, List<List<Factor>> chains) {
        int units = spec.layer(l).units();
        double weightedPrinted = 0;
        StringBuilder sum = new StringBuilder();
        for (int k = 0; k < units; k++) {
            weightedPrinted += printed(out[l][k]) * dLdOutPrinted[k];
            sum.append(k > 0 ? " + " : "").append(names.value(l, k)).append(" × ∂L/∂").append(names.value(l, k));
        }
        double[] dLdz = new double[units];
        SaturatedOutputs.softmaxBackward(out[l], dLdOut, dLdz, units);
        for (int j = 0; j < units; j++) {
            String a = names.value(l, j);
            Derivative d = derive("∂L/∂" + names.weightedSum(l, j),
                    a + " × (∂L/∂" + a + " − (" + sum + "))", dLdz[j],
                    printed(out[l][j]) * (dLdOutPrinted[j] - weightedPrinted));
            chains.set(j, List.of(new Factor(d)));
        }
        notes.add("the " + names.layer(l) + " is softmax: each of its outputs depends on every z of the layer, so"
                + " the chain rule goes through ∂L/∂z for that layer, not through f'(z) neuron by neuron");
    }

    /** A value as printed: to the article's three significant figures. */
    private static double printed(double value) {
        return SignificantFigures.round(value, Explanation.FIGURES);
    }

    /** Records a derivative; {@code byHand} is the formula on printed values, rounded here. */
    private Derivative derive(String name, String formula, double value, double byHand) {
        Derivative d = new Derivative(name, formula, value, printed(byHand));
        derivatives.add(d);
        return d;
    }

    /**
     * Cross-entropy after a sigmoid or softmax output: {@code ∂L/∂ŷ × ∂ŷ/∂z} simplifies to
     * {@code ∂L/∂z_k = ŷ_k − y_k} (after softmax {@code ŷ_k Σ_j y_j − y_k}, the same when the targets
     * sum to 1), which stays finite where {@code ŷ} rounds to 0 or 1 and {@code ∂L/∂ŷ} does not.
     */
    private void crossEntropyThroughZ(int o, List<List<Factor>> chains) {
        double targets = 0;
        StringBuilder sum = new StringBuilder();
        for (int k = 0; k < spec.outputs(); k++) {
            targets += target[k];
            sum.append(k > 0 ? " + " : "").append(names.target(k));
        }
        boolean softmax = isSoftmax(o);
        for (int k = 0; k < spec.outputs(); k++) {
            double scale = softmax ? targets : 1;
            String yHat = names.value(o, k);
            String formula = scale == 1 ? yHat + " − " + names.target(k)
                    : yHat + " × (" + sum + ") − " + names.target(k);
            double exact = scale == 1
                    ? SaturatedOutputs.error(spec.layer(o).activation(), z[o], out[o], target, k, spec.outputs())
                    : out[o][k] * scale - target[k];
            Derivative d = derive("∂L/∂" + names.weightedSum(o, k), formula, exact,
                    printed(out[o][k]) * scale - target[k]);
            chains.add(List.of(new Factor(d)));
        }
        notes.add("cross-entropy after a " + spec.layer(o).activation().id() + " output: ∂L/∂ŷ × ∂ŷ/∂z simplifies"
                + " to ∂L/∂z, so the chain rule starts at ∂L/∂z for the output layer (it stays finite where ŷ"
                + " rounds to 0 or 1)");
    }

    /** Whether the chain goes through the layer's {@code ∂L/∂z} rather than through {@code f'(z)}. */
    private boolean throughZ(int l) {
        return isSoftmax(l) || (l == spec.depth() - 1 && spec.loss() == Loss.XENT);
    }

    private boolean isSoftmax(int l) {
        return spec.layer(l).activation() == Activation.SOFTMAX;
    }

    /**
     * {@code f'(z)} of neuron {@code j} of layer {@code l}, from its definition in {@link Activation},
     * at the backend's {@code z} and output.
     */
    private double slope(int l, int j) {
        double a = out[l][j];
        return switch (spec.layer(l).activation()) {
            case SIGMOID -> a * SaturatedOutputs.sigmoidComplement(z[l][j], a);
            case TANH -> SaturatedOutputs.tanhSlope(z[l][j], a);
            case RELU -> z[l][j] > 0 ? 1 : 0;
            case IDENTITY -> 1;
            case SOFTMAX -> throw new IllegalStateException("softmax has no per-neuron slope");
        };
    }

    /**
     * {@code f'(z)} as a reader gets it from the printed {@code z}, by the definition in
     * {@link Activation} (the article's {@code f'(−3) = 0.0452}).
     */
    private double printedSlope(int l, int j) {
        double zPrinted = printed(z[l][j]);
        return switch (spec.layer(l).activation()) {
            case SIGMOID -> {
                double f = 1 / (1 + Math.exp(-zPrinted));
                yield f * (1 - f);
            }
            case TANH -> 1 - Math.tanh(zPrinted) * Math.tanh(zPrinted);
            case RELU -> zPrinted > 0 ? 1 : 0;
            case IDENTITY -> 1;
            case SOFTMAX -> throw new IllegalStateException("softmax has no per-neuron slope");
        };
    }

    private String slopeName(int l, int j) {
        return spec.layer(l).activation().id() + "'(" + names.weightedSum(l, j) + ")";
    }

    /** {@code ∂L/∂ŷ_k} for one row from its error {@code ŷ_k − y_k}, by the definitions in {@link Loss}. */
    private double lossSlope(int k, double error) {
        return switch (spec.loss()) {
            case MSE -> 2.0 / spec.outputs() * error;
            case SSE -> 2 * error;
            case XENT -> throw new IllegalStateException("cross-entropy goes through ∂L/∂z");
        };
    }

    private String lossSlopeFormula(int k) {
        String y = names.target(k);
        String yHat = names.value(spec.depth() - 1, k);
        return switch (spec.loss()) {
            case MSE -> (spec.outputs() == 1 ? "−2" : "−(2/" + spec.outputs() + ")") + " (" + y + " − " + yHat + ")";
            case SSE -> "−2 (" + y + " − " + yHat + ")";
            case XENT -> throw new IllegalStateException("cross-entropy goes through ∂L/∂z");
        };
    }

    private String lossFormula() {
        int k = spec.outputs();
        String y = k == 1 ? "y" : "y_k";
        String yHat = k == 1 ? "ŷ" : "ŷ_k";
        String sum = k == 1 ? "" : "Σ_k ";
        return switch (spec.loss()) {
            case MSE -> (k == 1 ? "" : "(1/" + k + ") Σ_k ") + "(" + y + " − " + yHat + ")²";
            case SSE -> sum + "(" + y + " − " + yHat + ")²";
            case XENT -> isSoftmax(spec.depth() - 1)
                    ? "−Σ_k y_k ln ŷ_k"
                    : "−" + sum + "[" + y + " ln " + yHat + " + (1 − " + y + ") ln(1 − " + yHat + ")]";
        };
    }
}
