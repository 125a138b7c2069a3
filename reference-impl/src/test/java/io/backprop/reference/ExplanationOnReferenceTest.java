package io.backprop.reference;

import io.backprop.conformance.comparison.Tolerances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.explain.Derivative;
import io.backprop.explain.Explanation;
import io.backprop.explain.LayerSummary;
import io.backprop.explain.NamedValue;
import io.backprop.explain.NeuronValue;
import io.backprop.explain.ParameterChain;
import io.backprop.explain.SignificantFigures;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.teaching.ParameterNames;
import io.backprop.params.Parameters;
import io.backprop.reference.textbook.TextbookBackend;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code explain}'s chain rule on the two backends of this module, {@code reference} and
 * {@code reference-textbook}: the article's worked example for Alice, its names and chains, networks
 * of every shape, activation and loss, and refusals. Every forward value and every gradient
 * {@link Explanation} shows is the backend's own; on random networks each product of the chain's
 * factors is also held against central finite differences of the backend's loss.
 */
class ExplanationOnReferenceTest {
    /** A test run once on each backend of this module, its name the test's argument. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {ReferenceBackend.NAME, TextbookBackend.NAME})
    private @interface OnBothBackends {
    }

    private static final NetworkSpec ARTICLE = Article.NETWORK;
    private static final Parameters ALL_ONES = ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0);

    /** The explanation of {@code input} and {@code target} on the backend named {@code backend}. */
    private static Explanation explain(String backend, NetworkSpec spec, Parameters parameters, double[] input,
            double[] target) {
        return Explanation.of(Backends.named(backend), spec, parameters, input, target);
    }

    private static Explanation alice(String backend) {
        return explain(backend, ARTICLE, ALL_ONES, Article.ALICE.features(), new double[] {Article.ALICE.target()});
    }

    /** Each weight and bias of {@code values}, by its name in {@code spec}. */
    private static Map<String, Double> byName(NetworkSpec spec, Parameters values) {
        List<String> names = ParameterNames.of(spec).all();
        double[] flat = ParameterNames.values(values);
        Map<String, Double> map = new HashMap<>();
        for (int k = 0; k < flat.length; k++) {
            map.put(names.get(k), flat[k]);
        }
        return map;
    }

    private static Map<String, Derivative> byName(List<Derivative> derivatives) {
        return derivatives.stream().collect(Collectors.toMap(Derivative::name, Function.identity()));
    }

    @OnBothBackends
    void aliceWithWeightsOneAndBiasesZeroGivesTheArticlesNumbersToThreeFigures(String backend) {
        Explanation alice = alice(backend);

        NeuronValue h1 = alice.layers().get(0).get(0);
        NeuronValue o1 = alice.layers().get(1).get(0);
        assertThat(h1.name()).isEqualTo("h1");
        assertThat(h1.weightedSum()).isEqualTo("w1·x1 + w2·x2 + b1");
        assertThat(SignificantFigures.text(h1.output(), 3)).isEqualTo("0.0474");
        assertThat(o1.symbol()).isEqualTo("ŷ");
        assertThat(o1.weightedSum()).isEqualTo("w5·h1 + w6·h2 + b3");
        assertThat(SignificantFigures.text(o1.output(), 3)).isEqualTo("0.524");
        Map<String, Derivative> d = byName(alice.derivatives());
        // The article works from its printed numbers: ∂L/∂ŷ = −2 (1 − 0.524) = −0.952.
        assertThat(SignificantFigures.text(d.get("∂L/∂ŷ").asPrinted(), 3)).isEqualTo("-0.952");
        assertThat(d.get("∂L/∂ŷ").value()).isCloseTo(-2 * (1 - o1.output()), within(1e-16));
        assertThat(SignificantFigures.text(d.get("∂L/∂ŷ").value(), 3)).isEqualTo("-0.953");
        assertThat(SignificantFigures.text(d.get("∂ŷ/∂h1").asPrinted(), 3)).isEqualTo("0.249");
        assertThat(SignificantFigures.text(d.get("∂ŷ/∂h1").value(), 3)).isEqualTo("0.249");
        assertThat(SignificantFigures.text(d.get("∂h1/∂w1").asPrinted(), 3)).isEqualTo("-0.0904");
        assertThat(SignificantFigures.text(d.get("∂h1/∂w1").value(), 3)).isEqualTo("-0.0904");
        assertThat(d.get("∂ŷ/∂h1").formula()).isEqualTo("w5 × sigmoid'(z_o1)");
        assertThat(d.get("∂h1/∂w1").formula()).isEqualTo("x1 × sigmoid'(z_h1)");
    }

