package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.comparison.Differences;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The API's definition of each optimizer is DL4J's own: {@link Optimizer#toUpdate} on random values
 * gives what DL4J's {@code GradientUpdater} gives, from the same initial state, iteration after iteration;
 * and the regularization's penalty is what DL4J's score adds to the data loss.
 */
class OptimizerDefinitionIsDl4jsTest {
    /** A few ulps: the same formula, evaluated by libnd4j's C++ in its own order of operations. */
    private static final double SAME_FORMULA = 1e-15;
    private static final int N = 9;
    private static final long[] ITERATIONS = {0, 1, 2, 3, 4, 5, 6, 7, 100, 10_000, 1_000_000};

    @TestFactory
    Stream<DynamicTest> everyOptimizerUpdatesAsDl4jsGradientUpdater() {
        List<Optimizer> optimizers = List.of(Optimizer.sgd(), Optimizer.nesterov(), new Optimizer.Nesterov(0.5),
                Optimizer.adam(), new Optimizer.Adam(0.8, 0.99, 1e-4), Optimizer.rmsprop(),
                new Optimizer.RmsProp(0.9, 1e-3), Optimizer.adagrad(), new Optimizer.AdaGrad(1e-2));
        return optimizers.stream().map(optimizer -> DynamicTest.dynamicTest(optimizer.toString(),
                () -> assertSameUpdates(optimizer, 0.05)));
    }

    private static void assertSameUpdates(Optimizer optimizer, double learningRate) {
        Nd4jRuntime.start();
        IUpdater config = Dl4jOptimizers.updater(optimizer, learningRate, LearningRateSchedule.FIXED);
        int states = optimizer.stateNames().size();
        assertThat(config.stateSize(N)).as("DL4J's state size").isEqualTo((long) states * N);
        INDArray view = states == 0 ? null : Nd4j.create(DataType.DOUBLE, 1, (long) states * N);
        GradientUpdater<?> dl4j = config.instantiate(view, true);
        double[][] state = new double[2][N];
        for (double[] s : state) {
            Arrays.fill(s, optimizer.initialState());
        }
        assertSameState(optimizer, view, state, "initial state");

        Random random = new Random(optimizer.hashCode());
        for (long iteration : ITERATIONS) {
            double[] g = new double[N];
            for (int i = 0; i < N; i++) {
                // Gradients from 1e-4 to 1e2, of either sign, so that ε and the state's start both matter.
                g[i] = random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4);
            }
            INDArray gradient = Nd4j.create(g.clone(), new long[] {1, N}, 'c');
            dl4j.applyUpdater(gradient, (int) iteration, 0);
            optimizer.toUpdate(g, states > 0 ? state[0] : null, states > 1 ? state[1] : null, N, learningRate,
                    iteration);
            double[] expected = gradient.toDoubleVector();
            for (int i = 0; i < N; i++) {
                assertThat(Differences.relative(g[i], expected[i]))
                        .as("%s update %d at iteration %d: API %s, DL4J %s", optimizer, i, iteration, g[i], expected[i])
                        .isLessThanOrEqualTo(SAME_FORMULA);
            }
            assertSameState(optimizer, view, state, "state after iteration " + iteration);
        }
    }

    private static void assertSameState(Optimizer optimizer, INDArray view, double[][] state, String when) {
        if (view == null) {
            return;
        }
        double[] dl4j = view.toDoubleVector();
        for (int s = 0; s < optimizer.stateNames().size(); s++) {
            for (int i = 0; i < N; i++) {
                assertThat(Differences.relative(state[s][i], dl4j[s * N + i]))
                        .as("%s %s: %s[%d] API %s, DL4J %s", optimizer, when, optimizer.stateNames().get(s), i,
                                state[s][i], dl4j[s * N + i])
                        .isLessThanOrEqualTo(SAME_FORMULA);
            }
        }
    }

    @Test
    void thePenaltyIsWhatDl4jsScoreAddsToTheDataLoss() {
        NetworkSpec spec = NetworkSpec.builder(3).layer(4, Activation.TANH).layer(2, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        DataSet data = Trajectories.data(spec, 5, 3);
        Regularization regularization = new Regularization(0.01, 0.02, 0.003, 0.004, true);
        Network dl4j = Backends.create("dl4j", spec, Initializer.STANDARD_NORMAL.initialize(spec, 4));
        dl4j.fit(data, TrainingOptions.builder().optimizer(Optimizer.adam()).regularization(regularization)
                .epochs(3).batchSize(BatchSize.of(2)).build());
        Network reference = Backends.create("reference", spec, dl4j.parameters());

        double score = ((Dl4jNetwork) dl4j).dl4j().score(Trajectories.dl4jData(data));
        double penalty = regularization.penalty(dl4j.parameters());

        assertThat(penalty).isGreaterThan(0.01);
        assertThat(Differences.relative(score - reference.loss(data), penalty)).isLessThanOrEqualTo(Tolerances.LOSSES);
        assertThat(Differences.relative(dl4j.loss(data), reference.loss(data))).isLessThanOrEqualTo(Tolerances.LOSSES);
    }
}
