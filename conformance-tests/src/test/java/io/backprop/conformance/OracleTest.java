package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingLoop;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle is itself proven: its closed-form gradients against five-point finite differences of its
 * loss, its exactness at saturation against closed forms, its batch schedule against the API's
 * {@link TrainingLoop}, and its SGD against the same steps taken with finite differences.
 */
class OracleTest {
    /** How many generated networks the closed form is held to finite differences on. */
    private static final int GENERATED = 300;

    static Stream<Arguments> networks() {
        return Stream.concat(GeneratedNetworks.of(1, GENERATED).stream(), GradientCases.networks().stream())
                .map(sample -> Arguments.of(Named.of(sample.id() + ": " + sample.title(), sample)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void closedFormGradientsEqualFivePointFiniteDifferences(GeneratedNetworks.Sample sample) {
        NetworkSpec spec = sample.spec();
        Parameters parameters = sample.parameters();
        DataSet data = sample.data();
        double lossScale = Math.max(1, Math.abs(Oracle.loss(spec, parameters, data)));
        Parameters analytic = OracleBackprop.gradients(spec, parameters, data);
        Parameters numeric = Oracle.numericalGradients(spec, parameters, data, Tolerances.STENCIL_STEP);
        // Where the stencil's points put a relu input on both sides of its kink, the differences measure
        // the jump, not the derivative: such a parameter is left out (on both sides, as 0).
        BitSet relus = reluSides(spec, parameters, data);
        boolean anyRelu = spec.layers().stream().anyMatch(layer -> layer.activation() == Activation.RELU);
        int straddling = 0;
        for (int l = 0; anyRelu && l < spec.depth(); l++) {
            LayerParameters a = analytic.layer(l);
            LayerParameters n = numeric.layer(l);
            LayerParameters p = parameters.layer(l);
            for (int j = 0; j < p.units(); j++) {
                for (int i = 0; i <= p.inputs(); i++) {
                    boolean bias = i == p.inputs();
                    if (bias && !p.hasBiases()) {
                        continue;
                    }
                    double value = bias ? p.bias(j) : p.weight(j, i);
                    boolean straddles = false;
                    for (double step : new double[] {-2, -1, 1, 2}) {
                        double moved = value + step * Tolerances.STENCIL_STEP;
                        LayerParameters layer = bias ? p.withBias(j, moved) : p.withWeight(j, i, moved);
                        straddles |= !reluSides(spec, parameters.withLayer(l, layer), data).equals(relus);
                    }
                    if (straddles) {
                        straddling++;
                        a = bias ? a.withBias(j, 0) : a.withWeight(j, i, 0);
                        n = bias ? n.withBias(j, 0) : n.withWeight(j, i, 0);
                    }
                }
            }
            analytic = analytic.withLayer(l, a);
            numeric = numeric.withLayer(l, n);
        }
        assertThat(straddling).as("parameters whose stencil straddles a relu kink").isLessThan(spec.parameterCount() / 4 + 1);

        Check.gradients(analytic, numeric, Tolerances.GRADIENT_CHECK, Tolerances.GRADIENT_CHECK_FLOOR * lossScale);
    }

    /** Which side of its kink every relu input is on, for every row: bit set for z > 0. */
    private static BitSet reluSides(NetworkSpec spec, Parameters parameters, DataSet data) {
        BitSet sides = new BitSet();
        int bit = 0;
        for (int r = 0; r < data.rows(); r++) {
            double[] a = data.featureRow(r);
            for (int l = 0; l < spec.depth(); l++) {
                double[] z = Oracle.weightedSums(parameters.layer(l), a);
                if (spec.layer(l).activation() == Activation.RELU) {
                    for (double v : z) {
                        sides.set(bit++, v > 0);
                    }
                }
                a = Oracle.activate(spec.layer(l).activation(), z);
            }
        }
        return sides;
    }

    @Test
    void theNetworksCoverEveryActivationLossAndLayerWithoutBias() {
        List<GeneratedNetworks.Sample> samples = GradientCases.networks();
        Set<Activation> hidden = EnumSet.noneOf(Activation.class);
        Set<String> outputs = new java.util.HashSet<>();
        Set<Integer> depths = new java.util.HashSet<>();
        boolean withoutBias = false;
        for (GeneratedNetworks.Sample sample : samples) {
            NetworkSpec spec = sample.spec();
            for (int l = 0; l < spec.depth() - 1; l++) {
                hidden.add(spec.layer(l).activation());
            }
            outputs.add(spec.loss() + " " + spec.layer(spec.depth() - 1).activation());
            depths.add(spec.depth());
            withoutBias |= spec.layers().stream().anyMatch(layer -> !layer.bias());
        }
        assertThat(hidden).containsExactlyInAnyOrder(Activation.values());
        assertThat(outputs).hasSize(12);
        assertThat(depths).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(withoutBias).isTrue();
        assertThat(samples).extracting(GeneratedNetworks.Sample::id).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("gradients."));
    }

    /** q = σ(−30) = 1/(1 + e^30): 1 − σ(30), and 1 − softmax(30, 0)_0 (see SaturationCases). */
    private static final double Q = 1 / (1 + Math.exp(30));

    @Test
    void saturatedOutputsKeepTheirDigits() {
        DataSet one = DataSet.of(new double[][] {{1}}, new double[][] {{1}});
        DataSet oneToZero = DataSet.of(new double[][] {{1}}, new double[][] {{0}});
        // A sigmoid rounded to 1 under xent, target 0: ∂ℓ/∂w = (σ − y)·x = 1.
        assertClose(gradient(single(1, Activation.SIGMOID, Loss.XENT), 800, oneToZero), 1.0);
        // σ(30) under mse, target 1: ∂ℓ/∂w = 2(ŷ − y)·ŷ(1 − ŷ) = −2q²(1 − q).
        assertClose(gradient(single(1, Activation.SIGMOID, Loss.MSE), 30, one), -2 * Q * Q * (1 - Q));
        // softmax(30, 0) under mse, target (1, 0): ∂ℓ/∂w1 = −2q²(1 − q) (SaturationCases derives it).
        NetworkSpec softmaxMse = single(2, Activation.SOFTMAX, Loss.MSE);
        Parameters two = Parameters.of(LayerParameters.of(new double[][] {{30}, {0}}, new double[] {0, 0}));
        DataSet first = DataSet.of(new double[][] {{1}}, new double[][] {{1, 0}});
        Parameters g = OracleBackprop.gradients(softmaxMse, two, first);
        assertClose(g.layer(0).weight(0, 0), -2 * Q * Q * (1 - Q));
        assertClose(g.layer(0).weight(1, 0), 2 * Q * Q * (1 - Q));
        // softmax(30, 0) under xent, target (1, 0): ∂ℓ/∂z_0 = ŷ_0 − 1 = −q.
        assertClose(OracleBackprop.gradients(single(2, Activation.SOFTMAX, Loss.XENT), two, first).layer(0)
                .weight(0, 0), -Q);
        // tanh(15) under mse, target 1: 1 − tanh 15 = 2/(e^30 + 1) = 2q, so ŷ − y = −2q and
        // tanh' = 1 − ŷ² = (1 − ŷ)(1 + ŷ) = 2q(2 − 2q): ∂ℓ/∂w = 2(−2q)·4q(1 − q) = −16q²(1 − q).
        assertClose(gradient(single(1, Activation.TANH, Loss.MSE), 15, one), -16 * Q * Q * (1 - Q));
        // tanh(−15) under sse, target −1: ŷ − y = (−1 + 2q) + 1 = 2q: ∂ℓ/∂w = 2(2q)·4q(1 − q) = 16q²(1 − q).
        DataSet minusOne = DataSet.of(new double[][] {{1}}, new double[][] {{-1}});
        assertClose(gradient(single(1, Activation.TANH, Loss.SSE), -15, minusOne), 16 * Q * Q * (1 - Q));
        // A hidden sigmoid at z = 30 into an identity output, target 0, sse: ∂ℓ/∂w1 = 2(1 − q)·(1 − q)q.
        NetworkSpec hiddenSigmoid = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).layer(1, Activation.IDENTITY)
                .loss(Loss.SSE).build();
        Parameters hidden = Parameters.of(LayerParameters.of(new double[][] {{30}}, new double[] {0}),
                LayerParameters.of(new double[][] {{1}}, new double[] {0}));
        assertClose(OracleBackprop.gradients(hiddenSigmoid, hidden, oneToZero).layer(0).weight(0, 0),
                2 * Q * (1 - Q) * (1 - Q));
        // A hidden softmax over (30, 0) into an identity output taking a_0, target 0, sse: ∓2q(1 − q)².
        NetworkSpec hiddenSoftmax = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).layer(1, Activation.IDENTITY)
                .loss(Loss.SSE).build();
        Parameters softmaxFirst = Parameters.of(two.layer(0), LayerParameters.of(new double[][] {{1, 0}},
                new double[] {0}));
        Parameters h = OracleBackprop.gradients(hiddenSoftmax, softmaxFirst, oneToZero);
        assertClose(h.layer(0).weight(0, 0), 2 * Q * (1 - Q) * (1 - Q));
        assertClose(h.layer(0).weight(1, 0), -2 * Q * (1 - Q) * (1 - Q));
    }

