package io.backprop.reference;

import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.reference.kernels.BatchActivations;
import io.backprop.reference.kernels.BatchLosses;
import io.backprop.reference.kernels.MatrixKernels;
import io.backprop.reference.kernels.SplitWork;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code reference} backend's network: the textbook's feedforward, backprop and SGD step
 * ({@link io.backprop.reference.textbook.TextbookNetwork}), done for a whole batch at once with the
 * matrix kernels of {@link MatrixKernels}. Every buffer is allocated once, sized to the largest
 * batch seen so far, so a training step allocates nothing; work large enough is split over two
 * threads ({@link SplitWork}).
 */
final class BatchedNetwork extends AbstractNetwork {
    /** Rows fed forward at a time when computing the loss or predictions of a whole data set. */
    private static final int CHUNK = 64;

    private final Loss loss;
    private final int depth;
    private final int[] units;
    private final int[] inputs;
    private final Activation[] activations;
    private final double[][] weights; // w[j][i] at [j * inputs + i]
    private final double[][] biases; // null entries for layers without biases
    private final double[][] weightGradients;
    private final double[][] biasGradients;

    private int capacity; // rows the batch buffers hold
    private double[] x; // the batch's features, rows × inputs
    private double[] y; // its targets, rows × outputs
    private double[] transposedInput; // a layer's input transposed, inputs × rows
    private double[] transposedSums; // a layer's weighted sums transposed, units × rows
    private double[][] z; // each layer's weighted sums, rows × units
    private double[][] a; // each layer's outputs
    private double[][] delta; // each layer's ∂L/∂a, then ∂L/∂z, in place
    private int[] sequence = new int[0]; // 0, 1, 2, ... for data visited in order

    private final SplitWork splitWork = SplitWork.shared();
    private final WeightedSums weightedSums = new WeightedSums();
    private final InputGradients inputGradients = new InputGradients();
    private final WeightGradients weightGradientsWork = new WeightGradients();

    BatchedNetwork(NetworkSpec spec, Parameters parameters) {
        super(spec);
        this.loss = spec.loss();
        this.depth = spec.depth();
        this.units = new int[depth];
        this.inputs = new int[depth];
        this.activations = new Activation[depth];
        this.weights = new double[depth][];
        this.biases = new double[depth][];
        this.weightGradients = new double[depth][];
        this.biasGradients = new double[depth][];
        for (int l = 0; l < depth; l++) {
            units[l] = spec.layer(l).units();
            inputs[l] = spec.inputsOf(l);
            activations[l] = spec.layer(l).activation();
            weights[l] = new double[units[l] * inputs[l]];
            weightGradients[l] = new double[units[l] * inputs[l]];
            if (spec.layer(l).bias()) {
                biases[l] = new double[units[l]];
                biasGradients[l] = new double[units[l]];
            }
        }
        this.z = new double[depth][];
        this.a = new double[depth][];
        this.delta = new double[depth][];
        ensureCapacity(1);
        setParameters(parameters);
    }

    @Override
    public String backend() {
        return ReferenceBackend.NAME;
    }

