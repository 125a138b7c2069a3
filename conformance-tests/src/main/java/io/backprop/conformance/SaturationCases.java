package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.List;

/**
 * Outputs at and near 0 and 1, where a naive sigmoid, softmax or logarithm overflows, returns NaN
 * or loses every digit. Expected values are derived in each case's comment.
 */
final class SaturationCases {
    private static final NetworkSpec SIGMOID = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.XENT).build();
    private static final NetworkSpec SOFTMAX = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
    private static final NetworkSpec SIGMOID_MSE = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.MSE)
            .build();
    private static final NetworkSpec SOFTMAX_MSE = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.MSE)
            .build();
    private static final NetworkSpec HIDDEN_SOFTMAX = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX)
            .layer(1, Activation.IDENTITY).loss(Loss.SSE).build();
    private static final NetworkSpec HIDDEN_SIGMOID = NetworkSpec.builder(1).layer(1, Activation.SIGMOID)
            .layer(1, Activation.IDENTITY).loss(Loss.SSE).build();
    /**
     * {@code q = σ(−30) = 1/(1 + e^30)}, about 9.36e-14: a sigmoid's {@code 1 − σ(30)} and a softmax's
     * {@code 1 − softmax(30, 0)_0}. In float64 {@code σ(30)} is {@code 1 − q} to half an ulp of 1, so
     * {@code 1 − σ(30)} taken from it is {@code q} to only about 3 digits: these cases need it to 10.
     */
    private static final double Q = 1 / (1 + Math.exp(30));

    private SaturationCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                // z = 800: σ(z) rounds to 1; with y = 0, ℓ = ln(1 + e^800) = 800 + ln(1 + e^-800) = 800; ∂ℓ/∂w = (σ − y)·x = 1.
                new SimpleCase("saturation.sigmoid-xent", "a sigmoid output rounded to 1 with target 0 has loss 800 and"
                        + " gradient 1, not NaN", List.of(SIGMOID), backend -> {
                            Network network = backend.create(SIGMOID, one(800, 0));
                            DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {{0}});
                            Check.value("output", network.predict(new double[] {1})[0], 1.0, Tolerances.OUTPUTS);
                            Check.value("loss", network.loss(row), 800.0, Tolerances.LOSSES);
                            Check.value("∂L/∂w", network.gradients(row).layer(0).weight(0, 0), 1.0, Tolerances.OUTPUTS);
                        }).notes(
                        "a sigmoid output at z = 800, target 0: the output is 1, the cross-entropy 800 (ln(1 + "
                        + "e^800)) and ∂L/∂w = 1; nothing is NaN or infinite",
                        Notes.allowed("output, ∂L/∂w", Kind.OUTPUTS, "loss", Kind.LOSSES),
                        "cross-entropy after a sigmoid taken from z, as softplus(z) − y·z "
                        + "(SaturatedOutputs.crossEntropy), not as −ln(1 − ŷ) of a ŷ rounded to 1; σ(z) computed "
                        + "without overflow for large |z|"),
                // z = (1000, 0): softmax is (1, 0) without overflow; with y = (0, 1), ℓ = 1000 + ln(1 + e^-1000) = 1000.
                new SimpleCase("saturation.softmax-xent", "a softmax over z = (1000, 0) gives (1, 0) and, for the other class,"
                        + " loss 1000", List.of(SOFTMAX), backend -> {
                            Network network = backend.create(SOFTMAX, two(1000, 0));
                            double[] output = network.predict(new double[] {1});
                            Check.value("output 0", output[0], 1.0, Tolerances.OUTPUTS);
                            Check.value("output 1", output[1], 0.0, Tolerances.OUTPUTS);
                            Check.value("loss", network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{0, 1}})),
                                    1000.0, Tolerances.LOSSES);
                        }).notes(
                        "a softmax over z = (1000, 0): the outputs are (1, 0) without overflow, and the cross-entropy "
                        + "for the other class is 1000",
                        Notes.allowed("outputs", Kind.OUTPUTS, "loss", Kind.LOSSES),
                        "the softmax with the largest z subtracted before e^z; the cross-entropy as log-sum-exp of z "
                        + "minus the target's z (SaturatedOutputs.crossEntropy), not as −ln ŷ of a ŷ rounded to 0"),
                // z = (30, 0), y = (1, 0): ℓ = ln(1 + e^-30) = x − x²/2 + x³/3 with x = e^-30, about 9.36e-14.
                new SimpleCase("saturation.confident-softmax", "a confident right softmax prediction keeps the digits of its"
                        + " tiny loss, ln(1 + e^-30)", List.of(SOFTMAX), backend -> {
                            Network network = backend.create(SOFTMAX, two(30, 0));
                            double x = Math.exp(-30);
                            Check.value("loss", network.loss(DataSet.of(new double[][] {{1}}, new double[][] {{1, 0}})),
                                    x - x * x / 2 + x * x * x / 3, Tolerances.LOSSES);
                        }).notes(
                        "the cross-entropy of a confident right softmax prediction, z = (30, 0), is ln(1 + e^-30) ≈ "
                        + "9.36e-14 to 12 digits",
                        Notes.allowed("loss", Kind.LOSSES),
                        "−ln ŷ for a ŷ near 1: as log1p of the other classes' share of e^z (log-sum-exp), not ln of "
                        + "the rounded ŷ, which gives 0 or a few digits"),
                // z = 30, y = 1: ŷ − y = −q, ℓ = q²; ∂ℓ/∂w = 2(ŷ − y)·ŷ(1 − ŷ)·x = −2q²(1 − q).
                new SimpleCase("saturation.sigmoid-mse", "a sigmoid output near 1 keeps the digits of its small error, loss"
                        + " and gradient under mse", List.of(SIGMOID_MSE), backend -> {
                            Network network = backend.create(SIGMOID_MSE, one(30, 0));
                            DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {{1}});
                            Check.value("loss", network.loss(row), Q * Q, Tolerances.LOSSES);
                            Check.value("∂L/∂w", network.gradients(row).layer(0).weight(0, 0), -2 * Q * Q * (1 - Q),
                                    Tolerances.GRADIENTS);
                        }).notes(
                        "a sigmoid output at z = 30, target 1, under mse: the loss q² and ∂L/∂w = −2q²(1 − q), with q "
                        + "= 1/(1 + e^30), to 10 digits where 1 − ŷ taken from the rounded ŷ keeps 3",
                        Notes.allowed("loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS),
                        "the error ŷ − y and the slope σ(1 − σ) near 1: 1 − σ(z) taken from z as σ(−z) "
                        + "(SaturatedOutputs.error, SaturatedOutputs.sigmoidComplement), not as 1 − a"),
                // z = (30, 0), y = (1, 0): ŷ = (1 − q, q), ℓ = ½(q² + q²) = q²; ∂ℓ/∂ŷ = ŷ − y = (−q, q), and
                // ∂ℓ/∂z_j = ŷ_j(∂ℓ/∂ŷ_j − Σ ŷ_k ∂ℓ/∂ŷ_k) with Σ = −q(1 − q) + q² gives ∓2q²(1 − q).
                new SimpleCase("saturation.softmax-mse", "a softmax output near 1 keeps the digits of its small loss and"
                        + " gradients under mse", List.of(SOFTMAX_MSE), backend -> {
                            Network network = backend.create(SOFTMAX_MSE, two(30, 0));
                            DataSet row = DataSet.of(new double[][] {{1}}, new double[][] {{1, 0}});
                            Check.value("loss", network.loss(row), Q * Q, Tolerances.LOSSES);
                            Parameters gradients = network.gradients(row);
                            Check.value("∂L/∂w1", gradients.layer(0).weight(0, 0), -2 * Q * Q * (1 - Q),
                                    Tolerances.GRADIENTS);
                            Check.value("∂L/∂w2", gradients.layer(0).weight(1, 0), 2 * Q * Q * (1 - Q),
                                    Tolerances.GRADIENTS);
                        }).notes(
                        "a softmax output near 1, z = (30, 0), under mse: the loss q² and ∂L/∂w = ∓2q²(1 − q) to 10 "
                        + "digits",
                        Notes.allowed("loss", Kind.LOSSES, "∂L/∂w", Kind.GRADIENTS),
                        "1 − ŷ of the dominant softmax output taken as the sum of the others, and the softmax's "
                        + "backward pass rearranged near 1 (SaturatedOutputs.error, SaturatedOutputs.softmaxBackward)"),
                // A hidden softmax over z = (30, 0) gives a = (1 − q, q); the identity output ŷ = a_0, y = 0, sse:
                // ∂ℓ/∂a = (2(1 − q), 0), Σ a_k ∂ℓ/∂a_k = 2(1 − q)², so ∂ℓ/∂z = (2q(1 − q)², −2q(1 − q)²).
                new SimpleCase("saturation.hidden-softmax", "the gradient through a hidden softmax whose output is near 1"
                        + " keeps its digits", List.of(HIDDEN_SOFTMAX), backend -> {
                            Network network = backend.create(HIDDEN_SOFTMAX, Parameters.of(
                                    LayerParameters.of(new double[][] {{30}, {0}}, new double[] {0, 0}),
                                    LayerParameters.of(new double[][] {{1, 0}}, new double[] {0})));
                            Parameters gradients = network.gradients(DataSet.of(new double[][] {{1}},
                                    new double[][] {{0}}));
                            double expected = 2 * Q * (1 - Q) * (1 - Q);
                            Check.value("∂L/∂w1", gradients.layer(0).weight(0, 0), expected, Tolerances.GRADIENTS);
                            Check.value("∂L/∂w2", gradients.layer(0).weight(1, 0), -expected, Tolerances.GRADIENTS);
                        }).notes(
                        "∂L/∂w through a hidden softmax whose output is 1 − q, into an identity output under sse, to "
                        + "10 digits",
                        Notes.allowed("∂L/∂w", Kind.GRADIENTS),
                        "the softmax's backward pass in a hidden layer, where Σ a_k ∂L/∂a_k cancels against ∂L/∂a_m "
                        + "(SaturatedOutputs.softmaxBackward)"),
                // A hidden sigmoid with z = 30 gives a = 1 − q; the identity output ŷ = a, y = 0, sse:
                // ∂ℓ/∂a = 2(1 − q), times the slope a(1 − a) = (1 − q)q: ∂ℓ/∂w = 2q(1 − q)².
                new SimpleCase("saturation.hidden-sigmoid", "the gradient through a hidden sigmoid near 1 keeps its"
                        + " digits", List.of(HIDDEN_SIGMOID), backend -> {
                            Network network = backend.create(HIDDEN_SIGMOID, Parameters.of(one(30, 0).layer(0),
                                    one(1, 0).layer(0)));
                            Parameters gradients = network.gradients(DataSet.of(new double[][] {{1}},
                                    new double[][] {{0}}));
                            Check.value("∂L/∂w1", gradients.layer(0).weight(0, 0), 2 * Q * (1 - Q) * (1 - Q),
                                    Tolerances.GRADIENTS);
                        }).notes(
                        "∂L/∂w through a hidden sigmoid at z = 30 (slope q(1 − q)), into an identity output under "
                        + "sse, to 10 digits",
                        Notes.allowed("∂L/∂w", Kind.GRADIENTS),
                        "a hidden sigmoid's slope a(1 − a) with 1 − a taken from z "
                        + "(SaturatedOutputs.sigmoidComplement), not from the rounded a"));
    }

    private static Parameters one(double w, double b) {
        return Parameters.of(LayerParameters.of(new double[][] {{w}}, new double[] {b}));
    }

    private static Parameters two(double w0, double w1) {
        return Parameters.of(LayerParameters.of(new double[][] {{w0}, {w1}}, new double[] {0, 0}));
    }
}
