package io.backprop.dl4j;

import static io.backprop.dl4j.Trajectories.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * DL4J's updater state read as the API's training state, and set from it: training stopped, carried
 * to a fresh network of either backend, and continued, ends where training that never stopped does.
 */
class Dl4jTrainingStateTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.SIGMOID)
            .layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
    private static final DataSet DATA = Trajectories.data(SPEC, 6, 17);
    private static final Parameters START = Initializer.STANDARD_NORMAL.initialize(SPEC, 9);

    private static TrainingOptions options(Optimizer optimizer, int epochs) {
        // By epoch, so that the carried epoch count shows in the rates; weight decay with η, so that it does twice.
        return TrainingOptions.builder().optimizer(optimizer).learningRate(optimizer instanceof Optimizer.Adam ? 0.01 : 0.05)
                .schedule(LearningRateSchedule.parse("exponential:0.97"))
                .regularization(Regularization.l2(0.01).withWeightDecay(0.02).withWeightDecayBias(0.01))
                .batchSize(BatchSize.of(4)).epochs(epochs).lossEvery(Integer.MAX_VALUE).build();
    }

    @TestFactory
    Stream<DynamicTest> stateAfterThirtyEpochsContinuesToFiftyOnEitherBackend() {
        return Stream.of(Optimizer.sgd(), Optimizer.nesterov(), Optimizer.adam(), Optimizer.rmsprop(),
                Optimizer.adagrad()).map(optimizer -> DynamicTest.dynamicTest(optimizer.name(), () -> {
                    Network whole = Backends.create("dl4j", SPEC, START);
                    whole.fit(DATA, options(optimizer, 50));

                    Network first = Backends.create("dl4j", SPEC, START);
                    first.fit(DATA, options(optimizer, 30));
                    TrainingState state = first.trainingState();
                    assertThat(state.optimizer()).isEqualTo(optimizer);
                    assertThat(state.iteration()).isEqualTo(60);
                    assertThat(state.epoch()).isEqualTo(30);
                    Network reference30 = Backends.create("reference", SPEC, START);
                    reference30.fit(DATA, options(optimizer, 30));
                    assertClose(state.state(), reference30.trainingState().state(), Tolerances.TRAJECTORY,
                            "state after 30 epochs, dl4j against reference");

                    Network dl4j = Backends.create("dl4j", SPEC, first.parameters());
                    dl4j.setTrainingState(state);
                    assertThat(dl4j.trainingState()).isEqualTo(state);
                    dl4j.fit(DATA, options(optimizer, 20));
                    Network reference = Backends.create("reference", SPEC, first.parameters());
                    reference.setTrainingState(state);
                    reference.fit(DATA, options(optimizer, 20));

                    // The same DL4J steps from the same values: nothing to round differently.
                    assertThat(dl4j.parameters()).isEqualTo(whole.parameters());
                    assertThat(dl4j.trainingState()).isEqualTo(whole.trainingState());
                    assertClose(reference.parameters(), whole.parameters(), Tolerances.TRAJECTORY,
                            optimizer.name() + " continued on reference");
                    assertClose(reference.trainingState().state(), whole.trainingState().state(),
                            Tolerances.TRAJECTORY, optimizer.name() + " continued on reference");
                }));
    }

    @Test
    void aSecondFitContinuesAdamWhereTheFirstStopped() {
        Network once = Backends.create("dl4j", SPEC, START);
        once.fit(DATA, options(Optimizer.adam(), 20));
        Network twice = Backends.create("dl4j", SPEC, START);
        twice.fit(DATA, options(Optimizer.adam(), 10));
        twice.fit(DATA, options(Optimizer.adam(), 10));

        assertThat(twice.parameters()).isEqualTo(once.parameters());
        assertThat(twice.trainingState()).isEqualTo(once.trainingState());
    }

    @Test
    void anotherLearningRateKeepsAdamsStateAndAnotherOptimizerStartsItsOwn() {
        Network dl4j = Backends.create("dl4j", SPEC, START);
        Network reference = Backends.create("reference", SPEC, START);
        for (TrainingOptions options : List.of(options(Optimizer.adam(), 10),
                options(Optimizer.adam(), 10).toBuilder().learningRate(0.003).build(),
                options(Optimizer.rmsprop(), 10), options(Optimizer.adam(), 10))) {
            dl4j.fit(DATA, options);
            reference.fit(DATA, options);
            assertClose(dl4j.parameters(), reference.parameters(), Tolerances.TRAJECTORY, options.toString());
            assertClose(dl4j.trainingState().state(), reference.trainingState().state(), Tolerances.TRAJECTORY,
                    options.toString());
        }
        assertThat(dl4j.trainingState().iteration()).isEqualTo(80);
    }

    @Test
    void aStateOfAnotherOptimizerConfiguresItsUpdater() {
        Network trained = Backends.create("dl4j", SPEC, START);
        trained.fit(DATA, options(Optimizer.rmsprop(), 5));
        Network fresh = Backends.create("dl4j", SPEC, START);

        fresh.setTrainingState(trained.trainingState());

        assertThat(fresh.trainingState()).isEqualTo(trained.trainingState());
    }
}
