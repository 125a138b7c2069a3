package io.backprop.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.spi.SaturatedOutputs;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * A network whose weights and biases are PyTorch tensors in float64, computed by PyTorch's kernels:
 * the forward pass ({@code z = x·Wᵀ + b} and the activations), the backward matrix products and the
 * SGD update. The output layer's loss and {@code ∂L/∂z} are taken in Java ({@link OutputLayer}).
 *
 * <p>Why explicit backward products rather than autograd: the hidden layers' slopes are taken from
 * {@code z} ({@code a·σ(−z)} for a sigmoid, {@code 1/cosh²z} for a tanh), which keeps their digits where
 * autograd's {@code a(1 − a)} and {@code 1 − a²} from the rounded {@code a} lose them; and it keeps clear
 * of DJL's autograd traps (one {@code GradientCollector} in the whole JVM at a time, gradients that
 * accumulate unless zeroed), so networks on several threads train at once.
 *
 * <p>Memory: the parameters live in a manager of their own, freed when the network is collected (the
 * API's networks have no {@code close}); everything a call computes lives in a sub-manager closed when
 * the call returns. An operation's result belongs to its receiver's manager, so no operation here has a
 * parameter tensor as receiver but the in-place update and transposes that are closed at once.
 *
 * <p>Optimizers other than plain SGD, and regularization, are the API's own definitions applied by
 * {@link AbstractNetwork} on the gradients computed here (see the module's README for why).
 */
final class PytorchNetwork extends AbstractNetwork {
    /** Frees the parameters' native memory once a network is unreachable. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final NDManager manager;
    private final NDArray[] weights;
    private final NDArray[] biases;
    private final OutputLayer output;
    /** {@code 0, 1, 2, …}: the order of a whole data set's rows, kept for the next call. */
    private int[] identity = new int[0];

    PytorchNetwork(NetworkSpec spec, Parameters parameters) {
        super(spec);
        NDManager own = LibTorch.newManager();
        this.manager = own;
        CLEANER.register(this, own::close);
        this.weights = new NDArray[spec.depth()];
        this.biases = new NDArray[spec.depth()];
        LayerSpec last = spec.layer(spec.depth() - 1);
        this.output = new OutputLayer(last.activation(), spec.loss(), last.units());
        setParametersChecked(parameters);
    }

    @Override
    public String backend() {
        return PytorchBackend.NAME;
    }

    @Override
    protected Network copyWith(Parameters parameters) {
        return new PytorchNetwork(spec(), parameters);
    }

    /** The manager of the network's parameters, closed once the network is unreachable. */
    NDManager manager() {
        return manager;
    }

    /**
     * How many native arrays the network's manager holds, its sub-managers' included: between calls,
     * exactly its weights and biases, however many calls were made.
     */
    int nativeArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    protected double[][] predictChecked(DataSet data) {
        int rows = data.rows();
        try (NDManager call = manager.newSubManager()) {
            Pass pass = forward(call, features(call, data, inOrder(rows), 0, rows), rows);
            double[] flat = pass.a(spec().depth() - 1).toDoubleArray();
            int outputs = spec().outputs();
            double[][] result = new double[rows][outputs];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * outputs, result[r], 0, outputs);
            }
            return result;
        }
    }

    @Override
    protected double lossChecked(DataSet data) {
        int rows = data.rows();
        try (NDManager call = manager.newSubManager()) {
            int[] order = inOrder(rows);
            Pass pass = forward(call, features(call, data, order, 0, rows), rows);
            int last = spec().depth() - 1;
            return output.loss(pass.z(last).toDoubleArray(), pass.a(last).toDoubleArray(),
                    targets(data, order, 0, rows), rows);
        }
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        int rows = batch.rows();
        try (NDManager call = manager.newSubManager()) {
            NDArray[][] gradients = backward(call, batch, inOrder(rows), 0, rows);
            List<LayerParameters> layers = new ArrayList<>(spec().depth());
            for (int l = 0; l < spec().depth(); l++) {
                layers.add(LayerParameters.ofFlat(spec().layer(l).units(), spec().inputsOf(l),
                        gradients[0][l].toDoubleArray(), gradients[1][l] == null ? null : gradients[1][l].toDoubleArray()));
            }
            return Parameters.of(layers);
        }
    }

    /**
     * {@code θ ← θ − η·∂L/∂θ}, in place, in float64: {@code η} is a float64 tensor. Not DJL's
     * {@code sgdUpdate}, whose learning rate is a {@code float} (0.1 would step by 0.10000000149).
     */
    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        try (NDManager call = manager.newSubManager()) {
            NDArray[][] gradients = backward(call, data, order, from, to);
            NDArray rate = call.create(learningRate);
            for (int l = 0; l < spec().depth(); l++) {
                weights[l].subi(gradients[0][l].muli(rate));
                if (biases[l] != null) {
                    biases[l].subi(gradients[1][l].muli(rate));
                }
            }
        }
    }

    /**
     * Looks in place, not at a copy: the largest magnitude of each tensor is finite exactly when every
     * value is (PyTorch's max carries a NaN through). The copy {@link AbstractNetwork} makes by default
     * made the MLP 784-256-10's training step allocate 3.70 MB of Java arrays; now 0.45 MB, the batch's
     * rows (JMH's gc profiler).
     */
    @Override
    protected boolean parametersFinite() {
        for (NDArray[] group : new NDArray[][] {weights, biases}) {
            for (NDArray values : group) {
                if (values != null && !Double.isFinite(largestMagnitude(values))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double largestMagnitude(NDArray values) {
        // Both temporaries belong to the parameters' manager: closed here, not left to it.
        try (NDArray magnitudes = values.abs(); NDArray largest = magnitudes.max()) {
            return largest.getDouble();
        }
    }

    @Override
    protected Parameters parametersChecked() {
        List<LayerParameters> layers = new ArrayList<>(spec().depth());
        for (int l = 0; l < spec().depth(); l++) {
            layers.add(LayerParameters.ofFlat(spec().layer(l).units(), spec().inputsOf(l), weights[l].toDoubleArray(),
                    biases[l] == null ? null : biases[l].toDoubleArray()));
        }
        return Parameters.of(layers);
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        for (int l = 0; l < spec().depth(); l++) {
            LayerParameters layer = parameters.layer(l);
            int units = layer.units();
            int inputs = layer.inputs();
            double[] flat = new double[units * inputs];
            layer.copyWeightsTo(flat, 0);
            replace(weights, l, manager.create(flat, new Shape(units, inputs)));
            if (layer.hasBiases()) {
                double[] b = new double[units];
                layer.copyBiasesTo(b, 0);
                replace(biases, l, manager.create(b, new Shape(units)));
            }
        }
    }

    private static void replace(NDArray[] arrays, int index, NDArray array) {
        NDArray old = arrays[index];
        arrays[index] = array;
        if (old != null) {
            old.close();
        }
    }

    /** Each layer's weighted sums and outputs, {@code [rows × units]}, in {@code call}'s manager. */
    private record Pass(NDArray[] zs, NDArray[] as) {
        NDArray z(int layer) {
            return zs[layer];
        }

        NDArray a(int layer) {
            return as[layer];
        }
    }

    private Pass forward(NDManager call, NDArray x, int rows) {
        int depth = spec().depth();
        NDArray[] zs = new NDArray[depth];
        NDArray[] as = new NDArray[depth];
        NDArray in = x;
        for (int l = 0; l < depth; l++) {
            NDArray z;
            try (NDArray transposed = weights[l].transpose()) {
                z = in.matMul(transposed);
            }
            if (biases[l] != null) {
                z.addi(biases[l]);
            }
            zs[l] = z;
            as[l] = activate(spec().layer(l).activation(), z);
            in = as[l];
        }
        return new Pass(zs, as);
    }

    private static NDArray activate(Activation activation, NDArray z) {
        return switch (activation) {
            case SIGMOID -> z.getNDArrayInternal().sigmoid();
            case TANH -> z.tanh();
            case RELU -> z.getNDArrayInternal().relu();
            // PyTorch's softmax subtracts the largest z first, as the API asks.
            case SOFTMAX -> z.softmax(1);
            case IDENTITY -> z;
        };
    }

    /**
     * The gradients of the batch's loss, {@code [weights, biases]} by layer (a null bias gradient for a
     * layer without biases), in {@code call}'s manager.
     */
    private NDArray[][] backward(NDManager call, DataSet data, int[] order, int from, int to) {
        int rows = to - from;
        int depth = spec().depth();
        NDArray x = features(call, data, order, from, to);
        Pass pass = forward(call, x, rows);
        int last = depth - 1;
        double[] dLdzLast = output.dLdz(pass.z(last).toDoubleArray(), pass.a(last).toDoubleArray(),
                targets(data, order, from, to), rows);
        NDArray delta = call.create(dLdzLast, new Shape(rows, spec().outputs()));
        NDArray[] weightGradients = new NDArray[depth];
        NDArray[] biasGradients = new NDArray[depth];
        for (int l = last; l >= 0; l--) {
            NDArray in = l == 0 ? x : pass.a(l - 1);
            weightGradients[l] = delta.transpose().matMul(in);
            if (biases[l] != null) {
                biasGradients[l] = delta.sum(new int[] {0});
            }
            if (l > 0) {
                NDArray dLda = delta.matMul(weights[l]);
                delta = throughActivation(call, spec().layer(l - 1).activation(), pass.z(l - 1), pass.a(l - 1), dLda);
            }
        }
        return new NDArray[][] {weightGradients, biasGradients};
    }

    /** A hidden layer's {@code ∂L/∂z} from its {@code ∂L/∂a}, every slope taken from {@code z}. */
    private static NDArray throughActivation(NDManager call, Activation activation, NDArray z, NDArray a, NDArray dLda) {
        return switch (activation) {
            // σ'(z) = σ(z)·σ(−z): σ(−z) is 1 − a without the cancelling near a = 1.
            case SIGMOID -> dLda.mul(a).muli(z.neg().getNDArrayInternal().sigmoid());
            // tanh'(z) = 1/cosh²z, which keeps its digits where 1 − a² of a rounded a ≈ ±1 does not.
            case TANH -> {
                NDArray cosh = z.cosh();
                yield dLda.div(cosh).divi(cosh);
            }
            case RELU -> dLda.mul(z.gt(0).toType(DataType.FLOAT64, false));
            case IDENTITY -> dLda;
            // Every output depends on every z: in Java, with the dominant output's slope kept exact.
            case SOFTMAX -> softmaxBackward(call, a, dLda);
        };
    }

    private static NDArray softmaxBackward(NDManager call, NDArray a, NDArray dLda) {
        long[] shape = a.getShape().getShape();
        int rows = (int) shape[0];
        int units = (int) shape[1];
        double[] outputs = a.toDoubleArray();
        double[] slopes = dLda.toDoubleArray();
        double[] result = new double[rows * units];
        double[] aRow = new double[units];
        double[] dLdaRow = new double[units];
        double[] dLdzRow = new double[units];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(outputs, r * units, aRow, 0, units);
            System.arraycopy(slopes, r * units, dLdaRow, 0, units);
            SaturatedOutputs.softmaxBackward(aRow, dLdaRow, dLdzRow, units);
            System.arraycopy(dLdzRow, 0, result, r * units, units);
        }
        return call.create(result, new Shape(rows, units));
    }

    private NDArray features(NDManager call, DataSet data, int[] order, int from, int to) {
        double[] flat = new double[(to - from) * spec().inputs()];
        data.copyFeatures(order, from, to, flat);
        return call.create(flat, new Shape(to - from, spec().inputs()));
    }

    private double[] targets(DataSet data, int[] order, int from, int to) {
        double[] flat = new double[(to - from) * spec().outputs()];
        data.copyTargets(order, from, to, flat);
        return flat;
    }

    /** The rows of a data set in their own order: {@code 0, 1, …, rows − 1}. */
    private int[] inOrder(int rows) {
        if (identity.length < rows) {
            identity = new int[rows];
            for (int r = 0; r < rows; r++) {
                identity[r] = r;
            }
        }
        return identity;
    }
}
