package io.backprop.dl4j;

import io.backprop.conformance.comparison.Tolerances;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.comparison.Differences;
import io.backprop.data.DataSet;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The dl4j backend computes what the reference backend computes, to float64 precision. */
class Dl4jAgreesWithReferenceTest {
    private static final double OUTPUT_TOLERANCE = Tolerances.OUTPUTS;
    private static final double GRADIENT_TOLERANCE = Tolerances.GRADIENTS;
    /** After the article's 4000 per-sample steps. */
    private static final double TRAJECTORY_TOLERANCE = Tolerances.TRAJECTORY;

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertThat(Backends.named("dl4j")).isInstanceOf(Dl4jBackend.class);
    }

    @Test
    void theArticlesNetworkGivesTheArticlesNumberExactly() {
        Network network = Backends.create("dl4j", Article.NETWORK, ArticleNames.of(0, 1, 0, 1, 0, 1, 0, 0, 0));
        assertThat(network.predict(new double[] {2, 3})[0]).isEqualTo(0.7216325609518421);
    }

    @Test
    void parametersSetAndReadBackAreBitIdentical() {
        NetworkSpec spec = NetworkSpec.builder(3).layer(4, Activation.TANH, false).layer(2, Activation.SIGMOID)
                .loss(Loss.MSE).build();
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, 8);
        assertThat(Backends.create("dl4j", spec, parameters).parameters()).isEqualTo(parameters);
    }

    @Test
    void theArticlesThousandEpochsOfPerSampleSgdEndWhereTheReferencesDo() {
        Network dl4j = Backends.create("dl4j", Article.NETWORK, Article.START);
        Network reference = Backends.create("reference", Article.NETWORK, Article.START);

        double[] dl4jLoss = dl4j.fit(Article.PEOPLE, Article.TRAINING).losses();
        double[] referenceLoss = reference.fit(Article.PEOPLE, Article.TRAINING).losses();

        assertClose(dl4j.parameters(), reference.parameters(), TRAJECTORY_TOLERANCE, "after 1000 epochs");
        assertThat(dl4jLoss[999]).isCloseTo(referenceLoss[999], org.assertj.core.api.Assertions.within(Tolerances.LOSSES));
    }

    @TestFactory
    Stream<DynamicTest> randomNetworksAgreeOnOutputsLossesAndGradients() {
        Random random = new Random(31);
        List<DynamicTest> tests = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            for (Activation hidden : Activation.values()) {
                for (Activation output : loss == Loss.XENT ? new Activation[] {Activation.SIGMOID, Activation.SOFTMAX}
                        : new Activation[] {Activation.SIGMOID, Activation.IDENTITY, Activation.TANH, Activation.SOFTMAX}) {
                    for (boolean bias : new boolean[] {true, false}) {
                        NetworkSpec spec = NetworkSpec.builder(1 + random.nextInt(4))
                                .layer(2 + random.nextInt(5), hidden, bias)
                                .layer(2 + random.nextInt(3), output, bias)
                                .loss(loss).build();
                        long seed = random.nextLong();
                        tests.add(DynamicTest.dynamicTest(spec.toString() + (bias ? "" : ", no biases"),
                                () -> assertAgree(spec, seed)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void assertAgree(NetworkSpec spec, long seed) {
        Random random = new Random(seed);
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, seed);
        int rows = 1 + random.nextInt(8);
        double[][] x = new double[rows][spec.inputs()];
        double[][] y = new double[rows][spec.outputs()];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < spec.inputs(); i++) {
                x[r][i] = random.nextGaussian() * 2;
            }
            boolean oneHot = spec.loss() == Loss.XENT && spec.layer(spec.depth() - 1).activation() == Activation.SOFTMAX;
            if (oneHot) {
                y[r][random.nextInt(spec.outputs())] = 1;
            } else {
                for (int k = 0; k < spec.outputs(); k++) {
                    y[r][k] = random.nextDouble();
                }
            }
        }
        DataSet data = DataSet.of(x, y);
        Network dl4j = Backends.create("dl4j", spec, parameters);
        Network reference = Backends.create("reference", spec, parameters);

        double[][] a = dl4j.predict(data);
        double[][] b = reference.predict(data);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < spec.outputs(); k++) {
                assertRelative(a[r][k], b[r][k], OUTPUT_TOLERANCE, "output[" + r + "][" + k + "]");
            }
        }
        assertRelative(dl4j.loss(data), reference.loss(data), OUTPUT_TOLERANCE, "loss");
        assertClose(dl4j.gradients(data), reference.gradients(data), GRADIENT_TOLERANCE, "gradients");
    }

    private static void assertRelative(double a, double b, double tolerance, String what) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        assertThat(Math.abs(a - b)).as("%s: dl4j %s, reference %s", what, a, b).isLessThanOrEqualTo(tolerance * scale);
    }

    /** Each value within {@code tolerance} of the largest magnitude in its layer (see {@link Differences}). */
    private static void assertClose(Parameters actual, Parameters expected, double tolerance, String what) {
        Differences.Worst worst = Differences.parameters(actual, expected);
        assertThat(worst.value()).as("%s: worst at %s", what, worst.where()).isLessThanOrEqualTo(tolerance);
    }
}
