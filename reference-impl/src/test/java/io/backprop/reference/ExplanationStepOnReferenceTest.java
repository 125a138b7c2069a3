package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.error.DataException;
import io.backprop.explain.Explanation;
import io.backprop.explain.ParameterChain;
import io.backprop.explain.ParameterStep;
import io.backprop.explain.Step;
import io.backprop.explain.StepTerm;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.reference.textbook.TextbookBackend;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.train.TrainingOptions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code explain}'s step on this module's two backends: each weight's new value, worked from the
 * optimizer's definition on the backend's gradient, is the value the backend's own first
 * {@code fit} step gives, for every optimizer, with and without regularization and a schedule.
 */
class ExplanationStepOnReferenceTest {
    /** Both sides compute the same float64 operations; only the gradient's summation order may differ. */
    private static final double TOLERANCE = 1e-12;

    private static final Parameters ALL_ONES = ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0);

    static Stream<Arguments> optimizersOnBothBackends() {
        return Stream.of(ReferenceBackend.NAME, TextbookBackend.NAME)
                .flatMap(backend -> Optimizer.NAMES.stream().map(name -> Arguments.of(backend, name)));
    }

    private static Explanation alice(String backend, TrainingOptions training) {
        return Explanation.of(Backends.named(backend), Article.NETWORK, ALL_ONES, Article.ALICE.features(),
                new double[] {Article.ALICE.target()}, training);
    }

    @ParameterizedTest
    @ValueSource(strings = {ReferenceBackend.NAME, TextbookBackend.NAME})
    void sgdIsTheArticlesStepW1LessEtaTimesItsGradient(String backend) {
        Explanation e = alice(backend, TrainingOptions.builder().learningRate(0.1).build());

        Step step = e.step().orElseThrow();
        ParameterStep w1 = step.parameters().get(0);
        double gradient = e.parameters().get(0).gradient();
        assertThat(step.learningRate()).isEqualTo(0.1);
        assertThat(w1.name()).isEqualTo("w1");
        assertThat(w1.terms()).isEmpty();
        assertThat(w1.formula()).isEqualTo("w1 − η·∂L/∂w1");
        assertThat(w1.updated()).isEqualTo(1 - 0.1 * gradient);
        assertThat(w1.backend()).isCloseTo(w1.updated(), within(1e-16));
        assertThat(alice(backend, TrainingOptions.builder().build()).step()).isPresent();
        assertThat(Explanation.of(Backends.named(backend), Article.NETWORK, ALL_ONES, Article.ALICE.features(),
                new double[] {Article.ALICE.target()}).step()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {ReferenceBackend.NAME, TextbookBackend.NAME})
    void adamShowsItsMomentsStepSizeAndUpdateByTheirDefinitions(String backend) {
        Optimizer.Adam adam = Optimizer.adam();
        Explanation e = alice(backend, TrainingOptions.builder().optimizer(adam).learningRate(0.01).build());

        ParameterStep w1 = e.step().orElseThrow().parameters().get(0);
        double g = e.parameters().get(0).gradient();
        Map<String, Double> terms = w1.terms().stream().collect(Collectors.toMap(StepTerm::name, StepTerm::value,
                (a, b) -> a, TreeMap::new));
        assertThat(w1.terms()).extracting(StepTerm::name).containsExactly("m", "v", "α", "u");
        assertThat(terms.get("m")).isCloseTo(0.1 * g, within(1e-18));
        assertThat(terms.get("v")).isCloseTo(0.001 * g * g, within(1e-18));
        assertThat(terms.get("α")).isCloseTo(0.01 * Math.sqrt(0.001) / 0.1, within(1e-16));
        assertThat(terms.get("u")).isCloseTo(terms.get("α") * terms.get("m") / (Math.sqrt(terms.get("v")) + 1e-8),
                within(1e-16));
        assertThat(w1.formula()).isEqualTo("w1 − u");
        assertThat(w1.updated()).isEqualTo(1 - terms.get("u"));
    }

    @ParameterizedTest
    @ValueSource(strings = {ReferenceBackend.NAME, TextbookBackend.NAME})
    void l2AndWeightDecayAreShownWhereTheyApply(String backend) {
        Regularization regularization = Regularization.l2(0.01).withWeightDecay(0.1);
        Explanation e = alice(backend, TrainingOptions.builder().learningRate(0.1).regularization(regularization)
                .build());

        List<ParameterStep> steps = e.step().orElseThrow().parameters();
        ParameterStep w1 = steps.get(0);
        ParameterStep b1 = steps.get(6);
        assertThat(w1.terms()).extracting(StepTerm::name, StepTerm::formula)
                .containsExactly(org.assertj.core.api.Assertions.tuple("g", "∂L/∂w1 + λ₂·w1"));
        assertThat(w1.terms().get(0).value()).isEqualTo(e.parameters().get(0).gradient() + 0.01);
        assertThat(w1.formula()).isEqualTo("w1 − (η·g + λ_wd·η·w1)");
        assertThat(w1.backend()).isCloseTo(w1.updated(), within(TOLERANCE));
        // Biases are left alone unless their own coefficients are given.
        assertThat(b1.name()).isEqualTo("b1");
        assertThat(b1.terms()).isEmpty();
        assertThat(b1.formula()).isEqualTo("b1 − η·∂L/∂b1");
    }

    @ParameterizedTest
    @ValueSource(strings = {ReferenceBackend.NAME, TextbookBackend.NAME})
    void aStepNeedsATarget(String backend) {
        assertThatThrownBy(() -> Explanation.of(Backends.named(backend), Article.NETWORK, ALL_ONES,
                Article.ALICE.features(), null, TrainingOptions.builder().build()))
                .isInstanceOf(DataException.class)
                .hasMessage("target: found none; a step needs the row's target, for its loss");
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("optimizersOnBothBackends")
    void onRandomNetworksEveryNewValueByTheDefinitionIsTheBackendsOwnStep(String backend, String name) {
        Random random = new Random(name.hashCode());
        for (int n = 0; n < 40; n++) {
            Loss loss = Loss.values()[n % 3];
            NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(3));
            int hidden = 1 + random.nextInt(2);
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
            Regularization regularization = n % 4 == 0 ? Regularization.NONE : Regularization.NONE
                    .withL2(n % 4 == 1 ? 0 : 0.01 * random.nextDouble())
                    .withL2Bias(random.nextBoolean() ? 0 : 0.01 * random.nextDouble())
                    .withWeightDecay(n % 4 == 2 ? 0 : 0.1 * random.nextDouble())
                    .withWeightDecayBias(random.nextBoolean() ? 0 : 0.1 * random.nextDouble())
                    .withWeightDecayWithLearningRate(n % 3 != 0);
            TrainingOptions.Builder training = TrainingOptions.builder().optimizer(Optimizer.of(name, Map.of()))
                    .learningRate(0.001 + random.nextDouble()).regularization(regularization);
            if (n % 5 == 0) {
                training.schedule(LearningRateSchedule.parse("map:0=0.05,3=0.01"));
            }

            Explanation e = Explanation.of(Backends.named(backend), spec, parameters, x, y, training.build());

            Step step = e.step().orElseThrow();
            assertThat(step.parameters()).extracting(ParameterStep::name)
                    .containsExactlyElementsOf(e.parameters().stream().map(ParameterChain::name).toList());
            if (n % 5 == 0) {
                assertThat(step.learningRate()).isEqualTo(0.05);
            }
            for (ParameterStep p : step.parameters()) {
                assertThat(p.updated()).as("%s of %s with %s, %s", p.name(), spec, name, regularization)
                        .isCloseTo(p.backend(), within(TOLERANCE * Math.max(1, Math.abs(p.value()))));
            }
        }
    }
}
