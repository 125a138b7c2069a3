package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.explain.Explanation;
import io.backprop.explain.ParameterStep;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code explain}'s step on the backends the command ships with, {@code reference} and {@code dl4j}:
 * the new values worked from the optimizer's definition on the backend's gradient are the backend's
 * own first {@code fit} step, for every optimizer. Here rather than in the backends' modules because
 * this is the module that has both (reference-impl tests its two backends more widely).
 */
class ExplainStepOnEveryBackendTest {
    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> optimizersOnTheCommandsBackends() {
        return Stream.of("reference", "dl4j")
                .flatMap(backend -> Optimizer.NAMES.stream().map(name -> Arguments.of(backend, name)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("optimizersOnTheCommandsBackends")
    void onRandomSmallNetworksTheDefinitionsNewValuesAreTheBackendsOwnStep(String backend, String name) {
        Random random = new Random(31 * name.hashCode() + 7);
        for (int n = 0; n < 8; n++) {
            Loss loss = Loss.values()[n % 3];
            NetworkSpec.Builder builder = NetworkSpec.builder(1 + random.nextInt(3));
            Activation hidden = Activation.values()[n % Activation.values().length];
            builder.layer((hidden == Activation.SOFTMAX ? 2 : 1) + random.nextInt(3), hidden, random.nextBoolean());
            Activation output = loss == Loss.XENT ? (n % 2 == 0 ? Activation.SIGMOID : Activation.SOFTMAX)
                    : Activation.values()[(n / 3) % Activation.values().length];
            int outputs = (output == Activation.SOFTMAX ? 2 : 1) + random.nextInt(2);
            NetworkSpec spec = builder.layer(outputs, output, random.nextBoolean()).loss(loss).build();
            Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong());
            double[] x = random.doubles(spec.inputs(), -2, 2).toArray();
            double[] y = random.doubles(outputs, 0, 1).toArray();
            Regularization regularization = n % 2 == 0 ? Regularization.NONE
                    : Regularization.l2(0.01 * random.nextDouble()).withWeightDecay(0.1 * random.nextDouble())
                            .withL2Bias(n % 3 == 0 ? 0.01 : 0);
            TrainingOptions training = TrainingOptions.builder().optimizer(Optimizer.of(name, Map.of()))
                    .learningRate(0.001 + random.nextDouble()).regularization(regularization).build();

            Explanation e = Explanation.of(Backends.named(backend), spec, parameters, x, y, training);

            for (ParameterStep p : e.step().orElseThrow().parameters()) {
                assertThat(p.updated()).as("%s of %s with %s, %s", p.name(), spec, name, regularization)
                        .isCloseTo(p.backend(), within(TOLERANCE * Math.max(1, Math.abs(p.value()))));
            }
        }
    }
}
