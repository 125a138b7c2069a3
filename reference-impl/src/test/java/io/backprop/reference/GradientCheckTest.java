package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
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

/** Every gradient the reference backend computes agrees with central finite differences of its loss. */
class GradientCheckTest {
    /** Central differences with h = 1e-6 are good to about 1e-8 relative on smooth losses. */
    private static final double MAX_RELATIVE_ERROR = 1e-6;
    /** Below this both gradients are zero for all practical purposes, where relative error means nothing. */
    private static final double MIN_ABSOLUTE_ERROR = 1e-9;

    private final ReferenceBackend backend = new ReferenceBackend();

    @Test
    void theArticlesNetworkOnTheFourPeople() {
        assertGradientsMatch(Article.NETWORK, Initializer.STANDARD_NORMAL.initialize(Article.NETWORK, 7),
                Article.PEOPLE);
    }

    @Test
    void theArticlesWorkedExampleForAlice() {
        assertGradientsMatch(Article.NETWORK, ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0), Article.PEOPLE.select(0));
    }

    @TestFactory
    Stream<DynamicTest> randomNetworksOfEveryActivationAndLoss() {
        Random random = new Random(2024);
        List<DynamicTest> tests = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            for (Activation hidden : Activation.values()) {
                for (Activation output : outputsFor(loss)) {
                    for (boolean bias : new boolean[] {true, false}) {
                        NetworkSpec spec = randomSpec(random, hidden, output, bias, loss);
                        long seed = random.nextLong();
                        tests.add(DynamicTest.dynamicTest(spec + (bias ? "" : ", no biases"), () -> {
                            Random data = new Random(seed);
                            Parameters parameters = Initializer.XAVIER_UNIFORM.initialize(spec, seed);
                            parameters = withRandomBiases(parameters, data);
                            assertGradientsMatch(spec, parameters, randomData(spec, data));
                        }));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** Cross-entropy needs outputs in (0, 1): after a sigmoid, or a softmax over at least two units. */
    private static List<Activation> outputsFor(Loss loss) {
        return loss == Loss.XENT ? List.of(Activation.SIGMOID, Activation.SOFTMAX) : List.of(Activation.values());
    }

    private static NetworkSpec randomSpec(Random random, Activation hidden, Activation output, boolean bias, Loss loss) {
        NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(4));
        int hiddenLayers = 1 + random.nextInt(2);
        for (int l = 0; l < hiddenLayers; l++) {
            builder.layer(2 + random.nextInt(4), hidden, bias);
        }
        return builder.layer(2 + random.nextInt(3), output, bias).loss(loss).build();
    }

    private static Parameters withRandomBiases(Parameters parameters, Random random) {
        Parameters result = parameters;
        for (int l = 0; l < parameters.layers().size(); l++) {
            LayerParameters layer = result.layer(l);
            if (layer.hasBiases()) {
                for (int j = 0; j < layer.units(); j++) {
                    layer = layer.withBias(j, random.nextGaussian() * 0.5);
                }
                result = result.withLayer(l, layer);
            }
        }
        return result;
    }

    private static DataSet randomData(NetworkSpec spec, Random random) {
        int rows = 1 + random.nextInt(8);
        double[][] x = new double[rows][spec.inputs()];
        double[][] y = new double[rows][spec.outputs()];
        boolean oneHot = spec.layer(spec.depth() - 1).activation() == Activation.SOFTMAX && spec.loss() == Loss.XENT;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < spec.inputs(); i++) {
                x[r][i] = random.nextGaussian();
            }
            if (oneHot) {
                y[r][random.nextInt(spec.outputs())] = 1;
            } else {
                for (int k = 0; k < spec.outputs(); k++) {
                    y[r][k] = random.nextDouble();
                }
            }
        }
        return DataSet.of(x, y);
    }

    private void assertGradientsMatch(NetworkSpec spec, Parameters parameters, DataSet batch) {
        Network network = backend.create(spec, parameters);
        Parameters analytic = network.gradients(batch);
        Parameters numeric = FiniteDifferences.gradients(network, batch);
        for (int l = 0; l < spec.depth(); l++) {
            LayerParameters a = analytic.layer(l);
            LayerParameters n = numeric.layer(l);
            for (int j = 0; j < a.units(); j++) {
                for (int i = 0; i < a.inputs(); i++) {
                    assertClose(a.weight(j, i), n.weight(j, i), "layer " + l + " weight(" + j + ", " + i + ")");
                }
                if (a.hasBiases()) {
                    assertClose(a.bias(j), n.bias(j), "layer " + l + " bias(" + j + ")");
                }
            }
        }
    }

    private static void assertClose(double analytic, double numeric, String where) {
        if (Math.abs(analytic - numeric) < MIN_ABSOLUTE_ERROR) {
            return;
        }
        assertThat(FiniteDifferences.relativeError(analytic, numeric))
                .as("%s: analytic %s, numeric %s", where, analytic, numeric)
                .isLessThan(MAX_RELATIVE_ERROR);
    }
}
