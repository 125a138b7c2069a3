package io.backprop.reference.textbook;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.spi.SaturatedOutputs;
import io.backprop.train.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The article's network in plain loops, one row at a time: {@link #feedforward}, {@link #backprop} by
 * the chain rule, and the SGD update in {@link #step}. This is the code to read next to the article.
 *
 * <p>Layer {@code l} has the weights {@code w[l][j][i]}, from input {@code i} into neuron {@code j},
 * and the biases {@code b[l][j]}: the article's 2-2-1 network is {@code w[0] = [[w1, w2], [w3, w4]]},
 * {@code b[0] = [b1, b2]} (neurons h1, h2) and {@code w[1] = [[w5, w6]]}, {@code b[1] = [b3]} (o1).
 * A neuron's weighted sum is the article's {@code sum_h1}, its output {@code h1}; the last layer's
 * outputs are the prediction {@code ŷ}. The article uses sigmoid and mean squared error; a spec may
 * choose any {@link Activation} and {@link Loss}, and batches of any size.
 *
 * <p>Numerical care: an output within 2^-10 of ±1 is rounded, and {@code 1 − ŷ} taken from it keeps few
 * digits, so the error {@code ŷ − y} and the slopes of sigmoid, tanh and softmax come from the API's
 * {@link SaturatedOutputs}, which takes {@code 1 − ŷ} from the sum. Cross-entropy is taken from the sums.
 *
 * <p>Beyond the article: the other optimizers and L2 and weight decay, in {@link #update}, written out
 * here formula by formula (not by calling the API's {@link Optimizer#step}), with their state in arrays
 * shaped like {@code w} and {@code b}; the tests hold them to the API's numbers.
 */
final class TextbookNetwork extends AbstractNetwork {
    private final double[][][] w; // w[l][j][i]: the weight from input i into neuron j of layer l
    private final double[][] b; // b[l][j]: the bias of neuron j of layer l; b[l] is null for a layer without
    private final Activation[] f; // f[l]: the activation of layer l, the article's sigmoid f
    // The optimizer's state, shaped like w and b: ws[0][l][j][i] and bs[0][l][j] are Nesterov's v, Adam's m,
    // RMSProp's s or AdaGrad's h of w[l][j][i] and b[l][j]; ws[1] and bs[1] Adam's v. Plain SGD has none.
    private double[][][][] ws = new double[0][][][];
    private double[][][] bs = new double[0][][];

    TextbookNetwork(NetworkSpec spec, Parameters parameters) {
        super(spec);
        w = new double[spec.depth()][][];
        b = new double[spec.depth()][];
        f = spec.layers().stream().map(LayerSpec::activation).toArray(Activation[]::new);
        setParameters(parameters);
    }

    /** One row's feedforward: its features {@code x}, and every layer's weighted sums and outputs. */
    record Feedforward(double[] x, double[][] sum, double[][] h) {
        double[] yPred() {
            return h[h.length - 1];
        }
    }

    /** Feedforward: each neuron's {@code sum = Σ_i w[j][i]·x[i] + b[j]} and output {@code h = f(sum)}. */
    Feedforward feedforward(double[] x) {
        double[][] sum = new double[w.length][];
        double[][] h = new double[w.length][];
        for (int l = 0; l < w.length; l++) {
            double[] in = l == 0 ? x : h[l - 1]; // a layer's inputs are the outputs of the layer before
            sum[l] = new double[w[l].length];
            for (int j = 0; j < w[l].length; j++) {
                sum[l][j] = b[l] == null ? 0 : b[l][j];
                for (int i = 0; i < in.length; i++) {
                    sum[l][j] += w[l][j][i] * in[i];
                }
            }
            h[l] = activate(f[l], sum[l]);
        }
        return new Feedforward(x, sum, h);
    }

    /** {@code f(sum)}: the article's sigmoid {@code 1 / (1 + e^−x)}, or another activation. */
    private static double[] activate(Activation f, double[] sum) {
        if (f == Activation.SOFTMAX) { // e^sum_j / Σ_k e^sum_k, less the largest sum so that no e^x overflows
            double max = Arrays.stream(sum).max().getAsDouble();
            double[] e = Arrays.stream(sum).map(s -> Math.exp(s - max)).toArray();
            double total = Arrays.stream(e).reduce(0, Double::sum);
            return Arrays.stream(e).map(v -> v / total).toArray();
        }
        return Arrays.stream(sum).map(s -> switch (f) {
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-s)); // e^−x overflowing to ∞ gives exactly 0
            case TANH -> Math.tanh(s);
            case RELU -> s > 0 ? s : 0.0;
            default -> s; // identity
        }).toArray();
    }

    /**
     * Backprop of one row: the article's {@code ∂L/∂w1 = ∂L/∂ŷ · ∂ŷ/∂h1 · ∂h1/∂w1} for every weight
     * and bias, by the chain rule from the loss back to the first layer. Adds the row's {@code ∂L/∂w} and
     * {@code ∂L/∂b} (its {@code share} of the batch's) to {@code dLdw} and {@code dLdb}, and returns
     * {@code ∂L/∂h} of every layer's outputs: the last one's is {@code ∂L/∂ŷ}, null under cross-entropy,
     * which gives {@code ∂L/∂sum} at once.
     */
    double[][] backprop(Feedforward pass, double[] y, double share, double[][][] dLdw, double[][] dLdb) {
        int last = w.length - 1;
        double[][] dLdh = new double[w.length][];
        double[] dLdsum = new double[y.length]; // ∂L/∂sum of the current layer's neurons
        if (spec().loss() == Loss.XENT) { // ∂L/∂sum = ŷ − y (ŷ·Σy − y for a softmax with Σy ≠ 1)
            double targets = f[last] == Activation.SIGMOID ? 1 : Arrays.stream(y).reduce(0, Double::sum);
            for (int j = 0; j < y.length; j++) {
                dLdsum[j] = share * (targets == 1 ? error(pass, y, j) : pass.yPred()[j] * targets - y[j]);
            }
        } else { // the article's d_L_d_ypred = −2(y − ŷ)
            dLdh[last] = new double[y.length];
            for (int j = 0; j < y.length; j++) {
                double dLdyPred = 2 * error(pass, y, j);
                dLdh[last][j] = share * (spec().loss() == Loss.MSE ? dLdyPred / y.length : dLdyPred);
            }
        }
        for (int l = last; l >= 0; l--) {
            double[] in = l == 0 ? pass.x() : pass.h()[l - 1];
            if (dLdh[l] != null) { // ∂L/∂sum = ∂L/∂h · ∂h/∂sum, unless cross-entropy gave it
                dLdsum = chainThroughActivation(f[l], pass.sum()[l], pass.h()[l], dLdh[l]);
            }
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < in.length; i++) {
                    dLdw[l][j][i] += dLdsum[j] * in[i]; // ∂sum/∂w is the input: x[0] in d_h1_d_w1
                }
                if (b[l] != null) {
                    dLdb[l][j] += dLdsum[j]; // ∂sum/∂b = 1
                }
            }
            if (l > 0) { // ∂L/∂h of the layer before: ∂sum/∂h is the weight, w5 in d_ypred_d_h1
                dLdh[l - 1] = new double[in.length];
                for (int i = 0; i < in.length; i++) {
                    for (int j = 0; j < w[l].length; j++) {
                        dLdh[l - 1][i] += w[l][j][i] * dLdsum[j];
                    }
                }
            }
        }
        return dLdh;
    }

    /** {@code ∂h/∂sum}, applied: the article's {@code deriv_sigmoid} is {@code f(x)·(1 − f(x))}. */
    private static double[] chainThroughActivation(Activation f, double[] sum, double[] h, double[] dLdh) {
        double[] dLdsum = new double[h.length];
        if (f == Activation.SOFTMAX) { // every h depends on every sum: h_j (∂L/∂h_j − Σ_k h_k ∂L/∂h_k)
            SaturatedOutputs.softmaxBackward(h, dLdh, dLdsum, h.length);
            return dLdsum;
        }
        for (int j = 0; j < h.length; j++) {
            dLdsum[j] = switch (f) { // near saturation, 1 − h from the sum: see the class comment
                case SIGMOID -> dLdh[j] * h[j] * SaturatedOutputs.sigmoidComplement(sum[j], h[j]); // 1 − h
                case TANH -> dLdh[j] * SaturatedOutputs.tanhSlope(sum[j], h[j]); // 1 − h²
                case RELU -> sum[j] > 0 ? dLdh[j] : 0.0;
                default -> dLdh[j]; // identity
            };
        }
        return dLdsum;
    }

    /** The error {@code ŷ_j − y_j}, with its digits near saturation (see the class comment). */
    private double error(Feedforward pass, double[] y, int j) {
        int last = w.length - 1;
        return SaturatedOutputs.error(f[last], pass.sum()[last], pass.yPred(), y, j, y.length);
    }

    /** One row's loss: {@code (1/k) Σ (ŷ − y)²} (mse), {@code Σ (ŷ − y)²} (sse), or cross-entropy. */
    private double rowLoss(Feedforward pass, double[] y) {
        double[] sum = pass.sum()[w.length - 1];
        double loss = 0;
        if (spec().loss() != Loss.XENT) { // the article's (y − ŷ)², over the outputs
            for (int j = 0; j < y.length; j++) {
                double error = error(pass, y, j);
                loss += error * error;
            }
            return spec().loss() == Loss.MSE ? loss / y.length : loss;
        }
        if (f[w.length - 1] == Activation.SIGMOID) { // −ln ŷ = softplus(−sum), −ln(1 − ŷ) = softplus(sum)
            for (int j = 0; j < y.length; j++) {
                loss += y[j] == 0 ? 0 : y[j] * softplus(-sum[j]);
                loss += y[j] == 1 ? 0 : (1 - y[j]) * softplus(sum[j]);
            }
            return loss;
        }
        int top = 0; // softmax: ln ŷ_j = sum_j − sum_top − ln(1 + Σ_{k≠top} e^(sum_k − sum_top)), by log1p
        for (int j = 1; j < sum.length; j++) {
            top = sum[j] > sum[top] ? j : top;
        }
        double others = 0;
        for (int j = 0; j < sum.length; j++) {
            others += j == top ? 0 : Math.exp(sum[j] - sum[top]);
        }
        for (int j = 0; j < y.length; j++) {
            loss -= y[j] == 0 ? 0 : y[j] * (sum[j] - sum[top] - Math.log1p(others));
        }
        return loss;
    }

    /** {@code ln(1 + e^x)}, neither overflowing for large x nor losing digits for very negative x. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** ∂L/∂w and ∂L/∂b of rows {@code order[from..to)} of {@code data} ({@code from..to} without an order). */
    private Parameters gradients(DataSet data, int[] order, int from, int to) {
        double[][][] dLdw = Arrays.stream(w).map(m -> new double[m.length][m[0].length]).toArray(double[][][]::new);
        double[][] dLdb = Arrays.stream(b).map(v -> v == null ? null : new double[v.length]).toArray(double[][]::new);
        double share = spec().loss().averagesRows() ? 1.0 / (to - from) : 1.0; // mse, xent: L is the rows' mean
        for (int k = from; k < to; k++) {
            int row = order == null ? k : order[k];
            backprop(feedforward(data.featureRow(row)), data.targetRow(row), share, dLdw, dLdb);
        }
        return asParameters(dLdw, dLdb);
    }

    /** The SGD update, {@code θ ← θ − η·∂L/∂θ} for every weight and bias, η the learn rate. */
    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learnRate) {
        Parameters gradient = gradients(data, order, from, to); // the article's batch is one person
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < w[l][j].length; i++) {
                    w[l][j][i] -= learnRate * gradient.layer(l).weight(j, i);
                }
                if (b[l] != null) {
                    b[l][j] -= learnRate * gradient.layer(l).bias(j);
                }
            }
        }
    }

    /**
     * A step of any optimizer: the SGD update above when it is the article's, otherwise
     * {@link #update} for every weight and bias, with the gradient of the batch.
     */
    @Override
    protected void step(DataSet data, int[] order, int from, int to, Step step) {
        if (step.isPlainSgd()) {
            step(data, order, from, to, step.learningRate());
            return;
        }
        Parameters gradient = gradients(data, order, from, to);
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < w[l][j].length; i++) {
                    w[l][j][i] = update(step, false, w[l][j][i], gradient.layer(l).weight(j, i), l, j, i);
                }
                if (b[l] != null) {
                    b[l][j] = update(step, true, b[l][j], gradient.layer(l).bias(j), l, j, -1);
                }
            }
        }
    }

    /**
     * The new value of one weight ({@code i ≥ 0}: {@code w[l][j][i]}) or bias ({@code i = −1}:
     * {@code b[l][j]}) θ with gradient g, η the learning rate and t the steps taken before this one.
     */
    private double update(Step step, boolean bias, double theta, double g, int l, int j, int i) {
        double[] s0 = ws.length > 0 ? (bias ? bs[0][l] : ws[0][l][j]) : null; // this value's state is s0[k]
        double[] s1 = ws.length > 1 ? (bias ? bs[1][l] : ws[1][l][j]) : null; // (Adam's v: s1[k])
        int k = bias ? j : i;
        double eta = step.learningRate();
        long t = step.iteration();
        Regularization r = step.regularization();
        g += (bias ? r.l2Bias() : r.l2()) * theta; // L2: g ← g + λ₂·θ
        double u; // the update
        Optimizer optimizer = step.optimizer();
        if (optimizer instanceof Optimizer.Nesterov nesterov) {
            double mu = nesterov.momentum();
            double v = s0[k];
            s0[k] = mu * v - eta * g; // v' = μ·v − η·g
            u = mu * v - (mu + 1) * s0[k]; // u = μ·v − (1 + μ)·v'
        } else if (optimizer instanceof Optimizer.Adam adam) {
            double beta1 = adam.beta1();
            double beta2 = adam.beta2();
            s0[k] = beta1 * s0[k] + (1 - beta1) * g; // m ← β1·m + (1 − β1)·g
            s1[k] = beta2 * s1[k] + (1 - beta2) * g * g; // v ← β2·v + (1 − β2)·g²
            // α = η·√(1 − β2^(t+1)) / (1 − β1^(t+1)), the bias correction; DL4J takes ε when α is no number
            double alpha = eta * Math.sqrt(1 - Math.pow(beta2, t + 1)) / (1 - Math.pow(beta1, t + 1));
            alpha = Double.isNaN(alpha) || alpha == 0 || Double.isInfinite(alpha) ? adam.epsilon() : alpha;
            u = alpha * s0[k] / (Math.sqrt(s1[k]) + adam.epsilon()); // u = α·m / (√v + ε)
        } else if (optimizer instanceof Optimizer.RmsProp rmsProp) {
            double rho = rmsProp.decay();
            s0[k] = rho * s0[k] + (1 - rho) * g * g; // s ← ρ·s + (1 − ρ)·g²
            u = eta * g / (Math.sqrt(s0[k]) + rmsProp.epsilon()); // u = η·g / (√s + ε)
        } else if (optimizer instanceof Optimizer.AdaGrad adaGrad) {
            s0[k] += g * g; // h ← h + g²
            u = eta * g / (Math.sqrt(s0[k]) + adaGrad.epsilon()); // u = η·g / (√h + ε)
        } else {
            u = eta * g; // SGD: u = η·g
        }
        double lambda = bias ? r.weightDecayBias() : r.weightDecay();
        u += (r.weightDecayWithLearningRate() ? lambda * eta : lambda) * theta; // weight decay: u ← u + λ_wd·η·θ
        return theta - u; // θ ← θ − u
    }

    /** The state, one {@link Parameters} of w's and b's shape per state name of {@code optimizer}. */
    @Override
    protected List<Parameters> optimizerStateChecked(Optimizer optimizer) {
        List<Parameters> state = new ArrayList<>();
        for (int s = 0; s < ws.length; s++) {
            state.add(asParameters(ws[s], bs[s]));
        }
        return state;
    }

    @Override
    protected void setOptimizerStateChecked(Optimizer optimizer, List<Parameters> state) {
        ws = new double[state.size()][w.length][][];
        bs = new double[state.size()][w.length][];
        for (int s = 0; s < state.size(); s++) {
            for (int l = 0; l < w.length; l++) {
                ws[s][l] = state.get(s).layer(l).weights();
                bs[s][l] = b[l] == null ? null : state.get(s).layer(l).biases();
            }
        }
    }

    @Override
    protected double[][] predictChecked(DataSet data) {
        return Arrays.stream(data.features()).map(x -> feedforward(x).yPred()).toArray(double[][]::new);
    }

    @Override
    protected double lossChecked(DataSet data) {
        double total = IntStream.range(0, data.rows())
                .mapToDouble(r -> rowLoss(feedforward(data.featureRow(r)), data.targetRow(r))).reduce(0, Double::sum);
        return spec().loss().averagesRows() ? total / data.rows() : total;
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        return gradients(batch, null, 0, batch.rows());
    }

    @Override
    protected Parameters parametersChecked() {
        return asParameters(w, b);
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        for (int l = 0; l < w.length; l++) {
            w[l] = parameters.layer(l).weights();
            b[l] = parameters.layer(l).hasBiases() ? parameters.layer(l).biases() : null;
        }
    }

    private static Parameters asParameters(double[][][] weights, double[][] biases) {
        return Parameters.of(IntStream.range(0, weights.length).mapToObj(l -> LayerParameters.of(weights[l], biases[l]))
                .toList());
    }

    @Override
    public String backend() {
        return TextbookBackend.NAME;
    }

    @Override
    protected Network copyWith(Parameters parameters) {
        return new TextbookNetwork(spec(), parameters); // built here, with no look-up on the class path
    }
}