    @OnBothBackends
    void theProductForW1IsTheArticles0214FromRoundedFactorsAndItsExactValueOtherwise(String backend) {
        ParameterChain w1 = alice(backend).parameters().get(0);

        assertThat(w1.name()).isEqualTo("w1");
        assertThat(w1.chain()).containsExactly("∂L/∂ŷ", "∂ŷ/∂h1", "∂h1/∂w1");
        // The article multiplies -0.952, 0.249 and -0.0904 and prints 0.0214.
        assertThat(w1.printedFactors()).containsExactly(-0.952, 0.249, -0.0904);
        assertThat(SignificantFigures.text(w1.productAsPrinted(), 3)).isEqualTo("0.0214");
        // Unrounded, the same factors give 0.0215 to three figures: the value `gradient` prints for Alice.
        assertThat(w1.product()).isCloseTo(0.021469535265811107, within(1e-16));
        assertThat(SignificantFigures.text(w1.product(), 3)).isEqualTo("0.0215");
        // The backend's own ∂L/∂w1: the same float64 factors, multiplied in another order.
        assertThat(w1.product()).isCloseTo(w1.gradient(), within(1e-16));
    }

    @OnBothBackends
    void parametersAreNamedInTheArticlesOrderWithTheirChains(String backend) {
        List<ParameterChain> parameters = alice(backend).parameters();

        assertThat(parameters).extracting(ParameterChain::name).containsExactlyElementsOf(ArticleNames.NAMES);
        Map<String, List<String>> chains = parameters.stream()
                .collect(Collectors.toMap(ParameterChain::name, ParameterChain::chain));
        assertThat(chains.get("w4")).containsExactly("∂L/∂ŷ", "∂ŷ/∂h2", "∂h2/∂w4");
        assertThat(chains.get("w5")).containsExactly("∂L/∂ŷ", "∂ŷ/∂w5");
        assertThat(chains.get("b1")).containsExactly("∂L/∂ŷ", "∂ŷ/∂h1", "∂h1/∂b1");
        assertThat(chains.get("b3")).containsExactly("∂L/∂ŷ", "∂ŷ/∂b3");
        for (ParameterChain p : parameters) {
            assertThat(p.value()).isEqualTo(ArticleNames.get(ALL_ONES, p.name()));
        }
        assertThat(explain(backend, ARTICLE, ArticleNames.of(1, 2, 3, 4, 5, 6, 7, 8, 9), new double[2], null)
                .weightsAndBiases()).extracting(NamedValue::name, NamedValue::value).containsExactly(
                        tuple("w1", 1.0), tuple("w2", 2.0), tuple("w3", 3.0), tuple("w4", 4.0), tuple("w5", 5.0),
                        tuple("w6", 6.0), tuple("b1", 7.0), tuple("b2", 8.0), tuple("b3", 9.0));
    }

    @OnBothBackends
    void aHiddenNeuronFeedingSeveralNeuronsHasItsOwnDerivativeASumOverThem(String backend) {
        NetworkSpec spec = NetworkSpec.builder(2).layer(3, Activation.TANH).layer(2, Activation.RELU)
                .layer(2, Activation.SIGMOID).loss(Loss.SSE).build();
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, 7);

        Explanation e = explain(backend, spec, parameters, new double[] {0.5, -1}, new double[] {1, 0});

