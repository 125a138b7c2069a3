package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.error.BackendException;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A DL4J network shared by two threads used to stay broken ("You can't use DataBuffer once it was
 * released"); now the second thread is refused before DL4J is touched, and the network trains and
 * predicts on as it would have alone. The calls are made from the epoch listener, while fit is
 * certainly inside.
 */
class SecondThreadRefusedTest {
    private static final List<Consumer<Network>> CALLS = List.of(
            n -> n.predict(new double[] {-7, -3}),
            n -> n.predict(Dl4jAgreesWithReferenceTest.PEOPLE),
            n -> n.loss(Dl4jAgreesWithReferenceTest.PEOPLE),
            n -> n.gradients(Dl4jAgreesWithReferenceTest.PEOPLE),
            Network::parameters,
            n -> n.setParameters(Initializer.XAVIER_UNIFORM.initialize(Dl4jAgreesWithReferenceTest.ARTICLE, 2)),
            n -> n.fit(Dl4jAgreesWithReferenceTest.PEOPLE, TrainingOptions.builder().learningRate(5).epochs(3).build()),
            Network::copy);

    @Test
    void callsFromAnotherThreadDuringFitAreRefusedAndTheNetworkStillPredictsCorrectly() {
        Dl4jBackend backend = new Dl4jBackend();
        Parameters start = Initializer.STANDARD_NORMAL.initialize(Dl4jAgreesWithReferenceTest.ARTICLE, 3);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.1).epochs(10).batchSize(BatchSize.of(1))
                .build();
        Network network = backend.create(Dl4jAgreesWithReferenceTest.ARTICLE, start);
        List<Throwable> refusals = new ArrayList<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        TrainingResult run;
        try {
            run = network.fit(Dl4jAgreesWithReferenceTest.PEOPLE, options.toBuilder().listener((epoch, loss) -> {
                for (Consumer<Network> call : CALLS) {
                    refusals.add(failure(other.submit(() -> call.accept(network))));
                }
                return TrainingDecision.CONTINUE;
            }).build());
        } finally {
            other.shutdownNow();
        }

        assertThat(refusals).hasSize(10 * CALLS.size()).allSatisfy(e -> assertThat(e)
                .isInstanceOf(BackendException.class)
                .hasMessage("network used by two threads at once; give each thread its own Network.copy()"));
        Network alone = backend.create(Dl4jAgreesWithReferenceTest.ARTICLE, start);
        assertThat(run).isEqualTo(alone.fit(Dl4jAgreesWithReferenceTest.PEOPLE, options));
        assertThat(network.parameters()).isEqualTo(alone.parameters());
        assertThat(network.predict(Dl4jAgreesWithReferenceTest.PEOPLE))
                .isDeepEqualTo(alone.predict(Dl4jAgreesWithReferenceTest.PEOPLE));
        assertThat(network.predict(new double[] {-7, -3})).containsExactly(alone.predict(new double[] {-7, -3}));
    }

    /** What the task threw, or null. */
    private static Throwable failure(Future<?> task) {
        try {
            task.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
