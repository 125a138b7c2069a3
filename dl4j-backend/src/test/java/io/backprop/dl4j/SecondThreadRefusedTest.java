package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.error.BackendException;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.teaching.Article;
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
            n -> n.predict(Article.EMILY.features()),
            n -> n.predict(Article.PEOPLE),
            n -> n.loss(Article.PEOPLE),
            n -> n.gradients(Article.PEOPLE),
            Network::parameters,
            n -> n.setParameters(Initializer.XAVIER_UNIFORM.initialize(Article.NETWORK, 2)),
            n -> n.fit(Article.PEOPLE, TrainingOptions.builder().learningRate(5).epochs(3).build()),
            Network::copy);

    @Test
    void callsFromAnotherThreadDuringFitAreRefusedAndTheNetworkStillPredictsCorrectly() {
        Dl4jBackend backend = new Dl4jBackend();
        Parameters start = Initializer.STANDARD_NORMAL.initialize(Article.NETWORK, 3);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.1).epochs(10).batchSize(BatchSize.of(1))
                .build();
        Network network = backend.create(Article.NETWORK, start);
        List<Throwable> refusals = new ArrayList<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        TrainingResult run;
        try {
            run = network.fit(Article.PEOPLE, options.toBuilder().listener((epoch, loss) -> {
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
        Network alone = backend.create(Article.NETWORK, start);
        assertThat(run).isEqualTo(alone.fit(Article.PEOPLE, options));
        assertThat(network.parameters()).isEqualTo(alone.parameters());
        assertThat(network.predict(Article.PEOPLE))
                .isDeepEqualTo(alone.predict(Article.PEOPLE));
        assertThat(network.predict(Article.EMILY.features())).containsExactly(alone.predict(Article.EMILY.features()));
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