    /** Grows the batch buffers to hold {@code rows} rows; the only allocation after construction. */
    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        int widest = 0;
        int widestInput = 0;
        for (int l = 0; l < depth; l++) {
            z[l] = new double[rows * units[l]];
            a[l] = new double[rows * units[l]];
            delta[l] = new double[rows * units[l]];
            widest = Math.max(widest, units[l]);
            widestInput = Math.max(widestInput, inputs[l]);
        }
        x = new double[rows * inputs[0]];
        y = new double[rows * units[depth - 1]];
        transposedInput = new double[rows * widestInput];
        transposedSums = new double[rows * widest];
        capacity = rows;
    }

    /** Copies rows {@code order[from..to)} (or {@code from..to} when {@code order} is null) into {@link #x}, {@link #y}. */
    private void load(DataSet data, int[] order, int from, int to) {
        if (order == null) {
            if (sequence.length < to) {
                sequence = new int[data.rows()];
                java.util.Arrays.setAll(sequence, r -> r);
            }
            order = sequence;
        }
        data.copyFeatures(order, from, to, x);
        if (data.hasTargets()) {
            data.copyTargets(order, from, to, y);
        }
    }

    /** Feeds the {@code rows} rows in {@link #x} through every layer: {@code Z = X·Wᵀ + b}, {@code A = f(Z)}. */
    private void feedforward(int rows) {
        double[] input = x;
        for (int l = 0; l < depth; l++) {
            double[] sums = z[l];
            if (rows == 1) {
                // A single row is its own transpose.
                weightedSums.set(l, input, rows, sums);
            } else {
                MatrixKernels.transpose(input, rows, inputs[l], transposedInput);
                weightedSums.set(l, transposedInput, rows, transposedSums);
            }
            splitWork.run(weightedSums, units[l], half(units[l]), flops(rows, l));
            if (rows > 1) {
                MatrixKernels.transpose(transposedSums, units[l], rows, sums);
            }
            BatchActivations.forward(activations[l], sums, a[l], rows, units[l]);
            input = a[l];
        }
    }

    /**
     * Backprop of the {@code rows} rows after {@link #feedforward}: the output layer's {@code ∂L/∂z},
     * times {@code scale}, from the loss; then each layer, from the last, passes {@code ∂L/∂a} to the
     * layer before, computes its gradients and, unless {@code learningRate} is 0, takes its SGD step.
     */
    private void backprop(int rows, double scale, double learningRate) {
        int out = depth - 1;
        BatchLosses.outputGradient(loss, activations[out], z[out], a[out], y, rows, units[out], scale, delta[out]);
        for (int l = out; l >= 0; l--) {
            if (l > 0) {
                // Uses this layer's weights before their update below.
                inputGradients.set(l, rows);
                splitWork.run(inputGradients, rows, half(rows), flops(rows, l));
            }
            weightGradientsWork.set(l, rows, learningRate);
            splitWork.run(weightGradientsWork, units[l], half(units[l]), flops(rows, l));
            if (biases[l] != null) {
                MatrixKernels.biasGradients(delta[l], rows, units[l], biasGradients[l], biases[l], learningRate);
            }
            if (l > 0) {
                BatchActivations.backward(activations[l - 1], z[l - 1], a[l - 1], delta[l - 1], rows, units[l - 1]);
            }
        }
    }

    private long flops(int rows, int l) {
        return 2L * rows * units[l] * inputs[l];
    }

    /** Where to cut {@code count} in two: the middle, rounded down to the kernels' tile of four. */
    private static int half(int count) {
        return (count / 2) & ~3;
    }

    @Override
    protected double[][] predictChecked(DataSet data) {
        int out = depth - 1;
        double[][] outputs = new double[data.rows()][];
        for (int from = 0; from < data.rows(); from += CHUNK) {
            int to = Math.min(from + CHUNK, data.rows());
            ensureCapacity(to - from);
            load(data, null, from, to);
            feedforward(to - from);
            for (int r = from; r < to; r++) {
                outputs[r] = java.util.Arrays.copyOfRange(a[out], (r - from) * units[out], (r - from + 1) * units[out]);
            }
        }
        return outputs;
    }

    @Override
    protected double lossChecked(DataSet data) {
        int out = depth - 1;
        double sum = 0;
        for (int from = 0; from < data.rows(); from += CHUNK) {
            int to = Math.min(from + CHUNK, data.rows());
            ensureCapacity(to - from);
            load(data, null, from, to);
            feedforward(to - from);
            sum += BatchLosses.sum(loss, activations[out], z[out], a[out], y, to - from, units[out]);
        }
        return loss.averagesRows() ? sum / data.rows() : sum;
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        int rows = batch.rows();
        ensureCapacity(rows);
        load(batch, null, 0, rows);
        feedforward(rows);
        backprop(rows, loss.averagesRows() ? 1.0 / rows : 1.0, 0.0);
        List<LayerParameters> gradients = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            gradients.add(LayerParameters.ofFlat(units[l], inputs[l], weightGradients[l], biasGradients[l]));
        }
        return Parameters.of(gradients);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        int rows = to - from;
        ensureCapacity(rows);
        load(data, order, from, to);
        feedforward(rows);
        backprop(rows, loss.averagesRows() ? 1.0 / rows : 1.0, learningRate);
    }

    @Override
    public Parameters parameters() {
        List<LayerParameters> values = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            values.add(LayerParameters.ofFlat(units[l], inputs[l], weights[l], biases[l]));
        }
        return Parameters.of(values);
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        for (int l = 0; l < depth; l++) {
            parameters.layer(l).copyWeightsTo(weights[l], 0);
            parameters.layer(l).copyBiasesTo(biases[l], 0);
        }
    }

    /** {@link MatrixKernels#weightedSums} of one layer, as work {@link SplitWork} can cut by neurons. */
    private final class WeightedSums implements SplitWork.Range {
        private int layer;
        private double[] transposedInput;
        private int rows;
        private double[] transposedSums;

        void set(int layer, double[] transposedInput, int rows, double[] transposedSums) {
            this.layer = layer;
            this.transposedInput = transposedInput;
            this.rows = rows;
            this.transposedSums = transposedSums;
        }

        @Override
        public void run(int from, int to) {
            MatrixKernels.weightedSums(weights[layer], biases[layer], transposedInput, rows, inputs[layer],
                    transposedSums, from, to);
        }
    }

    /** {@link MatrixKernels#inputGradients} of one layer into the layer before's {@code delta}, cut by rows. */
    private final class InputGradients implements SplitWork.Range {
        private int layer;
        private int rows;

        void set(int layer, int rows) {
            this.layer = layer;
            this.rows = rows;
        }

        @Override
        public void run(int from, int to) {
            MatrixKernels.inputGradients(delta[layer], weights[layer], units[layer], inputs[layer], delta[layer - 1],
                    from, to);
        }
    }

    /** {@link MatrixKernels#weightGradients} of one layer with its SGD step, cut by neurons. */
    private final class WeightGradients implements SplitWork.Range {
        private int layer;
        private int rows;
        private double learningRate;

        void set(int layer, int rows, double learningRate) {
            this.layer = layer;
            this.rows = rows;
            this.learningRate = learningRate;
        }

        @Override
        public void run(int from, int to) {
            double[] input = layer == 0 ? x : a[layer - 1];
            MatrixKernels.weightGradients(delta[layer], input, rows, units[layer], inputs[layer],
                    weightGradients[layer], weights[layer], learningRate, from, to);
        }
    }
}
