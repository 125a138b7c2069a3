package io.backprop.conformance;

import io.backprop.spi.Backend;

import java.util.Optional;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API's definitions at their edges, where a plausible shortcut changes the answer: relu at
 * exactly {@code z = 0}, whose slope the API defines as 0 ({@link Activation#RELU}); tanh and sigmoid
 * saturated in hidden and output layers under every loss, where the slopes are tiny but not 0;
 * softmax + cross-entropy with targets that do not sum to 1, whose gradient is {@code ŷ·Σy − y}, not
 * {@code ŷ − y} ({@link Loss#XENT} defines {@code ℓ = −Σ y ln ŷ} for any targets); identity outputs
 * with targets far from 0; and inputs of 1e-300 and 1e150 whose results are finite. Each expected
 * value is derived in closed form in the case's comment, or is the forward pass taken exactly as the
 * kit's {@link Oracle} takes it where nothing cancels.
 */
final class EdgeCases {
    /**
     * The {@code |z|} of the saturated cases. tanh rounds to ±1 from 20 on and a sigmoid from 37 on,
     * so that {@code 1 − a} can no longer be taken from {@code a}; both slopes are still normal numbers
     * at 300 (tanh's {@code 4e^-600 ≈ 1e-260}), and underflow to exactly 0 by 800 ({@code e^-800} is
     * below the smallest double). Values between 355 and 372 are avoided: there tanh's slope is
     * subnormal, and computing it as {@code 2/(e^{2|z|} + 1)} or as {@code 2e^{-2|z|}/(1 + e^{-2|z|})}
     * gives 0 or a few digits, both defensible.
     */
    private static final double[] SATURATED = {20, 40, 300, 800};
    /** The hidden saturated cases' second layer: no output or gradient of it cancels. */
    private static final double[][] SECOND_WEIGHTS = {{0.5, -0.25}, {-0.25, 0.5}};
    private static final double[] SECOND_BIASES = {0.1, -0.2};

    private EdgeCases() {
    }

    /** {@code c}, which needs float64's range or precision for {@code why}: skipped under another profile. */
    private static ConformanceCase float64Only(String why, SimpleCase c) {
        return new Float64Only(c, why);
    }

    /** A case that holds in float64 only. */
    private record Float64Only(SimpleCase c, String why) implements ConformanceCase {
        @Override
        public String id() {
            return c.id();
        }

        @Override
        public String title() {
            return c.title();
        }

        @Override
        public List<NetworkSpec> specs() {
            return c.specs();
        }

        @Override
        public String checks() {
            return c.checks();
        }

        @Override
        public String tolerance() {
            return c.tolerance();
        }

        @Override
        public String lookAt() {
            return c.lookAt();
        }

        @Override
        public Optional<String> float64Only() {
            return Optional.of(why);
        }

        @Override
        public void run(Backend backend) {
            c.run(backend);
        }
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(new SimpleCase("edges.relu-at-zero", "relu at exactly z = 0 outputs 0 and has slope 0, as the API"
                + " defines it, in a hidden and in an output layer", List.of(RELU_HIDDEN, RELU_OUTPUT),
                EdgeCases::reluAtZero).notes("relu(0) = 0 and relu′(0) = 0, as the API's Activation defines the kink,"
                + " in the forward pass and in the gradients", Notes.allowed("outputs", Kind.OUTPUTS, "∂L/∂w",
                Kind.GRADIENTS), "the relu slope at exactly z = 0: z > 0, not z >= 0"));
        for (Activation f : List.of(Activation.TANH, Activation.SIGMOID)) {
            for (Loss loss : Loss.values()) {
                if (loss != Loss.XENT || f == Activation.SIGMOID) {
                    NetworkSpec spec = NetworkSpec.builder(1).layer(2, f).loss(loss).build();
                    cases.add(new SimpleCase("edges." + f.id() + "-output." + loss.id(), "a " + f.id()
                            + " output layer saturated at z = ±20, ±40, ±300 and ±800 under " + loss.id()
                            + ", with targets at and opposite its limits: outputs, loss and the tiny but"
                            + " nonzero gradients in closed form", List.of(spec), backend -> saturatedOutput(
                            backend, spec)).notes("a saturated output: the loss and the gradients, tiny but not 0,"
                            + " to 10 significant digits as derived in closed form", Notes.allowed("outputs",
                            Kind.OUTPUTS, "loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS), "1 − a and the slope taken"
                            + " from z, not from the rounded output (SaturatedOutputs); cross-entropy from z"));
                }
            }
            for (Loss loss : Loss.values()) {
                Activation output = loss == Loss.XENT ? Activation.SIGMOID : Activation.IDENTITY;
                NetworkSpec spec = NetworkSpec.builder(1).layer(2, f).layer(2, output).loss(loss).build();
                cases.add(new SimpleCase("edges." + f.id() + "-hidden." + loss.id(), "a " + f.id() + " hidden layer"
                        + " saturated at z = ±20, ±40, ±300 and ±800 under " + loss.id() + ": the gradients"
                        + " through its tiny but nonzero slopes in closed form", List.of(spec),
                        backend -> saturatedHidden(backend, spec)).notes("a saturated hidden layer: the gradients"
                        + " through its slopes of 1e-17 down to 1e-347, not 0 where they are representable",
                        Notes.allowed("∂L/∂w", Kind.GRADIENTS), "the hidden activation's slope taken from z: a"
                        + " slope returned as 0 past some |z| is wrong while it is representable"));
            }
        }
        cases.add(new SimpleCase("edges.softmax-partial-labels", "softmax + cross-entropy with targets summing to"
                + " 0.6, 0, 2 and 1: the loss −Σ y ln ŷ and its gradient ŷ·Σy − y, row by row and as one batch",
                List.of(SOFTMAX_XENT), EdgeCases::softmaxPartialLabels).notes("soft and partial labels under softmax +"
                + " cross-entropy: ∂L/∂z = ŷ·Σy − y, which is ŷ − y only when the targets sum to 1",
                Notes.allowed("loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS), "the output layer's ∂L/∂z under"
                + " softmax + cross-entropy: the targets' sum"));
        cases.add(float64Only("integers near 2^40 with fractions: float32 has 24 bits", new SimpleCase("edges.identity-far-targets", "identity outputs near 2^32 and 2^40 with targets"
                + " a fraction away: outputs, loss and gradients exact", List.of(FAR), EdgeCases::identityFarTargets).notes("large identity outputs with targets a"
                + " fraction away: the errors, the loss and the gradients are exact in float64",
                Notes.allowed("outputs", Kind.OUTPUTS, "loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS),
                "the error ŷ − y computed before squaring, not from ŷ² − 2ŷy + y²")));
        cases.add(float64Only("inputs of 1e-300, below float32's range", new SimpleCase("edges.tiny-inputs", "inputs of 1e-300 through a tanh output layer, whose outputs"
                + " are its weighted sums, and through a hidden tanh and a weight of 1e300 that brings them back to"
                + " 0.5: finite outputs, loss and gradients", List.of(TINY_OUTPUT, TINY), EdgeCases::tinyInputs).notes("inputs near the bottom of float64's range give"
                + " finite, exact results: tanh(z) ≈ z keeps its digits", Notes.allowed("outputs", Kind.OUTPUTS,
                "loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS), "tanh of a tiny z (a library's tanh may flush it to"
                + " 0), and products that underflow")));
        cases.add(float64Only("inputs of 1e150 and losses up to 1e300, beyond float32's range", new SimpleCase("edges.huge-inputs", "inputs of 1e150 into softmax and sigmoid cross-entropy, relu"
                + " and tanh: finite outputs, losses up to 1e300 and gradients up to 2e300", List.of(HUGE_SOFTMAX,
                HUGE_RELU, HUGE_TANH, HUGE_SIGMOID), EdgeCases::hugeInputs).notes("inputs near the top of float64's range give finite"
                + " outputs, losses and gradients where the definitions are finite", Notes.allowed("outputs",
                Kind.OUTPUTS, "loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS), "softmax's max shift, cross-entropy"
                + " from z (no ln of 0), sums that overflow before they are scaled")));
        return cases;
    }

    // ---- relu at z = 0 ----

    private static final NetworkSpec RELU_HIDDEN = NetworkSpec.builder(1).layer(1, Activation.RELU)
            .layer(1, Activation.IDENTITY).loss(Loss.SSE).build();
    private static final NetworkSpec RELU_OUTPUT = NetworkSpec.builder(1).layer(1, Activation.RELU).loss(Loss.SSE)
            .build();

    /**
     * Hidden: w1 = 1, b1 = −1, x = 1 give z1 = 0 exactly, a1 = relu(0) = 0; w2 = 1, b2 = 0.5 give
     * ŷ = 0.5, and with y = 0 under sse ℓ = 0.25, ∂ℓ/∂ŷ = 2ŷ = 1: ∂ℓ/∂w2 = a1 = 0, ∂ℓ/∂b2 = 1, and
     * ∂ℓ/∂z1 = relu′(0)·w2·1 = 0, so ∂ℓ/∂w1 = ∂ℓ/∂b1 = 0 (with relu′(0) = 1 they would be 1).
     *
     * <p>Output: w = 1, b = −1 on x = 0.5, 1, 2 give z = −0.5, 0, 1 and ŷ = 0, 0, 1. With y = 3 on every
     * row under sse only the third row has a slope: ∂ℓ/∂z = 2(1 − 3) = −4, so ∂L/∂w = −4·2 = −8 and
     * ∂L/∂b = −4; the row at z = 0 adds nothing (with relu′(0) = 1 it would add −6 to both).
     */
    private static void reluAtZero(io.backprop.spi.Backend backend) {
        Network hidden = backend.create(RELU_HIDDEN, Parameters.of(layer(new double[][] {{1}}, -1),
                layer(new double[][] {{1}}, 0.5)));
        DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {{0}});
        Check.value("hidden relu at z = 0: output", hidden.predict(new double[] {1})[0], 0.5, Tolerances.OUTPUTS);
        Check.value("hidden relu at z = 0: loss", hidden.loss(row), 0.25, Tolerances.LOSSES);
        gradients("hidden relu at z = 0", hidden.gradients(row), Parameters.of(layer(new double[][] {{0}}, 0),
                layer(new double[][] {{0}}, 1)));

        Network output = backend.create(RELU_OUTPUT, Parameters.of(layer(new double[][] {{1}}, -1)));
        DataSet rows = DataSet.of(new double[][] {{0.5}, {1}, {2}}, new double[][] {{3}, {3}, {3}});
        double[][] predicted = output.predict(rows);
        double[] expected = {0, 0, 1};
        for (int r = 0; r < 3; r++) {
            Check.value("relu output at z = " + (rows.feature(r, 0) - 1) + ": output", predicted[r][0], expected[r],
                    Tolerances.OUTPUTS);
        }
        Check.value("relu output at z = −0.5, 0, 1: loss", output.loss(rows), 9 + 9 + 4, Tolerances.LOSSES);
        gradients("relu output at z = −0.5, 0, 1", output.gradients(rows),
                Parameters.of(layer(new double[][] {{-8}}, -4)));
    }

    // ---- saturated tanh and sigmoid ----

    /**
     * A saturated pair of outputs {@code a = (f(s), f(−s))} with {@code s > 0}, in closed form: for tanh
     * {@code E = e^{−2s}}, {@code c = 1 − tanh s = 2E/(1 + E)}, {@code a = (1 − c, −(1 − c))} and the slope
     * {@code 1 − a² = 4E/(1 + E)²} for both; for the sigmoid {@code q = σ(−s) = 1/(1 + e^s)},
     * {@code a = (1 − q, q)} and the slope {@code q(1 − q)} for both.
     *
     * @param gap the distance of the first output to its limit 1: c or q
     */
    private record Saturated(double s, double[] a, double slope, double gap) {
        static Saturated of(Activation f, double s) {
            if (f == Activation.TANH) {
                double e = Math.exp(-2 * s);
                double c = 2 * e / (1 + e);
                return new Saturated(s, new double[] {1 - c, -(1 - c)}, 4 * e / ((1 + e) * (1 + e)), c);
            }
            double q = 1 / (1 + Math.exp(s));
            return new Saturated(s, new double[] {1 - q, q}, q * (1 - q), q);
        }
    }

    /**
     * Layer {@code (w, b) = ((s, −s), (0, 0))} on {@code x = 1} gives {@code z = (s, −s)}. With targets at
     * the limits ({@code y = (1, −1)} for tanh, {@code (1, 0)} for the sigmoid) the errors
     * {@code e = ŷ − y} are {@code (−c, c)} or {@code (−q, q)}, taken from z, not from the rounded ŷ;
     * with opposite targets ({@code (−1, 1)}, {@code (0, 1)}) they are {@code (2 − c, −(2 − c))} or
     * {@code (1 − q, −(1 − q))}. Then sse {@code L = e0² + e1²} and {@code ∂L/∂z_j = 2e_j·slope}; mse over
     * 2 outputs {@code L = (e0² + e1²)/2} and {@code ∂L/∂z_j = e_j·slope}; sigmoid cross-entropy
     * {@code ℓ = Σ y softplus(−z) + (1 − y) softplus(z)}, which is {@code 2 ln(1 + e^{−s})} for
     * {@code y = (1, 0)} and {@code 2(s + ln(1 + e^{−s}))} for {@code y = (0, 1)}, and {@code ∂ℓ/∂z = e}.
     * As x = 1, {@code ∂L/∂w_j = ∂L/∂b_j = ∂L/∂z_j}.
     */
    private static void saturatedOutput(io.backprop.spi.Backend backend, NetworkSpec spec) {
        Activation f = spec.layer(0).activation();
        Loss loss = spec.loss();
        for (double s : SATURATED) {
            Network network = backend.create(spec, Parameters.of(LayerParameters.of(new double[][] {{s}, {-s}},
                    new double[] {0, 0})));
            Saturated sat = Saturated.of(f, s);
            double low = f == Activation.TANH ? -1 : 0;
            for (boolean atLimits : new boolean[] {true, false}) {
                double[] y = atLimits ? new double[] {1, low} : new double[] {low, 1};
                double far = 1 - low - sat.gap();
                double[] e = atLimits ? new double[] {-sat.gap(), sat.gap()} : new double[] {far, -far};
                String where = String.format(Locale.ROOT, "%s output at z = ±%s, y = (%s, %s)", f.id(), number(s),
                        number(y[0]), number(y[1]));
                double[] predicted = network.predict(new double[] {1});
                Check.value(where + ": output 0", predicted[0], sat.a()[0], Tolerances.OUTPUTS);
                Check.value(where + ": output 1", predicted[1], sat.a()[1], Tolerances.OUTPUTS);
                double expectedLoss;
                double[] dLdz = new double[2];
                if (loss == Loss.XENT) {
                    double softplus = Math.log1p(Math.exp(-s));
                    expectedLoss = atLimits ? 2 * softplus : 2 * (s + softplus);
                    dLdz = e;
                } else {
                    double factor = loss == Loss.SSE ? 2 : 1;
                    expectedLoss = (e[0] * e[0] + e[1] * e[1]) * factor / 2;
                    dLdz[0] = factor * e[0] * sat.slope();
                    dLdz[1] = factor * e[1] * sat.slope();
                }
                DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {y});
                Check.value(where + ": loss", network.loss(row), expectedLoss, Tolerances.LOSSES);
                gradients(where, network.gradients(row), Parameters.of(LayerParameters.of(
                        new double[][] {{dLdz[0]}, {dLdz[1]}}, dLdz)));
            }
        }
    }

    /**
     * Layer 1 {@code ((s, −s), (0, 0))} on {@code x = 1} gives the saturated {@code a = (f(s), f(−s))} and
     * slopes of {@link Saturated}; layer 2 is {@code W = ((0.5, −0.25), (−0.25, 0.5))},
     * {@code b = (0.1, −0.2)}, identity under mse and sse with {@code y = (−1, 1)}, sigmoid under xent
     * with {@code y = (0, 1)}, so that nothing cancels: {@code ŷ} and the loss are the plain forward pass
     * (the {@link Oracle}'s). Then {@code δ2 = ∂L/∂z2} is {@code 2(ŷ − y)} (sse), {@code ŷ − y} (mse over 2
     * outputs; xent), {@code ∂L/∂W_ki = δ2_k a_i}, {@code ∂L/∂b_k = δ2_k}, and through the slopes
     * {@code δ1_i = (Σ_k W_ki δ2_k)·slope}, {@code ∂L/∂w_i = ∂L/∂b_i = δ1_i}: from 1e-17 at {@code s = 20}
     * to 1e-260 at 300, and exactly 0 at 800.
     */
    private static void saturatedHidden(io.backprop.spi.Backend backend, NetworkSpec spec) {
        Activation f = spec.layer(0).activation();
        Loss loss = spec.loss();
        double[] y = loss == Loss.XENT ? new double[] {0, 1} : new double[] {-1, 1};
        DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {y});
        for (double s : SATURATED) {
            Parameters parameters = Parameters.of(LayerParameters.of(new double[][] {{s}, {-s}}, new double[] {0, 0}),
                    LayerParameters.of(SECOND_WEIGHTS, SECOND_BIASES));
            Network network = backend.create(spec, parameters);
            Saturated sat = Saturated.of(f, s);
            String where = String.format(Locale.ROOT, "hidden %s at z = ±%s under %s", f.id(), number(s), loss.id());
            double[] yHat = Oracle.outputs(spec, parameters, row)[0];
            double[] predicted = network.predict(new double[] {1});
            Check.value(where + ": output 0", predicted[0], yHat[0], Tolerances.OUTPUTS);
            Check.value(where + ": output 1", predicted[1], yHat[1], Tolerances.OUTPUTS);
            Check.value(where + ": loss", network.loss(row), Oracle.loss(spec, parameters, row), Tolerances.LOSSES);
            double[] delta2 = new double[2];
            for (int k = 0; k < 2; k++) {
                delta2[k] = (loss == Loss.SSE ? 2 : 1) * (yHat[k] - y[k]);
            }
            double[][] dW2 = new double[2][2];
            double[] delta1 = new double[2];
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < 2; i++) {
                    dW2[k][i] = delta2[k] * sat.a()[i];
                    delta1[i] += SECOND_WEIGHTS[k][i] * delta2[k];
                }
            }
            for (int i = 0; i < 2; i++) {
                delta1[i] *= sat.slope();
            }
            gradients(where, network.gradients(row), Parameters.of(LayerParameters.of(
                    new double[][] {{delta1[0]}, {delta1[1]}}, delta1), LayerParameters.of(dW2, delta2)));
        }
    }

    // ---- softmax + cross-entropy with partial labels ----

    private static final NetworkSpec SOFTMAX_XENT = NetworkSpec.builder(2).layer(3, Activation.SOFTMAX)
            .loss(Loss.XENT).build();

    /**
     * {@code ℓ = −Σ_j y_j ln ŷ_j} for any targets, so {@code ∂ℓ/∂z_j = −y_j + ŷ_j Σ_k y_k = ŷ_j·Σy − y_j}:
     * {@code ŷ − y} only when the targets sum to 1, and 0 for a row of zeros (whose loss is 0). The batch
     * averages: {@code ∂L/∂W_ji = (1/n) Σ_r (ŷ_rj Σy_r − y_rj) x_ri}. ŷ and {@code ln ŷ} are the plain forward
     * pass (the {@link Oracle}'s), exact here.
     */
    private static void softmaxPartialLabels(io.backprop.spi.Backend backend) {
        Parameters parameters = Parameters.of(LayerParameters.of(new double[][] {{0.5, -1}, {-1, 0.25}, {2, 0.5}},
                new double[] {0.1, 0.2, -0.3}));
        double[][] x = {{1, 0.5}, {-0.5, 2}, {0.25, -1}, {2, 1}};
        double[][] y = {{0.2, 0.3, 0.1}, {0, 0, 0}, {1, 1, 0}, {0.7, 0.2, 0.1}};
        Network network = backend.create(SOFTMAX_XENT, parameters);
        double[][] sumW = new double[3][2];
        double[] sumB = new double[3];
        for (int r = 0; r < x.length; r++) {
            DataSet row = DataSet.of(new double[][] {x[r]}, new double[][] {y[r]});
            double[] yHat = Oracle.outputs(SOFTMAX_XENT, parameters, row)[0];
            double targets = y[r][0] + y[r][1] + y[r][2];
            double[][] dW = new double[3][2];
            double[] dB = new double[3];
            for (int j = 0; j < 3; j++) {
                dB[j] = yHat[j] * targets - y[r][j];
                sumB[j] += dB[j] / x.length;
                for (int i = 0; i < 2; i++) {
                    dW[j][i] = dB[j] * x[r][i];
                    sumW[j][i] += dW[j][i] / x.length;
                }
            }
            String where = String.format(Locale.ROOT, "targets (%s, %s, %s), summing to %s", number(y[r][0]),
                    number(y[r][1]), number(y[r][2]), number(targets));
            Check.value(where + ": loss", network.loss(row), Oracle.loss(SOFTMAX_XENT, parameters, row),
                    Tolerances.LOSSES);
            gradients(where, network.gradients(row), Parameters.of(LayerParameters.of(dW, dB)));
        }
        DataSet batch = DataSet.of(x, y);
        Check.value("the 4 rows as one batch: loss", network.loss(batch), Oracle.loss(SOFTMAX_XENT, parameters, batch),
                Tolerances.LOSSES);
        gradients("the 4 rows as one batch", network.gradients(batch), Parameters.of(LayerParameters.of(sumW, sumB)));
    }

    // ---- identity outputs with targets far from 0 ----

    private static final NetworkSpec FAR = NetworkSpec.builder(2).layer(2, Activation.IDENTITY).loss(Loss.MSE).build();

    /**
     * {@code W = ((2^32, 0.5), (−2^40, 0.25))}, {@code b = (2^20, −3)}; every product and sum below is exact
     * in float64 (ulps 2^-20 at 2^32, 2^-12 at 2^40). Row {@code x = (1, 0.5)}: {@code ŷ = (2^32 + 2^20 +
     * 0.25, −2^40 − 3 + 0.125)}, targets 0.25 and 0.125 below: {@code e = (0.25, 0.125)}. Row
     * {@code x = (−1, 2)}: {@code ŷ = (−2^32 + 2^20 + 1, 2^40 − 3 + 0.5)}, {@code e = (0.5, −0.5)}. mse over
     * 2 rows and 2 outputs: {@code L = (1/4) Σ e² = 0.578125/4 = 0.14453125}, {@code ∂L/∂ŷ = e/2}, so
     * {@code ∂L/∂W = ((−0.125, 0.5625), (0.3125, −0.46875))}, {@code ∂L/∂b = (0.375, −0.1875)}.
     */
    private static void identityFarTargets(io.backprop.spi.Backend backend) {
        double p20 = 0x1p20;
        double p32 = 0x1p32;
        double p40 = 0x1p40;
        Network network = backend.create(FAR, Parameters.of(LayerParameters.of(new double[][] {{p32, 0.5},
                {-p40, 0.25}}, new double[] {p20, -3})));
        double[][] yHat = {{p32 + p20 + 0.25, -p40 - 3 + 0.125}, {-p32 + p20 + 1, p40 - 3 + 0.5}};
        double[][] e = {{0.25, 0.125}, {0.5, -0.5}};
        double[][] y = new double[2][2];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 2; k++) {
                y[r][k] = yHat[r][k] - e[r][k];
            }
        }
        DataSet data = DataSet.of(new double[][] {{1, 0.5}, {-1, 2}}, y);
        double[][] predicted = network.predict(data);
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 2; k++) {
                Check.value("row " + r + ", output " + k + " (target " + number(y[r][k]) + ")", predicted[r][k],
                        yHat[r][k], Tolerances.OUTPUTS);
            }
        }
        Check.value("loss of outputs a fraction from targets near 2^32 and 2^40", network.loss(data), 0.14453125,
                Tolerances.LOSSES);
        gradients("outputs a fraction from targets near 2^32 and 2^40", network.gradients(data),
                Parameters.of(layer(new double[][] {{-0.125, 0.5625}, {0.3125, -0.46875}}, 0.375, -0.1875)));
    }

    // ---- inputs of 1e-300 and 1e150 ----

    private static final NetworkSpec TINY_OUTPUT = NetworkSpec.builder(2).layer(2, Activation.TANH).loss(Loss.MSE)
            .build();
    private static final NetworkSpec TINY = NetworkSpec.builder(2).layer(2, Activation.TANH)
            .layer(2, Activation.IDENTITY).loss(Loss.SSE).build();

    /**
     * {@code x = (1e-300, −3e-300)} and a tanh layer {@code W = ((1, 0.5), (2, −1))}, {@code b = 0}:
     * {@code z = (x0 + 0.5x1, 2x0 − x1) ≈ (−5e-301, 5e-300)} and {@code a = tanh z = z} (below 2^-28,
     * {@code tanh z = z} in float64, as {@code z³/3} is far below half an ulp), slope {@code 1 − a² = 1}.
     *
     * <p>As the output layer, under mse with {@code y = (−1, 1)}: {@code e = a − y ≈ (1, −1)},
     * {@code L = (e0² + e1²)/2}, {@code ∂L/∂z = e}, {@code ∂L/∂W = e ⊗ x} (≈ 1e-300), {@code ∂L/∂b = e}.
     *
     * <p>As a hidden layer, then identity with {@code W2 = ((1, 1), (1e300, 0))}, {@code b2 = (1, 0)}:
     * {@code ŷ = (1 + a0 + a1, 1e300·a0) = (1, ≈ −0.5)}. With {@code y = 0} under sse, {@code δ2 = 2ŷ},
     * {@code ∂L/∂W2 = δ2 ⊗ a} (≈ 1e-300), {@code ∂L/∂b2 = δ2}, {@code δ1 = W2ᵀδ2 = (δ2_0 + 1e300·δ2_1,
     * δ2_0)} (≈ −1e300 and 2), {@code ∂L/∂W1 = δ1 ⊗ x} (≈ −1 and 3 in the first row), {@code ∂L/∂b1 = δ1}:
     * all finite, none 0.
     */
    private static void tinyInputs(io.backprop.spi.Backend backend) {
        double[] x = {1e-300, -3e-300};
        double[][] w1 = {{1, 0.5}, {2, -1}};
        double[] a = {x[0] + 0.5 * x[1], 2 * x[0] - x[1]};

        Network output = backend.create(TINY_OUTPUT, Parameters.of(LayerParameters.of(w1, new double[] {0, 0})));
        double[] e = {a[0] + 1, a[1] - 1};
        DataSet target = DataSet.of(new double[][] {x}, new double[][] {{-1, 1}});
        double[] outputs = output.predict(x);
        Check.value("tanh output of inputs of 1e-300: output 0", outputs[0], a[0], Tolerances.OUTPUTS);
        Check.value("tanh output of inputs of 1e-300: output 1", outputs[1], a[1], Tolerances.OUTPUTS);
        Check.value("tanh output of inputs of 1e-300: loss", output.loss(target), (e[0] * e[0] + e[1] * e[1]) / 2,
                Tolerances.LOSSES);
        gradients("tanh output of inputs of 1e-300", output.gradients(target), Parameters.of(
                layer(new double[][] {{e[0] * x[0], e[0] * x[1]}, {e[1] * x[0], e[1] * x[1]}}, e)));

        double[][] w2 = {{1, 1}, {1e300, 0}};
        double[] b2 = {1, 0};
        Network network = backend.create(TINY, Parameters.of(LayerParameters.of(w1, new double[] {0, 0}),
                LayerParameters.of(w2, b2)));
        double[] yHat = {1 + a[0] + a[1], 1e300 * a[0]};
        double[] delta2 = {2 * yHat[0], 2 * yHat[1]};
        double[] delta1 = {delta2[0] + 1e300 * delta2[1], delta2[0]};
        DataSet row = DataSet.of(new double[][] {x}, new double[][] {{0, 0}});
        double[] predicted = network.predict(x);
        Check.value("hidden tanh of inputs of 1e-300: output 0", predicted[0], yHat[0], Tolerances.OUTPUTS);
        Check.value("hidden tanh of inputs of 1e-300: output 1", predicted[1], yHat[1], Tolerances.OUTPUTS);
        Check.value("hidden tanh of inputs of 1e-300: loss", network.loss(row), yHat[0] * yHat[0] + yHat[1] * yHat[1],
                Tolerances.LOSSES);
        gradients("hidden tanh of inputs of 1e-300", network.gradients(row), Parameters.of(
                layer(new double[][] {{delta1[0] * x[0], delta1[0] * x[1]}, {delta1[1] * x[0], delta1[1] * x[1]}},
                        delta1),
                layer(new double[][] {{delta2[0] * a[0], delta2[0] * a[1]}, {delta2[1] * a[0], delta2[1] * a[1]}},
                        delta2)));
    }

    private static final NetworkSpec HUGE_SOFTMAX = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT)
            .build();
    private static final NetworkSpec HUGE_RELU = NetworkSpec.builder(1).layer(1, Activation.RELU)
            .layer(1, Activation.IDENTITY).loss(Loss.SSE).build();
    private static final NetworkSpec HUGE_TANH = NetworkSpec.builder(1).layer(1, Activation.TANH)
            .layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
    private static final NetworkSpec HUGE_SIGMOID = NetworkSpec.builder(1).layer(1, Activation.SIGMOID)
            .loss(Loss.XENT).build();

    /**
     * {@code x = 1e150} throughout. Softmax, {@code W = (1, 0)}, {@code b = 0}: {@code z = (1e150, 0)},
     * {@code ŷ = (1, 0)}; for {@code y = (0, 1)}, {@code ℓ = 1e150 + ln(1 + e^-1e150) = 1e150},
     * {@code ∂ℓ/∂z = ŷ − y = (1, −1)}, {@code ∂ℓ/∂W = (1e150, −1e150)}, {@code ∂ℓ/∂b = (1, −1)}.
     *
     * <p>Relu then identity, all weights 1, biases 0, sse, {@code y = 0}: {@code ŷ = 1e150},
     * {@code ℓ = 1e300}, {@code δ2 = 2e150}, {@code ∂ℓ/∂w2 = 2e150·1e150 = 2e300}, {@code ∂ℓ/∂b2 = 2e150},
     * {@code δ1 = 2e150}, {@code ∂ℓ/∂w1 = 2e300}, {@code ∂ℓ/∂b1 = 2e150}.
     *
     * <p>Tanh with {@code w1 = 1}, then identity with {@code w2 = 1e150}, mse, {@code y = 0}: {@code a = 1},
     * slope 0, {@code ŷ = 1e150}, {@code ℓ = 1e300}, {@code ∂ℓ/∂w2 = ∂ℓ/∂b2 = 2e150}, and
     * {@code δ1 = (1e150·2e150)·0 = 0}, so {@code ∂ℓ/∂w1 = ∂ℓ/∂b1 = 0}.
     *
     * <p>Sigmoid cross-entropy, {@code w = 1}, {@code b = 0}, two rows with {@code y = 0} and {@code y = 1}:
     * {@code ℓ = softplus(1e150) = 1e150} and {@code softplus(−1e150) = 0}, {@code L = 5e149};
     * {@code ∂L/∂w = ((1 − 0) + (1 − 1))·1e150/2 = 5e149}, {@code ∂L/∂b = 0.5}.
     */
    private static void hugeInputs(io.backprop.spi.Backend backend) {
        double x = 1e150;
        DataSet one = DataSet.of(new double[][] {{x}}, new double[][] {{0, 1}});
        Network softmax = backend.create(HUGE_SOFTMAX, Parameters.of(layer(new double[][] {{1}, {0}}, 0, 0)));
        double[] p = softmax.predict(new double[] {x});
        Check.value("softmax of z = (1e150, 0): output 0", p[0], 1, Tolerances.OUTPUTS);
        Check.value("softmax of z = (1e150, 0): output 1", p[1], 0, Tolerances.OUTPUTS);
        Check.value("softmax of z = (1e150, 0): loss", softmax.loss(one), 1e150, Tolerances.LOSSES);
        gradients("softmax of z = (1e150, 0)", softmax.gradients(one), Parameters.of(layer(new double[][] {{x}, {-x}},
                1, -1)));

        DataSet zero = DataSet.of(new double[][] {{x}}, new double[][] {{0}});
        Network relu = backend.create(HUGE_RELU, Parameters.of(layer(new double[][] {{1}}, 0),
                layer(new double[][] {{1}}, 0)));
        Check.value("relu of 1e150: output", relu.predict(new double[] {x})[0], x, Tolerances.OUTPUTS);
        Check.value("relu of 1e150: loss", relu.loss(zero), 1e300, Tolerances.LOSSES);
        gradients("relu of 1e150", relu.gradients(zero), Parameters.of(layer(new double[][] {{2e300}}, 2e150),
                layer(new double[][] {{2e300}}, 2e150)));

        Network tanh = backend.create(HUGE_TANH, Parameters.of(layer(new double[][] {{1}}, 0),
                layer(new double[][] {{x}}, 0)));
        Check.value("tanh of 1e150 times 1e150: output", tanh.predict(new double[] {x})[0], x, Tolerances.OUTPUTS);
        Check.value("tanh of 1e150 times 1e150: loss", tanh.loss(zero), 1e300, Tolerances.LOSSES);
        gradients("tanh of 1e150 times 1e150", tanh.gradients(zero), Parameters.of(layer(new double[][] {{0}}, 0),
                layer(new double[][] {{2e150}}, 2e150)));

        DataSet both = DataSet.of(new double[][] {{x}, {x}}, new double[][] {{0}, {1}});
        Network sigmoid = backend.create(HUGE_SIGMOID, Parameters.of(layer(new double[][] {{1}}, 0)));
        Check.value("sigmoid of 1e150: output", sigmoid.predict(new double[] {x})[0], 1, Tolerances.OUTPUTS);
        Check.value("sigmoid of 1e150, targets 0 and 1: loss", sigmoid.loss(both), 5e149, Tolerances.LOSSES);
        gradients("sigmoid of 1e150, targets 0 and 1", sigmoid.gradients(both), Parameters.of(
                layer(new double[][] {{5e149}}, 0.5)));
    }

    // ---- helpers ----

    private static LayerParameters layer(double[][] weights, double... biases) {
        return LayerParameters.of(weights, biases);
    }

    /**
     * Every gradient against its closed form, each relative to itself ({@link Check#value}), so that the
     * tiny gradients of a saturated layer are judged by their own digits; an expected 0 must be 0.
     */
    static void gradients(String where, Parameters actual, Parameters expected) {
        for (int l = 0; l < expected.layers().size(); l++) {
            LayerParameters e = expected.layer(l);
            LayerParameters a = actual.layer(l);
            for (int j = 0; j < e.units(); j++) {
                for (int i = 0; i < e.inputs(); i++) {
                    Check.value(where + ": ∂L/∂w of layer " + l + ", weight(" + j + ", " + i + ")", a.weight(j, i),
                            e.weight(j, i), Tolerances.GRADIENTS);
                }
                if (e.hasBiases()) {
                    Check.value(where + ": ∂L/∂b of layer " + l + ", bias(" + j + ")", a.bias(j), e.bias(j),
                            Tolerances.GRADIENTS);
                }
            }
        }
    }

    /** A number as people write it: 20 rather than 20.0. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
