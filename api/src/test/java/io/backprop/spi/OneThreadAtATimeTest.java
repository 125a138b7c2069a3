package io.backprop.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.BackendException;
import io.backprop.error.DataException;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A second thread entering a network while another is inside is refused with one clear line, and
 * the network goes on as the first thread has it. The overlap is made certain by holding the first
 * thread inside the backend's code ({@link GatedNetwork}), not by timing.
 */
class OneThreadAtATimeTest {
    private static final String REFUSAL = "network used by two threads at once; give each thread its own Network.copy()";
    private static final Parameters START = Parameters.of(LayerParameters.of(new double[][] {{0.5, -1}}, new double[] {0.25}));
    private static final Parameters OTHER = Parameters.of(LayerParameters.of(new double[][] {{2, 3}}, new double[] {-1}));
    private static final DataSet ROWS = DataSet.of(new double[][] {{1, 2}, {3, -1}, {0, 0.5}},
            new double[][] {{1}, {0}, {2}});
    private static final TrainingOptions TRAINING = TrainingOptions.builder().learningRate(0.01).epochs(3)
            .batchSize(BatchSize.of(1)).build();

    /** Every public operation that works on a network's memory. */
    enum Call {
        PREDICT_ROW(n -> n.predict(new double[] {1, 2})),
        PREDICT(n -> n.predict(ROWS)),
        LOSS(n -> n.loss(ROWS)),
        GRADIENTS(n -> n.gradients(ROWS)),
        PARAMETERS(Network::parameters),
        SET_PARAMETERS(n -> n.setParameters(OTHER)),
        FIT(n -> n.fit(ROWS, TRAINING));

        final Consumer<Network> action;

        Call(Consumer<Network> action) {
            this.action = action;
        }
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void whileOneThreadIsInsideEveryCallOfAnotherIsRefusedAndTheFirstFinishesUndisturbed(Call inside)
            throws Exception {
        GatedNetwork network = new GatedNetwork(START, true);
        GatedNetwork.Gate gate = network.holdNext();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = pool.submit(() -> inside.action.accept(network));
            gate.awaitReached();

            for (Call second : Call.values()) {
                assertThatThrownBy(() -> second.action.accept(network)).as("%s while %s is inside", second, inside)
                        .isInstanceOf(BackendException.class).hasMessage(REFUSAL);
            }
            assertThatThrownBy(network::copy).isInstanceOf(BackendException.class).hasMessage(REFUSAL);

            gate.open();
            first.get();
        } finally {
            pool.shutdownNow();
        }

        GatedNetwork alone = new GatedNetwork(START, true);
        inside.action.accept(alone);
        assertThat(network.parameters()).isEqualTo(alone.parameters());
        assertThat(network.predict(ROWS)).isDeepEqualTo(alone.predict(ROWS));
        assertThat(network.loss(ROWS)).isEqualTo(alone.loss(ROWS));
    }

    @Test
    void theThreadInsideMayCallAgainAsAnEpochListenerDoes() {
        GatedNetwork network = new GatedNetwork(START, true);
        List<Double> seen = new ArrayList<>();
        List<Network> copies = new ArrayList<>();
        TrainingOptions options = TRAINING.toBuilder().listener((epoch, loss) -> {
            seen.add(network.loss(ROWS));
            network.predict(ROWS);
            network.gradients(ROWS);
            copies.add(network.copy());
            network.setParameters(network.parameters());
            return TrainingDecision.CONTINUE;
        }).build();

        double[] losses = network.fit(ROWS, options).losses();

        assertThat(seen).containsExactly(losses[0], losses[1], losses[2]);
        assertThat(copies.get(2).parameters()).isEqualTo(network.parameters());
        network.predict(ROWS); // and the listener's calls left the network free for the next
    }

    @Test
    void aNetworkHandedFromThreadToThreadIsNotRefused() throws Exception {
        GatedNetwork network = new GatedNetwork(START, true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            double[][] there = pool.submit(() -> network.predict(ROWS)).get();
            assertThat(network.predict(ROWS)).isDeepEqualTo(there);
            pool.submit(() -> network.fit(ROWS, TRAINING)).get();
            network.fit(ROWS, TRAINING);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallThatFailsLetsGo() throws Exception {
        GatedNetwork network = new GatedNetwork(START, true);
        DataSet withoutTargets = DataSet.ofFeatures(new double[][] {{1, 2}});
        assertThatThrownBy(() -> network.loss(withoutTargets)).isInstanceOf(DataException.class);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertThat(pool.submit(() -> network.loss(ROWS)).get()).isEqualTo(new GatedNetwork(START, true).loss(ROWS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void copiesTakenByTwoThreadsAtOnceWaitForEachOtherInsteadOfBeingRefused() throws Exception {
        GatedNetwork network = new GatedNetwork(START, true);
        GatedNetwork.Gate gate = network.holdNext();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Network> first = pool.submit(network::copy);
            gate.awaitReached();
            AtomicReference<Thread> second = new AtomicReference<>();
            Future<Network> waiting = pool.submit(() -> {
                second.set(Thread.currentThread());
                return network.copy();
            });
            awaitBlocked(waiting, second);

            gate.open();
            assertThat(first.get().parameters()).isEqualTo(START);
            assertThat(waiting.get().parameters()).isEqualTo(START);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the second copier is blocked on the first one's lock (or has failed, which get() then reports). */
    private static void awaitBlocked(Future<?> task, AtomicReference<Thread> thread) {
        while (!task.isDone() && (thread.get() == null || thread.get().getState() != Thread.State.BLOCKED)) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aCopyIsIndependent() {
        GatedNetwork network = new GatedNetwork(START, true);
        Network copy = network.copy();
        copy.fit(ROWS, TRAINING);

        assertThat(network.parameters()).isEqualTo(START);
        assertThat(copy.parameters()).isNotEqualTo(START);
    }

    @Test
    void byDefaultACopyIsMadeByTheBackendOfTheNetworksNameWhichMustBeFound() {
        GatedNetwork network = new GatedNetwork(START, false);

        assertThatThrownBy(network::copy).isInstanceOf(BackendException.class)
                .hasMessageStartingWith("backend \"gated\" not found; the backends found are: none");
    }

    @Test
    void aBackendThatProvidesNoParametersAtAllSaysSo() {
        AbstractNetwork incomplete = new AbstractNetwork(GatedNetwork.SPEC) {
            @Override
            public String backend() {
                return "incomplete";
            }

            @Override
            protected double[][] predictChecked(DataSet data) {
                return new double[data.rows()][1];
            }

            @Override
            protected double lossChecked(DataSet data) {
                return 0;
            }

            @Override
            protected Parameters gradientsChecked(DataSet batch) {
                return START;
            }

            @Override
            protected void setParametersChecked(Parameters parameters) {
            }

            @Override
            protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
            }
        };

        assertThatThrownBy(incomplete::parameters).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("overrides neither parameters() nor parametersChecked()");
    }
}
