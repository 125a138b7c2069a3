package io.backprop.dl4j;

import static io.backprop.dl4j.Trajectories.assertClose;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DL4J's own updaters, regularization and schedules train as the reference backend's API-defined
 * steps do: 200 steps of every optimizer, regularization, batch size and order end within the
 * kit's trajectory tolerance.
 */
class Dl4jOptimizersAgreeWithReferenceTest {
    private static final double TOLERANCE = Tolerances.TRAJECTORY;
    private static final int STEPS = 200;
    private static final int ROWS = 6;
    /** Two steps an epoch: 60 steps, over which every schedule changes the rate several times. */
    private static final int SCHEDULE_EPOCHS = 30;
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(3, Activation.SIGMOID).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
    private static final DataSet DATA = Trajectories.data(SPEC, ROWS, 11);
    private static final Parameters START = Initializer.STANDARD_NORMAL.initialize(SPEC, 5);

    static List<Optimizer> optimizers() {
        return List.of(Optimizer.sgd(), Optimizer.nesterov(), Optimizer.adam(), Optimizer.rmsprop(),
                Optimizer.adagrad());
    }

    static double learningRate(Optimizer optimizer) {
        return optimizer instanceof Optimizer.Adam ? 0.01 : 0.05;
    }

    static Map<String, Regularization> regularizations() {
        Map<String, Regularization> all = new LinkedHashMap<>();
        all.put("none", Regularization.NONE);
        all.put("l2", Regularization.l2(0.02));
        all.put("l2+l2Bias", Regularization.l2(0.02).withL2Bias(0.03));
        all.put("weightDecay", Regularization.weightDecay(0.05));
        all.put("weightDecay without η", Regularization.weightDecay(0.004).withWeightDecayWithLearningRate(false));
        all.put("weightDecayBias", Regularization.weightDecay(0.05).withWeightDecayBias(0.07));
        return all;
    }

    /**
     * Every optimizer with every regularization, each pair with one of the six batchings (batch 1, 3
     * or all, in order or shuffled) so that every optimizer meets every batching: all 180 triples
     * would take minutes of DL4J steps for what the batching does not change in the updater.
     */
    @TestFactory
    Stream<DynamicTest> everyOptimizerRegularizationAndBatchingEndsWhereTheReferenceDoes() {
        List<DynamicTest> tests = new ArrayList<>();
        int[] batches = {1, 3, ROWS};
        List<Optimizer> optimizers = optimizers();
        List<Map.Entry<String, Regularization>> regularizations = new ArrayList<>(regularizations().entrySet());
        for (int o = 0; o < optimizers.size(); o++) {
            for (int r = 0; r < regularizations.size(); r++) {
                int batching = (o + r) % (2 * batches.length);
                tests.add(trajectory(optimizers.get(o), regularizations.get(r), batches[batching / 2],
                        batching % 2 == 1));
            }
        }
        return tests.stream();
    }

    private static DynamicTest trajectory(Optimizer optimizer, Map.Entry<String, Regularization> regularization,
                                          int batch, boolean shuffled) {
        TrainingOptions.Builder options = TrainingOptions.builder().optimizer(optimizer)
                .learningRate(learningRate(optimizer)).regularization(regularization.getValue())
                .batchSize(batch == ROWS ? BatchSize.ALL : BatchSize.of(batch))
                .epochs(STEPS * batch / ROWS).lossEvery(Integer.MAX_VALUE);
        if (shuffled) {
            options.shuffle(batch * 7L);
        }
        String name = optimizer.name() + ", " + regularization.getKey() + ", batch " + batch
                + (shuffled ? ", shuffled" : "");
        return DynamicTest.dynamicTest(name, () -> assertSameTrajectory(options.build(), name));
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleByEpochAndByIterationGivesTheReferencesRates() {
        List<String> schedules = List.of("step:0.5:3", "step:0.7:8:iteration", "exponential:0.9",
                "exponential:0.97:iteration", "map:5=0.02,12=0.004", "map:0=0.03,20=0.01,45=0.002:iteration");
        List<DynamicTest> tests = new ArrayList<>();
        for (String schedule : schedules) {
            for (Optimizer optimizer : optimizers()) {
                // Weight decay with η: the schedule's rate multiplies it too.
                TrainingOptions options = TrainingOptions.builder().optimizer(optimizer)
                        .learningRate(learningRate(optimizer)).schedule(LearningRateSchedule.parse(schedule))
                        .regularization(Regularization.weightDecay(0.05)).batchSize(BatchSize.of(4)).shuffle(3)
                        .epochs(SCHEDULE_EPOCHS).lossEvery(Integer.MAX_VALUE).build();
                String name = optimizer.name() + ", " + schedule;
                tests.add(DynamicTest.dynamicTest(name, () -> assertSameTrajectory(options, name)));
            }
        }
        return tests.stream();
    }

    private static void assertSameTrajectory(TrainingOptions options, String name) {
        Network dl4j = Backends.create("dl4j", SPEC, START);
        Network reference = Backends.create("reference", SPEC, START);
        dl4j.fit(DATA, options);
        reference.fit(DATA, options);
        assertClose(dl4j.parameters(), reference.parameters(), TOLERANCE, name);
        assertClose(dl4j.trainingState().state(), reference.trainingState().state(), TOLERANCE, name);
    }
}