        assertThat(e.layers().get(0)).extracting(NeuronValue::name).containsExactly("h1_1", "h1_2", "h1_3");
        assertThat(e.layers().get(1)).extracting(NeuronValue::name).containsExactly("h2_1", "h2_2");
        assertThat(e.layers().get(2)).extracting(NeuronValue::symbol).containsExactly("ŷ1", "ŷ2");
        Map<String, Derivative> d = byName(e.derivatives());
        assertThat(d.get("∂L/∂h2_1").formula()).isEqualTo("∂L/∂ŷ1 × ∂ŷ1/∂h2_1 + ∂L/∂ŷ2 × ∂ŷ2/∂h2_1");
        assertThat(d.get("∂L/∂h1_3").formula()).isEqualTo("∂L/∂h2_1 × ∂h2_1/∂h1_3 + ∂L/∂h2_2 × ∂h2_2/∂h1_3");
        assertThat(d.get("∂L/∂ŷ2").formula()).isEqualTo("−2 (y2 − ŷ2)");
        ParameterChain w1 = e.parameters().get(0);
        assertThat(w1.chain()).containsExactly("∂L/∂h1_1", "∂h1_1/∂w1");
        // 3·2 weights into the first layer, 2·3 into the second: o1's first weight is w13.
        assertThat(e.names().weight(2, 0, 0)).isEqualTo("w13");
        assertThat(e.parameters().get(12).chain()).containsExactly("∂L/∂ŷ1", "∂ŷ1/∂w13");
        assertThat(e.notes()).anyMatch(n -> n.contains("sums over the neurons they feed"));
    }

    @OnBothBackends
    void aSoftmaxOutputIsWorkedThroughDerivativesByZAndSaysSo(String backend) {
        NetworkSpec spec = NetworkSpec.builder(2).layer(2, Activation.SIGMOID).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, 3);

        Explanation e = explain(backend, spec, parameters, new double[] {1, 2}, new double[] {0, 1, 0});

        Map<String, Derivative> d = byName(e.derivatives());
        // With cross-entropy after softmax, ∂L/∂z_k comes out as ŷ_k − y_k.
        for (int k = 0; k < 3; k++) {
            double expected = e.layers().get(1).get(k).output() - (k == 1 ? 1 : 0);
            assertThat(d.get("∂L/∂z_o" + (k + 1)).value()).isCloseTo(expected, within(1e-15));
        }
        assertThat(e.parameters().get(4).chain()).containsExactly("∂L/∂z_o1", "∂z_o1/∂w5");
        assertThat(e.notes()).anyMatch(n -> n.contains("softmax") && n.contains("∂L/∂z"));
    }

    @OnBothBackends
    void crossEntropyAfterASigmoidStartsAtDerivativesByZWhichStayFiniteWhereTheOutputRoundsToOne(String backend) {
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.XENT).build();
        Parameters saturated = Parameters.of(LayerParameters.of(new double[][] {{50}},
                new double[] {0}));

        Explanation e = explain(backend, spec, saturated, new double[] {1}, new double[] {0});

        assertThat(e.layers().get(0).get(0).output()).isEqualTo(1.0);
        Derivative d = e.derivatives().get(0);
        assertThat(d.name()).isEqualTo("∂L/∂z_o1");
        assertThat(d.formula()).isEqualTo("ŷ − y");
        assertThat(d.value()).isEqualTo(1.0);
        assertThat(e.parameters().get(0).chain()).containsExactly("∂L/∂z_o1", "∂z_o1/∂w1");
        assertThat(e.parameters().get(0).product()).isEqualTo(1.0);
        assertThat(e.notes()).anyMatch(n -> n.startsWith("cross-entropy after a sigmoid output"));
    }

    @OnBothBackends
    void onRandomNetworksEveryProductAgreesWithTheBackendsGradientAndWithFiniteDifferencesOfItsLoss(String backend) {
        Random random = new Random(2024);
        for (int n = 0; n < 150; n++) {
            Loss loss = Loss.values()[n % 3];
            NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(3));
            int hidden = 1 + random.nextInt(3);
            for (int l = 0; l < hidden; l++) {
                Activation f = Activation.values()[(n + l) % Activation.values().length];
                builder.layer((f == Activation.SOFTMAX ? 2 : 1) + random.nextInt(3), f, random.nextInt(4) != 0);
            }
            Activation output = loss == Loss.XENT ? (n % 2 == 0 ? Activation.SIGMOID : Activation.SOFTMAX)
                    : Activation.values()[(n / 3) % Activation.values().length];
            int outputs = (output == Activation.SOFTMAX ? 2 : 1) + random.nextInt(3);
            NetworkSpec spec = builder.layer(outputs, output, random.nextBoolean()).loss(loss).build();
            Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong());
            double[] x = random.doubles(spec.inputs(), -2, 2).toArray();
            double[] y = random.doubles(outputs, 0, 1).toArray();

            Backend on = Backends.named(backend);
            Explanation e = Explanation.of(on, spec, parameters, x, y);
            Map<String, Double> numeric = byName(spec, FiniteDifferences.gradients(on.create(spec, parameters),
                    DataSet.of(new double[][] {x}, new double[][] {y})));

            assertThat(e.parameters()).hasSize(spec.parameterCount());
            for (ParameterChain p : e.parameters()) {
                // The backend's own gradient, from its backward pass: the same float64 values chained in another order.
                assertThat(p.product()).as("%s of %s against the gradient", p.name(), spec)
                        .isCloseTo(p.gradient(), within(Tolerances.OUTPUTS * Math.max(1, Math.abs(p.gradient()))));
                // Central differences of the backend's loss, which owe nothing to any backward pass.
                assertThat(p.product()).as("%s of %s against finite differences", p.name(), spec)
                        .isCloseTo(numeric.get(p.name()), within(1e-6 * Math.max(1, Math.abs(p.gradient()))));
            }
        }
    }

    @OnBothBackends
    void withoutATargetThereIsFeedforwardAlone(String backend) {
        Explanation e = explain(backend, ARTICLE, ALL_ONES, Article.ALICE.features(), null);

        assertThat(e.layers()).hasSize(2);
        assertThat(e.loss()).isEmpty();
        assertThat(e.derivatives()).isEmpty();
        assertThat(e.parameters()).isEmpty();
        assertThat(e.target()).isEmpty();
    }

    @OnBothBackends
    void inputsAndTargetsOfTheWrongCountAreRefusedSayingWhatWasExpected(String backend) {
        assertThatThrownBy(() -> explain(backend, ARTICLE, ALL_ONES, new double[] {1, 2, 3}, null))
                .isInstanceOf(DataException.class)
                .hasMessage("input: found 3 values; expected 2, one per input of the network");
        assertThatThrownBy(() -> explain(backend, ARTICLE, ALL_ONES, new double[] {1, 2},
                new double[] {1, 0}))
                .isInstanceOf(DataException.class)
                .hasMessage("target: found 2 values; expected 1, one per output of the network");
    }

    @OnBothBackends
    void aNetworkWithAWideLayerIsSummarisedPerLayerSayingWhy(String backend) {
        NetworkSpec wide = NetworkSpec.builder(3).layer(13, Activation.RELU).layer(1, Activation.SIGMOID)
                .loss(Loss.MSE).build();
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(wide, 5);

        Explanation e = explain(backend, wide, parameters, new double[] {1, 0, -1}, new double[] {1});

        assertThat(e.summarised()).isTrue();
        assertThat(e.summaryReason()).hasValueSatisfying(r -> assertThat(r).startsWith("13 neurons in the hidden layer, 66 weights and biases"));
        List<LayerSummary> summary = e.summary();
        assertThat(summary).hasSize(2);
        LayerSummary hidden = summary.get(0);
        assertThat(hidden.units()).isEqualTo(13);
        assertThat(hidden.zMin()).isEqualTo(e.layers().get(0).stream().mapToDouble(NeuronValue::z).min().orElseThrow());
        assertThat(hidden.outputMax())
                .isEqualTo(e.layers().get(0).stream().mapToDouble(NeuronValue::output).max().orElseThrow());
        ParameterChain largest = e.parameters().stream().filter(p -> p.layer() == 0)
                .max((a, b) -> Double.compare(Math.abs(a.gradient()), Math.abs(b.gradient()))).orElseThrow();
        assertThat(hidden.largestGradient()).hasValue(new NamedValue(largest.name(), largest.gradient()));
        double squares = e.parameters().stream().filter(p -> p.layer() == 0)
                .mapToDouble(p -> p.gradient() * p.gradient()).sum();
        assertThat(hidden.gradientNorm().orElseThrow()).isCloseTo(Math.sqrt(squares), within(1e-15));
        assertThat(alice(backend).summarised()).isFalse();
    }
}
