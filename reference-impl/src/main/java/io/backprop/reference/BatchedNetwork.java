package io.backprop.reference;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.reference.kernels.ActivationKernels;
import io.backprop.reference.kernels.LossKernels;
import io.backprop.reference.kernels.KernelChoice;
import io.backprop.reference.kernels.LayerProducts;
import io.backprop.reference.kernels.MatrixKernels;
import io.backprop.reference.kernels.RowKernels;
import io.backprop.reference.kernels.SplitWork;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.train.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code reference} backend's network: the textbook's feedforward, backprop and SGD step (the
 * {@code reference-textbook} backend), done for a whole batch at once with the matrix kernels of
 * {@link MatrixKernels} (or their Vector API versions on JDK 25 and later, as {@link KernelChoice} picks), and the activation and loss functions of {@link ActivationKernels} and
 * {@link LossKernels} row by row. Every buffer is allocated once, sized to the largest batch seen so far (at most
 * {@link #CHUNK} rows; a larger batch goes through in chunks), so a training step allocates nothing;
 * a product large enough is split over two threads ({@link SplitWork}).
 *
 * <p>Optimizers: plain SGD is fused into the kernels as above. Any other step (another
 * {@link Optimizer}, or L2 or weight decay) computes the batch's gradients into the gradient buffers
 * without stepping, then applies the API's executable definition, {@link Optimizer#step}, in place,
 * to each weight row and each bias vector, so its numbers are the API's by construction. The
 * optimizer's state lives in arrays shaped like the weights and biases, allocated when the state is
 * set ({@link #setOptimizerStateChecked}), so that such a step allocates nothing either.
 */
final class BatchedNetwork extends AbstractNetwork {
    /**
     * The most rows the batch buffers hold: a larger batch, or a whole data set's loss or predictions,
     * goes through in chunks of this many rows, the chunks' gradients summed before the SGD step.
     */
    private static final int CHUNK = 256;
    /**
     * A network whose every layer has fewer weights than this feeds rows forward one at a time: its
     * products are too small for the batched kernels' transposes and loop set-up to pay off.
     */
    private static final int ROW_BY_ROW_WEIGHTS = 256;

    private final Loss loss;
    private final int depth;
    private final int[] units;
    private final int[] inputs;
    private final Activation[] activations;
    private final double[][][] weights; // weights[l][j][i]: from input i into neuron j of layer l
    private final double[][] biases; // null entries for layers without biases
    private final double[][][] weightGradients;
    private final double[][] biasGradients;
    private final double[] outputScratch; // the loss's ∂L/∂ŷ of one row
    private final boolean rowByRow; // see ROW_BY_ROW_WEIGHTS
    // The optimizer's state: weightState[s][l][j][i] is state s (in Optimizer.stateNames() order) of
    // weights[l][j][i], biasState[s][l][j] of biases[l][j] (null entries for layers without biases).
    private double[][][][] weightState = new double[0][][][];
    private double[][][] biasState = new double[0][][];
    private Class<?> stateOf = Optimizer.Sgd.class; // the optimizer whose state the arrays hold

    private int capacity; // rows the batch buffers hold
    private OneRow[] oneRow; // each layer's row-0 buffers, for stepOneRow
    private double[][] x; // the batch's features, [row][input]
    private double[][] y; // its targets, [row][output]
    private double[][] transposedInput; // a layer's input transposed, [input][row]
    private double[][] transposedSums; // a layer's weighted sums transposed, [neuron][row]
    private final double[][][] z; // each layer's weighted sums, [layer][row][neuron]
    private final double[][][] a; // each layer's outputs
    private final double[][][] delta; // each layer's ∂L/∂a, then ∂L/∂z, in place

    private final TrainingRows trainingRows = new TrainingRows();
    private final SplitWork splitWork = SplitWork.shared();
    // The plain or the Vector API products, as chosen once per JVM (throws if the choice forced cannot be had).
    private final LayerProducts products = KernelChoice.products();
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
        this.weights = new double[depth][][];
        this.biases = new double[depth][];
        this.weightGradients = new double[depth][][];
        this.biasGradients = new double[depth][];
        for (int l = 0; l < depth; l++) {
            units[l] = spec.layer(l).units();
            inputs[l] = spec.inputsOf(l);
            activations[l] = spec.layer(l).activation();
            weights[l] = new double[units[l]][inputs[l]];
            weightGradients[l] = new double[units[l]][inputs[l]];
            if (spec.layer(l).bias()) {
                biases[l] = new double[units[l]];
                biasGradients[l] = new double[units[l]];
            }
        }
        this.outputScratch = new double[spec.outputs()];
        int mostWeights = 0;
        for (int l = 0; l < depth; l++) {
            mostWeights = Math.max(mostWeights, units[l] * inputs[l]);
        }
        this.rowByRow = mostWeights < ROW_BY_ROW_WEIGHTS;
        this.z = new double[depth][][];
        this.a = new double[depth][][];
        this.delta = new double[depth][][];
        ensureCapacity(1);
        setParameters(parameters);
    }

    @Override
    public String backend() {
        return ReferenceBackend.NAME;
    }

    @Override
    protected Network copyWith(Parameters parameters) {
        // Built here, with no look-up on the class path; the copy allocates buffers of its own.
        return new BatchedNetwork(spec(), parameters);
    }

    /** Grows the batch buffers to hold {@code rows} rows; the only allocation after construction. */
    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        int widest = 0;
        int widestInput = 0;
        for (int l = 0; l < depth; l++) {
            z[l] = new double[rows][units[l]];
            a[l] = new double[rows][units[l]];
            delta[l] = new double[rows][units[l]];
            widest = Math.max(widest, units[l]);
            widestInput = Math.max(widestInput, inputs[l]);
        }
        x = new double[rows][inputs[0]];
        y = new double[rows][units[depth - 1]];
        transposedInput = new double[widestInput][rows];
        transposedSums = new double[widest][rows];
        capacity = rows;
        oneRow = new OneRow[depth];
        for (int l = 0; l < depth; l++) {
            oneRow[l] = new OneRow(weights[l], biases[l], units[l], inputs[l], activations[l], z[l][0], a[l][0],
                    delta[l][0], new double[units[l]]);
        }
    }

    /** Copies the rows {@code order[from..to)}, or {@code from..to} when {@code order} is null, into {@link #x}, {@link #y}. */
    private void load(DataSet data, int[] order, int from, int to) {
        boolean targets = data.hasTargets();
        for (int k = from; k < to; k++) {
            int row = order == null ? k : order[k];
            double[] features = x[k - from];
            for (int i = 0; i < features.length; i++) {
                features[i] = data.feature(row, i);
            }
            if (targets) {
                double[] target = y[k - from];
                for (int o = 0; o < target.length; o++) {
                    target[o] = data.target(row, o);
                }
            }
        }
    }

    /** Feeds the {@code rows} rows in {@link #x} through every layer: {@code Z = X·Wᵀ + b}, {@code A = f(Z)}. */
    private void feedforward(int rows) {
        double[][] input = x;
        for (int l = 0; l < depth; l++) {
            double[][] sums = z[l];
            if (rows == 1 || rowByRow) {
                for (int r = 0; r < rows; r++) {
                    MatrixKernels.weightedSumsOfOneRow(weights[l], biases[l], input[r], units[l], inputs[l], sums[r]);
                }
            } else {
                boolean inPlace = products.sumsRowsInPlace();
                if (!inPlace) {
                    MatrixKernels.transpose(input, rows, inputs[l], transposedInput);
                }
                weightedSums.set(l, rows, input, inPlace);
                if (worthSplitting(rows, l)) {
                    splitWork.run(weightedSums, units[l], half(units[l]), flops(rows, l));
                } else {
                    weightedSums.run(0, units[l]);
                }
                if (!inPlace) {
                    MatrixKernels.transpose(transposedSums, units[l], rows, sums);
                }
            }
            for (int r = 0; r < rows; r++) {
                ActivationKernels.forward(activations[l], sums[r], a[l][r], units[l]);
            }
            input = a[l];
        }
    }

    /**
     * Backprop of the {@code rows} rows after {@link #feedforward}: the output layer's {@code ∂L/∂z},
     * times {@code scale}, from the loss; then each layer, from the last, passes {@code ∂L/∂a} to the
     * layer before, computes its gradients (or adds them to the gradients so far, when
     * {@code accumulate}) and, unless {@code learningRate} is 0, takes its SGD step.
     */
    private void backprop(int rows, double scale, boolean accumulate, double learningRate) {
        int out = depth - 1;
        for (int r = 0; r < rows; r++) {
            LossKernels.outputGradient(loss, activations[out], z[out][r], a[out][r], y[r], units[out], scale,
                    outputScratch, delta[out][r]);
        }
        if (rows == 1 && !accumulate && learningRate == 0) {
            gradientsOfOneRow();
            return;
        }
        for (int l = out; l >= 0; l--) {
            boolean split = worthSplitting(rows, l);
            if (l > 0) {
                // Uses this layer's weights before their update below.
                inputGradients.set(l);
                if (split) {
                    splitWork.run(inputGradients, rows, half(rows), flops(rows, l));
                } else {
                    inputGradients.run(0, rows);
                }
            }
            weightGradientsWork.set(l, rows, accumulate, learningRate);
            if (split) {
                splitWork.run(weightGradientsWork, units[l], half(units[l]), flops(rows, l));
            } else {
                weightGradientsWork.run(0, units[l]);
            }
            if (biases[l] != null) {
                MatrixKernels.biasGradients(delta[l], rows, units[l], biasGradients[l], accumulate, biases[l],
                        learningRate);
            }
            if (l > 0) {
                for (int r = 0; r < rows; r++) {
                    double[] d = delta[l - 1][r];
                    ActivationKernels.backward(activations[l - 1], z[l - 1][r], a[l - 1][r], d, d, units[l - 1]);
                }
            }
        }
    }

    /** The gradients of {@link #backprop} for a batch of one row, by {@link MatrixKernels#backpropOneRow}. */
    private void gradientsOfOneRow() {
        for (int l = depth - 1; l >= 0; l--) {
            double[] input = l == 0 ? x[0] : a[l - 1][0];
            double[] dX = l == 0 ? null : delta[l - 1][0];
            MatrixKernels.backpropOneRow(delta[l][0], input, weights[l], weightGradients[l], biasGradients[l], dX,
                    units[l], inputs[l]);
            if (l > 0) {
                ActivationKernels.backward(activations[l - 1], z[l - 1][0], a[l - 1][0], dX, dX, units[l - 1]);
            }
        }
    }

    /** Whether a product of layer {@code l} over {@code rows} rows is worth cutting in two (see {@link SplitWork}). */
    private boolean worthSplitting(int rows, int l) {
        return flops(rows, l) >= SplitWork.MIN_SPLIT_FLOPS;
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
                outputs[r] = a[out][r - from].clone();
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
            for (int r = 0; r < to - from; r++) {
                sum += LossKernels.rowLoss(loss, activations[out], z[out][r], a[out][r], y[r], units[out]);
            }
        }
        return loss.averagesRows() ? sum / data.rows() : sum;
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        gradientsOfBatch(batch, null, 0, batch.rows(), 0.0);
        List<LayerParameters> gradients = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            gradients.add(LayerParameters.of(weightGradients[l], biasGradients[l]));
        }
        return Parameters.of(gradients);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        gradientsOfBatch(data, order, from, to, learningRate);
    }

    /**
     * Plain SGD as {@link #step(DataSet, int[], int, int, double)}, fused into the kernels; any other
     * step takes the batch's gradients without stepping, then {@link Optimizer#step} row by row in
     * place, with the state set by {@link #setOptimizerStateChecked}.
     */
    @Override
    protected void step(DataSet data, int[] order, int from, int to, Step step) {
        double rate = step.learningRate();
        if (step.isPlainSgd()) {
            gradientsOfBatch(data, order, from, to, rate);
            return;
        }
        Optimizer optimizer = step.optimizer();
        if (optimizer.getClass() != stateOf) {
            // AbstractNetwork sets the state before a run with another optimizer; this would be a bug there.
            throw new IllegalStateException("a " + optimizer.name() + " step on the state of "
                    + stateOf.getSimpleName());
        }
        gradientsOfBatch(data, order, from, to, 0.0);
        Regularization regularization = step.regularization();
        long iteration = step.iteration();
        double l2 = regularization.l2For(false);
        double decay = regularization.decayFor(false, rate);
        double l2Bias = regularization.l2For(true);
        double decayBias = regularization.decayFor(true, rate);
        boolean first = weightState.length > 0;
        boolean second = weightState.length > 1;
        for (int l = 0; l < depth; l++) {
            for (int j = 0; j < units[l]; j++) {
                optimizer.step(weights[l][j], weightGradients[l][j], first ? weightState[0][l][j] : null,
                        second ? weightState[1][l][j] : null, inputs[l], rate, iteration, l2, decay);
            }
            if (biases[l] != null) {
                optimizer.step(biases[l], biasGradients[l], first ? biasState[0][l] : null,
                        second ? biasState[1][l] : null, units[l], rate, iteration, l2Bias, decayBias);
            }
        }
    }

    @Override
    protected List<Parameters> optimizerStateChecked(Optimizer optimizer) {
        List<Parameters> state = new ArrayList<>(weightState.length);
        for (int s = 0; s < weightState.length; s++) {
            List<LayerParameters> layers = new ArrayList<>(depth);
            for (int l = 0; l < depth; l++) {
                layers.add(LayerParameters.of(weightState[s][l], biasState[s][l]));
            }
            state.add(Parameters.of(layers));
        }
        return state;
    }

    /** Allocates the state arrays afresh, so that a step never has to. */
    @Override
    protected void setOptimizerStateChecked(Optimizer optimizer, List<Parameters> state) {
        double[][][][] nextWeights = new double[state.size()][depth][][];
        double[][][] nextBiases = new double[state.size()][depth][];
        for (int s = 0; s < state.size(); s++) {
            for (int l = 0; l < depth; l++) {
                LayerParameters layer = state.get(s).layer(l);
                nextWeights[s][l] = layer.weights();
                nextBiases[s][l] = biases[l] == null ? null : layer.biases();
            }
        }
        weightState = nextWeights;
        biasState = nextBiases;
        stateOf = optimizer.getClass();
    }

    /**
     * Sets every layer's gradients to {@code ∂L/∂θ} of the batch of rows {@code order[from..to)} (or
     * {@code from..to}) and, unless {@code learningRate} is 0, takes the SGD step: fused into the
     * kernels for a batch of at most {@link #CHUNK} rows, after the last chunk for a larger one.
     */
    private void gradientsOfBatch(DataSet data, int[] order, int from, int to, double learningRate) {
        int rows = to - from;
        if (rows == 1 && learningRate != 0) {
            stepOneRow(data, order == null ? from : order[from], learningRate);
            return;
        }
        double scale = loss.averagesRows() ? 1.0 / rows : 1.0;
        if (rows <= CHUNK) {
            ensureCapacity(rows);
            load(data, order, from, to);
            feedforward(rows);
            backprop(rows, scale, false, learningRate);
            return;
        }
        ensureCapacity(CHUNK);
        for (int start = from; start < to; start += CHUNK) {
            int end = Math.min(start + CHUNK, to);
            load(data, order, start, end);
            feedforward(end - start);
            backprop(end - start, scale, start > from, 0.0);
        }
        if (learningRate != 0) {
            for (int l = 0; l < depth; l++) {
                MatrixKernels.sgdStep(weights[l], weightGradients[l], biases[l], biasGradients[l], units[l],
                        inputs[l], learningRate);
            }
        }
    }

    /**
     * Per-sample SGD on row {@code row}: feedforward, backprop and the step fused layer by layer
     * ({@link RowKernels}), keeping no gradients.
     */
    private void stepOneRow(DataSet data, int row, double learningRate) {
        OneRow[] layers = oneRow;
        double[] features;
        double[] target;
        if (trainingRows.hold(data)) {
            features = trainingRows.features(row);
            target = trainingRows.targets(row);
        } else {
            features = x[0];
            target = y[0];
            for (int i = 0; i < features.length; i++) {
                features[i] = data.feature(row, i);
            }
            for (int o = 0; o < target.length; o++) {
                target[o] = data.target(row, o);
            }
        }
        double[] input = features;
        for (OneRow layer : layers) {
            RowKernels.feedforward(layer.w, layer.b, input, layer.units, layer.inputs, layer.f, layer.z, layer.a,
                    layer.complement);
            input = layer.a;
        }
        OneRow output = layers[layers.length - 1];
        RowKernels.outputDelta(loss, output.f, output.z, output.a, output.complement, target, output.units,
                outputScratch, output.delta);
        for (int l = layers.length - 1; l > 0; l--) {
            OneRow layer = layers[l];
            OneRow below = layers[l - 1];
            RowKernels.backpropAndStep(layer.delta, below.a, layer.w, layer.b, layer.units, layer.inputs,
                    learningRate, below.delta, below.f, below.z, below.complement);
        }
        OneRow first = layers[0];
        RowKernels.backpropAndStep(first.delta, features, first.w, first.b, first.units, first.inputs, learningRate,
                null, null, null, null);
    }

    /** One layer's arrays for row 0 of the buffers, gathered so that a per-sample step reads each with one load. */
    private record OneRow(double[][] w, double[] b, int units, int inputs, Activation f, double[] z, double[] a,
                          double[] delta, double[] complement) {
    }

    @Override
    protected Parameters parametersChecked() {
        List<LayerParameters> values = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            values.add(LayerParameters.of(weights[l], biases[l]));
        }
        return Parameters.of(values);
    }

    /** Looks in place: {@code fit} asks after every computed loss, and a copy would allocate. */
    @Override
    protected boolean parametersFinite() {
        for (int l = 0; l < depth; l++) {
            for (double[] row : weights[l]) {
                for (double w : row) {
                    if (!Double.isFinite(w)) {
                        return false;
                    }
                }
            }
            if (biases[l] != null) {
                for (double b : biases[l]) {
                    if (!Double.isFinite(b)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        for (int l = 0; l < depth; l++) {
            LayerParameters layer = parameters.layer(l);
            for (int j = 0; j < units[l]; j++) {
                for (int i = 0; i < inputs[l]; i++) {
                    weights[l][j][i] = layer.weight(j, i);
                }
                if (biases[l] != null) {
                    biases[l][j] = layer.bias(j);
                }
            }
        }
    }

    /**
     * The weighted sums of one layer, as work cut by neurons: {@link LayerProducts#weightedSumsOfRows} into
     * {@link #z} when the products take the batch as it is, else {@link LayerProducts#weightedSums} from
     * {@link #transposedInput} into {@link #transposedSums}.
     */
    private final class WeightedSums implements SplitWork.Range {
        private int layer;
        private int rows;
        private double[][] input;
        private boolean inPlace;

        void set(int layer, int rows, double[][] input, boolean inPlace) {
            this.layer = layer;
            this.rows = rows;
            this.input = input;
            this.inPlace = inPlace;
        }

        @Override
        public void run(int from, int to) {
            if (inPlace) {
                products.weightedSumsOfRows(weights[layer], biases[layer], input, rows, inputs[layer], z[layer],
                        from, to);
            } else {
                products.weightedSums(weights[layer], biases[layer], transposedInput, rows, inputs[layer],
                        transposedSums, from, to);
            }
        }
    }

    /** {@link MatrixKernels#inputGradients} of one layer into the layer before's {@code delta}, cut by rows. */
    private final class InputGradients implements SplitWork.Range {
        private int layer;

        void set(int layer) {
            this.layer = layer;
        }

        @Override
        public void run(int from, int to) {
            products.inputGradients(delta[layer], weights[layer], units[layer], inputs[layer], delta[layer - 1],
                    from, to);
        }
    }

    /** {@link MatrixKernels#weightGradients} of one layer with its SGD step, cut by neurons. */
    private final class WeightGradients implements SplitWork.Range {
        private int layer;
        private int rows;
        private boolean accumulate;
        private double learningRate;

        void set(int layer, int rows, boolean accumulate, double learningRate) {
            this.layer = layer;
            this.rows = rows;
            this.accumulate = accumulate;
            this.learningRate = learningRate;
        }

        @Override
        public void run(int from, int to) {
            double[][] input = layer == 0 ? x : a[layer - 1];
            products.weightGradients(delta[layer], input, rows, inputs[layer], weightGradients[layer],
                    accumulate, weights[layer], learningRate, from, to);
        }
    }
}
