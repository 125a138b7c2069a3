package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.spi.Backend;
import io.backprop.spi.NativeModelFormat;
import io.backprop.spi.SaturatedOutputs;
import io.backprop.train.EpochListener;
import io.backprop.train.Step;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small backend written only to test the kit: correct with {@link Defect#NONE}, and with each
 * other defect carrying one mistake people really make, which the kit must catch.
 *
 * <p>It is registered, as {@value #NAME}, in the kit's test resources
 * ({@code META-INF/services/io.backprop.spi.Backend}), so that the registration cases run on it as on
 * a shipped backend; ServiceLoader makes the sound one, with the public no-argument constructor. Its
 * native model format is the API's model file.
 */
public final class NaiveBackend implements Backend {
    /** The name it is registered under. */
    static final String NAME = "naive";

    enum Defect {
        NONE,
        /** σ'(z) taken as σ(a)(1 − σ(a)), applying the sigmoid twice. */
        SIGMOID_DERIVATIVE_OF_THE_OUTPUT,
        /** The bias gradient summed over the batch where mse and xent average it. */
        BIAS_GRADIENT_NOT_AVERAGED,
        /** A square weight matrix read as [input][neuron] instead of [neuron][input]. */
        TRANSPOSED_WEIGHTS,
        /** Gradients summed over an epoch's batches and applied once per epoch. */
        UPDATE_ONCE_PER_EPOCH,
        /** Softmax without subtracting the largest z first, so e^z overflows. */
        SOFTMAX_WITHOUT_SHIFT,
        /** {@code 1 − a} of a saturated output taken from the rounded {@code a}, losing its digits. */
        COMPLEMENT_FROM_THE_ROUNDED_OUTPUT,
        /** Parameters taken as finite without looking, as if a finite loss proved them so. */
        PARAMETERS_TRUSTED_FINITE,
        /** A shallow copy: the copy holds the original's weight and bias arrays, so training one trains both. */
        SHALLOW_COPY,
        /**
         * No copy of its own: the default looks for a backend of the network's name on the class path,
         * where this one is not registered.
         */
        COPY_BY_AN_UNREGISTERED_NAME,
        /** relu′(0) taken as 1, as {@code z >= 0} where the API says 0 at the kink. */
        RELU_SLOPE_ONE_AT_ZERO,
        /** tanh's slope taken as 0 beyond |z| = 20, where it is below 1e-17 but not 0 (a "shortcut"). */
        TANH_SLOPE_ZERO_BEYOND_20,
        /** The softmax + cross-entropy gradient taken as ŷ − y, right only when the targets sum to 1. */
        SOFTMAX_XENT_GRADIENT_IGNORES_TARGET_SUM,
        /**
         * The rows a network trains on are staged once into a scratch buffer that later calls reuse, so
         * that steps copy nothing; but the buffer is one static array every network shares, and each
         * network remembers that it staged its data, not that another may have staged over it since:
         * two networks training on two threads at once train on each other's rows.
         */
        SCRATCH_SHARED_BY_EVERY_NETWORK,
        /** Networks say "naive-java", the backend's name before a rename, where it is registered as "naive". */
        NETWORK_SAYS_ANOTHER_NAME,
        /** fit calls the listener but ignores its answer, as a backend with a loop of its own might. */
        LISTENER_STOP_IGNORED,
        /** The native format prints 15 significant digits, as {@code %.15g}, which is not every double's 17. */
        NATIVE_FORMAT_LOSES_DIGITS,
        /**
         * A step reuses the rows it copied at an earlier step when the batch's data set has the same shape, as
         * a backend that keeps one native array per shape and forgets to copy the new rows in would.
         */
        ROWS_KEPT_BY_SHAPE,
        /** Predicting more than 256 rows adds no bias to row 257 onward: a bias broadcast sized for one buffer of 256 rows. */
        BIAS_DROPPED_PAST_ROW_256,
        /** A batch of more than 256 rows trained in chunks of 256, each averaged over its own rows, then the means averaged. */
        LARGE_BATCH_AS_MEAN_OF_CHUNK_MEANS,
        /** ∂L/∂θ kept in float, in gradients() and fit alike: 7 digits where the API promises float64. */
        GRADIENTS_ROUNDED_TO_FLOAT,
        /** A layer of more than 256 inputs summed in blocks of 64 inputs, the last partial block skipped. */
        REMAINDER_OF_BLOCKED_SUM_DROPPED,
        /** Past 2^26 multiply-adds, a batch's rows split in two halves whose gradients meet by assignment: one half lost. */
        SPLIT_GRADIENT_HALF_LOST,
        /** Adam's step size taken as η, without the bias correction √(1 − β2^(t+1)) / (1 − β1^(t+1)). */
        ADAM_WITHOUT_BIAS_CORRECTION(true),
        /** RMSProp's ε added inside the square root, η·g/√(s + ε), as some write it, where DL4J adds it to √s. */
        EPSILON_INSIDE_THE_SQUARE_ROOT(true),
        /** RMSProp's mean square started at 0, as PyTorch and Keras start it, where DL4J starts it at ε. */
        RMSPROP_STATE_STARTING_AT_ZERO(true),
        /** L2's λ₂·θ added to the optimizer's update, after it, instead of to the gradient before it. */
        L2_AFTER_THE_UPDATE(true),
        /** The optimizer's state (Nesterov's velocity, Adam's moments) started afresh at every fit. */
        MOMENTUM_RESET_AT_EACH_FIT(true),
        /** The iteration count t that Adam's bias correction reads kept by the backend and restarted every epoch. */
        ITERATION_COUNT_RESTARTING_PER_EPOCH(true);

        /** Whether the defect is in a step of the backend's own, rather than the API's generic one. */
        private final boolean ownOptimizer;

        Defect() {
            this(false);
        }

        Defect(boolean ownOptimizer) {
            this.ownOptimizer = ownOptimizer;
        }
    }

    private final Defect defect;

    /** The sound backend, as ServiceLoader makes it. */
    public NaiveBackend() {
        this(Defect.NONE);
    }

    NaiveBackend(Defect defect) {
        this.defect = defect;
    }

    @Override
    public String name() {
        return defect == Defect.COPY_BY_AN_UNREGISTERED_NAME ? NAME + "-unregistered" : NAME;
    }

    @Override
    public String description() {
        return "the kit's own test double, " + defect;
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        return new NaiveNetwork(spec, parameters, defect, name());
    }

    @Override
    public Optional<NativeModelFormat> nativeFormat() {
        return Optional.of(new NativeModelFormat() {
            @Override
            public String description() {
                return "the naive backend's model file";
            }

            @Override
            public void write(Model model, Path file) {
                ModelFile.write(file, defect == Defect.NATIVE_FORMAT_LOSES_DIGITS ? fifteenDigits(model) : model);
            }

            @Override
            public Model read(Path file) {
                return ModelFile.read(file);
            }
        });
    }

    /** {@code model} with every parameter rounded to 15 significant digits. */
    private static Model fifteenDigits(Model model) {
        Parameters parameters = model.parameters().orElseThrow();
        List<LayerParameters> layers = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            double[] w = new double[layer.units() * layer.inputs()];
            layer.copyWeightsTo(w, 0);
            java.util.Arrays.setAll(w, k -> fifteenDigits(w[k]));
            double[] b = layer.hasBiases() ? layer.biases() : null;
            if (b != null) {
                java.util.Arrays.setAll(b, k -> fifteenDigits(b[k]));
            }
            layers.add(LayerParameters.ofFlat(layer.units(), layer.inputs(), w, b));
        }
        return model.withParameters(Parameters.of(layers));
    }

    private static double fifteenDigits(double value) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.15g", value));
    }

    /** SCRATCH_SHARED_BY_EVERY_NETWORK's buffer: the staged rows, features then targets, row after row. */
    private static double[] stagedRows = new double[0];

    private static final class NaiveNetwork extends AbstractNetwork {
        private final Defect defect;
        private final String backend;
        private double[][][] w; // [layer][neuron][input]
        private double[][] b; // [layer][neuron], null for a layer without bias
        private double[][][] pendingW; // the epoch's summed gradients, for UPDATE_ONCE_PER_EPOCH
        private double[][] pendingB;
        private DataSet staged; // SCRATCH_SHARED_BY_EVERY_NETWORK: the data this network staged in stagedRows

        NaiveNetwork(NetworkSpec spec, Parameters parameters, Defect defect, String backend) {
            super(spec);
            this.defect = defect;
            this.backend = backend;
            setParameters(parameters);
        }

        @Override
        public String backend() {
            return defect == Defect.NETWORK_SAYS_ANOTHER_NAME ? "naive-java" : backend;
        }

        @Override
        public TrainingResult fit(DataSet data, TrainingOptions options) {
            if (defect != Defect.LISTENER_STOP_IGNORED) {
                return super.fit(data, options);
            }
            EpochListener listener = options.listener();
            return super.fit(data, options.toBuilder().listener(new EpochListener() {
                @Override
                public TrainingDecision onEpoch(int epoch, double loss) {
                    listener.onEpoch(epoch, loss);
                    return TrainingDecision.CONTINUE;
                }

                @Override
                public TrainingDecision onEpochWithoutLoss(int epoch) {
                    listener.onEpochWithoutLoss(epoch);
                    return TrainingDecision.CONTINUE;
                }
            }).build());
        }

        @Override
        protected Network copyWith(Parameters parameters) {
            if (defect == Defect.COPY_BY_AN_UNREGISTERED_NAME) {
                return super.copyWith(parameters);
            }
            NaiveNetwork copy = new NaiveNetwork(spec(), parameters, defect, backend);
            if (defect == Defect.SHALLOW_COPY) {
                copy.w = w;
                copy.b = b;
            }
            return copy;
        }

        @Override
        protected void setParametersChecked(Parameters parameters) {
            int depth = spec().depth();
            w = new double[depth][][];
            b = new double[depth][];
            for (int l = 0; l < depth; l++) {
                LayerParameters layer = parameters.layer(l);
                boolean transpose = defect == Defect.TRANSPOSED_WEIGHTS && layer.units() == layer.inputs();
                w[l] = new double[layer.units()][layer.inputs()];
                for (int j = 0; j < layer.units(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        w[l][j][i] = transpose ? layer.weight(i, j) : layer.weight(j, i);
                    }
                }
                b[l] = layer.hasBiases() ? layer.biases() : null;
            }
        }

        // Overridden as a backend written before parametersChecked() existed does: the API's own optimizer
        // step and early stopping must work through it too.
        @Override
        public Parameters parameters() {
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                boolean transpose = defect == Defect.TRANSPOSED_WEIGHTS && w[l].length == w[l][0].length;
                double[][] rows = new double[w[l].length][w[l][0].length];
                for (int j = 0; j < rows.length; j++) {
                    for (int i = 0; i < rows[j].length; i++) {
                        rows[j][i] = transpose ? w[l][i][j] : w[l][j][i];
                    }
                }
                layers.add(LayerParameters.of(rows, b[l] == null ? null : b[l].clone()));
            }
            return Parameters.of(layers);
        }

        /** z and a of every layer for one row: [layer][0 = z, 1 = a][neuron]. */
        private double[][][] forward(double[] x) {
            return forward(x, true);
        }

        private double[][][] forward(double[] x, boolean withBiases) {
            double[][][] za = new double[w.length][][];
            double[] a = x;
            for (int l = 0; l < w.length; l++) {
                double[] z = new double[w[l].length];
                int summed = defect == Defect.REMAINDER_OF_BLOCKED_SUM_DROPPED && a.length > 256 ? a.length / 64 * 64
                        : a.length;
                for (int j = 0; j < z.length; j++) {
                    z[j] = b[l] == null || !withBiases ? 0 : b[l][j];
                    for (int i = 0; i < summed; i++) {
                        z[j] += w[l][j][i] * a[i];
                    }
                }
                a = activate(spec().layer(l).activation(), z);
                za[l] = new double[][] {z, a};
            }
            return za;
        }

        private double[] activate(Activation activation, double[] z) {
            double[] a = new double[z.length];
            double shift = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                shift = Math.max(shift, v);
            }
            if (defect == Defect.SOFTMAX_WITHOUT_SHIFT) {
                shift = 0;
            }
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = switch (activation) {
                    case SIGMOID -> 1 / (1 + Math.exp(-z[j]));
                    case TANH -> Math.tanh(z[j]);
                    case RELU -> Math.max(0, z[j]);
                    case IDENTITY -> z[j];
                    case SOFTMAX -> Math.exp(z[j] - shift);
                };
                sum += a[j];
            }
            if (activation == Activation.SOFTMAX) {
                for (int j = 0; j < a.length; j++) {
                    a[j] /= sum;
                }
            }
            return a;
        }

        @Override
        protected boolean parametersFinite() {
            return defect == Defect.PARAMETERS_TRUSTED_FINITE || super.parametersFinite();
        }

        @Override
        protected double[][] predictChecked(DataSet data) {
            double[][] out = new double[data.rows()][];
            for (int r = 0; r < data.rows(); r++) {
                double[][][] za = forward(data.featureRow(r), defect != Defect.BIAS_DROPPED_PAST_ROW_256 || r < 256);
                out[r] = za[za.length - 1][1];
            }
            return out;
        }

        @Override
        protected double lossChecked(DataSet data) {
            double sum = 0;
            Activation output = spec().layer(spec().depth() - 1).activation();
            for (int r = 0; r < data.rows(); r++) {
                double[][][] za = forward(data.featureRow(r));
                double[] z = za[za.length - 1][0];
                double[] a = za[za.length - 1][1];
                double[] y = data.targetRow(r);
                double row = 0;
                for (int k = 0; k < a.length; k++) {
                    if (spec().loss() != Loss.XENT) {
                        double e = error(output, z, a, y, k);
                        row += e * e;
                    } else if (output == Activation.SIGMOID) {
                        row += y[k] * softplus(-z[k]) + (1 - y[k]) * softplus(z[k]);
                    } else if (y[k] != 0) {
                        row -= y[k] * logSoftmax(z, k);
                    }
                }
                sum += spec().loss() == Loss.MSE ? row / a.length : row;
            }
            return spec().loss().averagesRows() ? sum / data.rows() : sum;
        }

        private static double softplus(double x) {
            return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }

        /** ln softmax(z)_j as (z_j − max) − ln(1 + others): shifting first keeps a tiny loss's digits. */
        private static double logSoftmax(double[] z, int j) {
            int top = 0;
            for (int k = 1; k < z.length; k++) {
                top = z[k] > z[top] ? k : top;
            }
            double others = 0;
            for (int k = 0; k < z.length; k++) {
                others += k == top ? 0 : Math.exp(z[k] - z[top]);
            }
            return (z[j] - z[top]) - Math.log1p(others);
        }

        @Override
        protected Parameters gradientsChecked(DataSet batch) {
            int[] rows = new int[batch.rows()];
            java.util.Arrays.setAll(rows, r -> r);
            double[][][] gw = zerosLike(w);
            double[][] gb = zerosLike(b);
            gradientsOf(batch, rows, 0, rows.length, gw, gb, false);
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                layers.add(LayerParameters.of(gw[l], gb[l]));
            }
            return Parameters.of(layers);
        }

        /** The optimizer's state of the backend's own step: [state name][value in the flat layout of OracleOptimizer]. */
        private double[][] optimizerState = new double[0][];
        /** ITERATION_COUNT_RESTARTING_PER_EPOCH's own count, and the epoch it counts in. */
        private long ownCount;
        private int countedEpoch = -1;

        /**
         * The optimizer defects take every step other than plain SGD themselves, with the state kept here,
         * correct but for the one mistake; the other defects leave such steps to the API.
         */
        @Override
        protected void step(DataSet data, int[] order, int from, int to, Step step) {
            if (!defect.ownOptimizer || step.isPlainSgd()) {
                super.step(data, order, from, to, step);
                return;
            }
            Parameters gradient = gradientsChecked(data.select(java.util.Arrays.copyOfRange(order, from, to)));
            double[] theta = OracleOptimizer.flat(parameters());
            double[] g = OracleOptimizer.flat(gradient);
            boolean[] bias = OracleOptimizer.biasMask(spec());
            Optimizer optimizer = step.optimizer();
            Regularization r = step.regularization();
            double eta = step.learningRate();
            long t = step.iteration();
            if (defect == Defect.ITERATION_COUNT_RESTARTING_PER_EPOCH) {
                if (step.epoch() != countedEpoch) {
                    countedEpoch = step.epoch();
                    ownCount = 0;
                }
                t = ownCount++;
            }
            boolean l2After = defect == Defect.L2_AFTER_THE_UPDATE;
            for (int k = 0; k < g.length; k++) {
                double l2 = (bias[k] ? r.l2Bias() : r.l2()) * theta[k];
                g[k] += l2After ? 0 : l2;
                double u = update(optimizer, g[k], k, eta, t) + (l2After ? l2 : 0);
                double lambda = bias[k] ? r.weightDecayBias() : r.weightDecay();
                theta[k] -= u + (r.weightDecayWithLearningRate() ? lambda * eta : lambda) * theta[k];
            }
            setParametersChecked(OracleOptimizer.unflat(spec(), theta));
        }

        private double update(Optimizer optimizer, double g, int k, double eta, long t) {
            if (optimizer instanceof Optimizer.Nesterov n) {
                double before = optimizerState[0][k];
                optimizerState[0][k] = n.momentum() * before - eta * g;
                return n.momentum() * before - (1 + n.momentum()) * optimizerState[0][k];
            }
            if (optimizer instanceof Optimizer.Adam a) {
                double[] m = optimizerState[0];
                double[] v = optimizerState[1];
                m[k] = a.beta1() * m[k] + (1 - a.beta1()) * g;
                v[k] = a.beta2() * v[k] + (1 - a.beta2()) * g * g;
                double alpha = defect == Defect.ADAM_WITHOUT_BIAS_CORRECTION ? eta
                        : eta * Math.sqrt(1 - Math.pow(a.beta2(), t + 1)) / (1 - Math.pow(a.beta1(), t + 1));
                return alpha * m[k] / (Math.sqrt(v[k]) + a.epsilon());
            }
            if (optimizer instanceof Optimizer.RmsProp p) {
                double[] s = optimizerState[0];
                s[k] = p.decay() * s[k] + (1 - p.decay()) * g * g;
                return eta * g / (defect == Defect.EPSILON_INSIDE_THE_SQUARE_ROOT ? Math.sqrt(s[k] + p.epsilon())
                        : Math.sqrt(s[k]) + p.epsilon());
            }
            if (optimizer instanceof Optimizer.AdaGrad a) {
                optimizerState[0][k] += g * g;
                return eta * g / (Math.sqrt(optimizerState[0][k]) + a.epsilon());
            }
            return eta * g;
        }

        @Override
        protected List<Parameters> optimizerStateChecked(Optimizer optimizer) {
            if (!defect.ownOptimizer) {
                return super.optimizerStateChecked(optimizer);
            }
            List<Parameters> values = new ArrayList<>();
            for (double[] s : optimizerState) {
                values.add(OracleOptimizer.unflat(spec(), s));
            }
            return values;
        }

        @Override
        protected void setOptimizerStateChecked(Optimizer optimizer, List<Parameters> state) {
            if (!defect.ownOptimizer) {
                super.setOptimizerStateChecked(optimizer, state);
                return;
            }
            optimizerState = new double[state.size()][];
            for (int s = 0; s < state.size(); s++) {
                optimizerState[s] = OracleOptimizer.flat(state.get(s));
                boolean fresh = java.util.Arrays.stream(optimizerState[s]).allMatch(v -> v == optimizer.initialState());
                if (defect == Defect.RMSPROP_STATE_STARTING_AT_ZERO && optimizer instanceof Optimizer.RmsProp && fresh) {
                    java.util.Arrays.fill(optimizerState[s], 0);
                }
            }
        }

        @Override
        protected void beforeFit(TrainingOptions options) {
            if (defect == Defect.MOMENTUM_RESET_AT_EACH_FIT) {
                Optimizer optimizer = options.optimizer();
                setOptimizerStateChecked(optimizer,
                        io.backprop.optimizer.TrainingState.starting(optimizer, spec(), 0, 0).state());
            }
        }

        /** The rows {@link Defect#ROWS_KEPT_BY_SHAPE} reuses. */
        private DataSet keptRows;

        @Override
        protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
            if (defect == Defect.ROWS_KEPT_BY_SHAPE) {
                if (keptRows != null && keptRows.rows() == data.rows()) {
                    data = keptRows;
                } else {
                    keptRows = data;
                }
            }
            double[][][] gw = zerosLike(w);
            double[][] gb = zerosLike(b);
            boolean fromStaged = defect == Defect.SCRATCH_SHARED_BY_EVERY_NETWORK;
            if (fromStaged) {
                stage(data);
            }
            if (defect == Defect.LARGE_BATCH_AS_MEAN_OF_CHUNK_MEANS && to - from > 256 && spec().loss().averagesRows()) {
                int chunks = 0;
                for (int start = from; start < to; start += 256, chunks++) {
                    double[][][] cw = zerosLike(w);
                    double[][] cb = zerosLike(b);
                    gradientsOf(data, order, start, Math.min(start + 256, to), cw, cb, fromStaged);
                    add(gw, gb, cw, cb, 1);
                }
                double[][][] sumW = gw;
                double[][] sumB = gb;
                gw = zerosLike(w);
                gb = zerosLike(b);
                add(gw, gb, sumW, sumB, 1.0 / chunks);
            } else {
                gradientsOf(data, order, from, to, gw, gb, fromStaged);
            }
            if (defect == Defect.UPDATE_ONCE_PER_EPOCH) {
                if (pendingW == null) {
                    pendingW = zerosLike(w);
                    pendingB = zerosLike(b);
                }
                add(pendingW, pendingB, gw, gb, 1);
                if (to < data.rows()) {
                    return;
                }
                gw = pendingW;
                gb = pendingB;
                pendingW = null;
            }
            add(w, b, gw, gb, -learningRate);
        }

        /** Copies {@code data}'s rows into the shared buffer, unless this network staged them already. */
        private void stage(DataSet data) {
            if (staged == data) {
                return;
            }
            int width = data.featureCount() + data.targetCount();
            if (stagedRows.length < data.rows() * width) {
                stagedRows = new double[data.rows() * width];
            }
            for (int r = 0; r < data.rows(); r++) {
                System.arraycopy(data.featureRow(r), 0, stagedRows, r * width, data.featureCount());
                System.arraycopy(data.targetRow(r), 0, stagedRows, r * width + data.featureCount(), data.targetCount());
            }
            staged = data;
        }

        /** Row {@code r}'s features, or its targets, of {@code data} as staged in the shared buffer. */
        private static double[] stagedRow(DataSet data, int r, boolean targets) {
            int width = data.featureCount() + data.targetCount();
            int start = r * width + (targets ? data.featureCount() : 0);
            return java.util.Arrays.copyOfRange(stagedRows, start, start + (targets ? data.targetCount()
                    : data.featureCount()));
        }

        /**
         * ∂L/∂θ of the batch {@code order[from..to)} into gw, gb (zero on entry). With SPLIT_GRADIENT_HALF_LOST a
         * large batch's two halves are computed apart and the second's written over the first's; with
         * GRADIENTS_ROUNDED_TO_FLOAT every gradient is rounded to float.
         */
        private void gradientsOf(DataSet data, int[] order, int from, int to, double[][][] gw, double[][] gb,
                                 boolean fromStaged) {
            long weights = 0;
            for (double[][] layer : w) {
                weights += (long) layer.length * layer[0].length;
            }
            if (defect == Defect.SPLIT_GRADIENT_HALF_LOST && (to - from) * weights >= 1L << 26) {
                int middle = (from + to) / 2;
                double[][][] secondW = zerosLike(w);
                double[][] secondB = zerosLike(b);
                accumulate(data, order, from, middle, to - from, gw, gb, fromStaged);
                accumulate(data, order, middle, to, to - from, secondW, secondB, fromStaged);
                for (int l = 0; l < w.length; l++) {
                    for (int j = 0; j < w[l].length; j++) {
                        gw[l][j] = secondW[l][j]; // the lost update: = where += was meant
                        if (gb[l] != null) {
                            gb[l][j] = secondB[l][j];
                        }
                    }
                }
            } else {
                accumulate(data, order, from, to, to - from, gw, gb, fromStaged);
            }
            if (defect == Defect.GRADIENTS_ROUNDED_TO_FLOAT) {
                for (int l = 0; l < w.length; l++) {
                    for (int j = 0; j < w[l].length; j++) {
                        for (int i = 0; i < w[l][j].length; i++) {
                            gw[l][j][i] = (float) gw[l][j][i];
                        }
                        if (gb[l] != null) {
                            gb[l][j] = (float) gb[l][j];
                        }
                    }
                }
            }
        }

        /**
         * Adds each row's ∂L/∂θ, times the batch's averaging factor for {@code batchRows} rows, into gw, gb by
         * backprop, reading the rows as staged when {@code fromStaged}.
         */
        private void accumulate(DataSet data, int[] order, int from, int to, int batchRows, double[][][] gw,
                                double[][] gb, boolean fromStaged) {
            double scale = spec().loss().averagesRows() ? 1.0 / batchRows : 1.0;
            Activation output = spec().layer(spec().depth() - 1).activation();
            for (int k = from; k < to; k++) {
                double[] x = fromStaged ? stagedRow(data, order[k], false) : data.featureRow(order[k]);
                double[] y = fromStaged ? stagedRow(data, order[k], true) : data.targetRow(order[k]);
                double[][][] za = forward(x);
                int last = w.length - 1;
                double[] a = za[last][1];
                double[] delta = new double[a.length];
                if (spec().loss() == Loss.XENT) {
                    double ySum = 0;
                    for (double v : y) {
                        ySum += v;
                    }
                    for (int j = 0; j < a.length; j++) {
                        boolean sum = defect != Defect.SOFTMAX_XENT_GRADIENT_IGNORES_TARGET_SUM;
                        delta[j] = output == Activation.SOFTMAX && ySum != 1 && sum ? a[j] * ySum - y[j]
                                : error(output, za[last][0], a, y, j);
                    }
                } else {
                    double[] dLda = new double[a.length];
                    for (int j = 0; j < a.length; j++) {
                        dLda[j] = 2 * error(output, za[last][0], a, y, j) / (spec().loss() == Loss.MSE ? a.length : 1);
                    }
                    delta = backThroughActivation(last, za, dLda);
                }
                for (int l = last; l >= 0; l--) {
                    double[] input = l == 0 ? x : za[l - 1][1];
                    for (int j = 0; j < delta.length; j++) {
                        for (int i = 0; i < input.length; i++) {
                            gw[l][j][i] += scale * delta[j] * input[i];
                        }
                        if (gb[l] != null) {
                            double biasScale = defect == Defect.BIAS_GRADIENT_NOT_AVERAGED ? 1 : scale;
                            gb[l][j] += biasScale * delta[j];
                        }
                    }
                    if (l > 0) {
                        double[] dLda = new double[input.length];
                        for (int i = 0; i < input.length; i++) {
                            for (int j = 0; j < delta.length; j++) {
                                dLda[i] += w[l][j][i] * delta[j];
                            }
                        }
                        delta = backThroughActivation(l - 1, za, dLda);
                    }
                }
            }
        }

        private double[] backThroughActivation(int l, double[][][] za, double[] dLda) {
            double[] z = za[l][0];
            double[] a = za[l][1];
            double[] dLdz = new double[a.length];
            double dot = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * dLda[j];
            }
            boolean plain = defect == Defect.COMPLEMENT_FROM_THE_ROUNDED_OUTPUT;
            for (int j = 0; j < a.length; j++) {
                dLdz[j] = dLda[j] * switch (spec().layer(l).activation()) {
                    case SIGMOID -> defect == Defect.SIGMOID_DERIVATIVE_OF_THE_OUTPUT
                            ? sigmoid(a[j]) * (1 - sigmoid(a[j]))
                            : a[j] * (plain ? 1 - a[j] : SaturatedOutputs.sigmoidComplement(z[j], a[j]));
                    case TANH -> defect == Defect.TANH_SLOPE_ZERO_BEYOND_20 && Math.abs(z[j]) > 20 ? 0
                            : plain ? 1 - a[j] * a[j] : SaturatedOutputs.tanhSlope(z[j], a[j]);
                    case RELU -> z[j] > 0 || defect == Defect.RELU_SLOPE_ONE_AT_ZERO && z[j] == 0 ? 1 : 0;
                    case IDENTITY -> 1;
                    case SOFTMAX -> 1;
                };
                if (spec().layer(l).activation() == Activation.SOFTMAX) {
                    dLdz[j] = a[j] * (dLda[j] - dot);
                }
            }
            if (spec().layer(l).activation() == Activation.SOFTMAX && !plain) {
                SaturatedOutputs.softmaxBackward(a, dLda, dLdz, a.length);
            }
            return dLdz;
        }

        /** {@code ŷ_k − y_k}, keeping its digits near 1 unless that is the defect. */
        private double error(Activation output, double[] z, double[] a, double[] y, int k) {
            return defect == Defect.COMPLEMENT_FROM_THE_ROUNDED_OUTPUT ? a[k] - y[k]
                    : SaturatedOutputs.error(output, z, a, y, k, a.length);
        }

        private static double sigmoid(double v) {
            return 1 / (1 + Math.exp(-v));
        }

        private static void add(double[][][] w, double[][] b, double[][][] gw, double[][] gb, double factor) {
            for (int l = 0; l < w.length; l++) {
                for (int j = 0; j < w[l].length; j++) {
                    for (int i = 0; i < w[l][j].length; i++) {
                        w[l][j][i] += factor * gw[l][j][i];
                    }
                    if (b[l] != null) {
                        b[l][j] += factor * gb[l][j];
                    }
                }
            }
        }

        private static double[][][] zerosLike(double[][][] w) {
            double[][][] zeros = new double[w.length][][];
            for (int l = 0; l < w.length; l++) {
                zeros[l] = new double[w[l].length][w[l][0].length];
            }
            return zeros;
        }

        private static double[][] zerosLike(double[][] b) {
            double[][] zeros = new double[b.length][];
            for (int l = 0; l < b.length; l++) {
                zeros[l] = b[l] == null ? null : new double[b[l].length];
            }
            return zeros;
        }
    }
}