    private static NetworkSpec single(int units, Activation activation, Loss loss) {
        return NetworkSpec.builder(1).layer(units, activation).loss(loss).build();
    }

    private static double gradient(NetworkSpec spec, double w, DataSet row) {
        Parameters parameters = Parameters.of(LayerParameters.of(new double[][] {{w}}, new double[] {0}));
        return OracleBackprop.gradients(spec, parameters, row).layer(0).weight(0, 0);
    }

    private static void assertClose(double actual, double expected) {
        Check.value("gradient", actual, expected, Tolerances.GRADIENTS);
    }

    static Stream<TrainingOptions> schedules() {
        List<TrainingOptions> options = new ArrayList<>();
        for (BatchSize batch : List.of(BatchSize.of(1), BatchSize.of(3), BatchSize.of(7), BatchSize.ALL,
                BatchSize.of(257))) {
            options.add(TrainingOptions.builder().epochs(3).batchSize(batch).build());
            options.add(TrainingOptions.builder().epochs(3).batchSize(batch).shuffle(7).build());
            options.add(TrainingOptions.builder().epochs(2).batchSize(batch).shuffle(-3).build());
        }
        return options.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void theBatchScheduleIsTrainingLoops(TrainingOptions options) {
        for (int rows : new int[] {1, 2, 10, 300, 1000}) {
            List<int[]> visited = new ArrayList<>();
            DataSet data = DataSet.of(new double[rows][1], new double[rows][1]);
            TrainingLoop.run(data, options, new TrainingLoop.Trainee() {
                @Override
                public void step(DataSet d, int[] order, int from, int to, double learningRate) {
                    visited.add(Arrays.copyOfRange(order, from, to));
                }

                @Override
                public double loss(DataSet d) {
                    return 0;
                }
            });

            assertThat(OracleTraining.schedule(rows, options)).as("%d rows", rows).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(visited);
        }
    }

    @Test
    void sgdWithClosedFormGradientsFollowsSgdWithFiniteDifferences() {
        int checked = 0;
        for (GeneratedNetworks.Sample sample : GeneratedNetworks.of(1000, 20)) {
            NetworkSpec spec = sample.spec();
            if (spec.layers().stream().anyMatch(layer -> layer.activation() == Activation.RELU)) {
                continue; // a step may carry a relu input across its kink: the stencil's derivative is not there
            }
            // Steps that move no parameter by more than about 0.01, so that no run diverges.
            double largest = OracleBackprop.gradients(spec, sample.parameters(), sample.data()).largestMagnitude();
            TrainingOptions options = TrainingOptions.builder().learningRate(0.01 / Math.max(1, largest)).epochs(2)
                    .batchSize(BatchSize.of(3)).shuffle(5).build();
            Parameters numeric = sample.parameters();
            for (int[] rows : OracleTraining.schedule(sample.data().rows(), options)) {
                Parameters g = Oracle.numericalGradients(spec, numeric, sample.data().select(rows),
                        Tolerances.STENCIL_STEP);
                numeric = OracleTraining.step(numeric, g, options.learningRate());
            }
            OracleTraining.Trajectory trajectory = OracleTraining.fit(spec, sample.parameters(), sample.data(), options);

            Check.parameters(sample.id() + " after 2 epochs", trajectory.parameters(), numeric,
                    Tolerances.GRADIENT_CHECK);
            assertThat(trajectory.losses()).hasSize(2);
            assertThat(trajectory.losses()[1]).isEqualTo(Oracle.loss(spec, trajectory.parameters(), sample.data()));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void lossesAreTakenEveryLossEveryEpochs() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(3, Activation.TANH).layer(1, Activation.IDENTITY)
                .loss(Loss.SSE).build();
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 3);
        DataSet data = GeneratedNetworks.data(new Random(4), spec, 5, 1);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).epochs(7).lossEvery(3).build();

        OracleTraining.Trajectory every3 = OracleTraining.fit(spec, start, data, options);
        OracleTraining.Trajectory six = OracleTraining.fit(spec, start, data, options.toBuilder().epochs(6).lossEvery(1)
                .build());

        assertThat(every3.losses()).containsExactly(six.losses()[2], six.losses()[5]);
    }
}
