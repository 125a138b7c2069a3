package io.backprop.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.BackendException;
import io.backprop.error.TrainingException;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parameter averaging on Spark ({@code local[2]}) against training on one machine with the
 * {@code dl4j} backend, which is itself checked against the reference backend elsewhere: the two
 * cases where they are the same computation, and the case where they differ, against the formula of
 * {@link SparkTraining}'s class comment computed here from single-machine steps.
 */
class ParameterAveragingEquivalenceTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .layer(5, Activation.SIGMOID)
            .layer(2, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    @Test
    void oneWorkerAveragingEveryStepIsSingleMachineTraining() {
        DataSet data = data(20, 11);
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 5);
        // 20 rows in batches of 2: 10 steps an epoch, 50 steps in 5 epochs, the rows reshuffled each epoch.
        TrainingOptions options = TrainingOptions.builder().learningRate(0.5).epochs(5).batchSize(BatchSize.of(2))
                .shuffle(42).build();

        Network single = Backends.create("dl4j", SPEC, start);
        TrainingResult expected = single.fit(data, options);

        Network spark = Backends.create("dl4j", SPEC, start);
        TrainingResult found = LocalSpark.with(SparkOptions.of("local[2]").withWorkers(1).withBatchPerWorker(2)
                .withAveragingFrequency(1)).fit(spark, data, options);

        assertClose(flat(spark.parameters()), flat(single.parameters()), 1e-9);
        assertThat(found.losses()).hasSize(5);
        for (int e = 0; e < 5; e++) {
            assertThat(found.losses()[e]).isCloseTo(expected.losses()[e], org.assertj.core.data.Offset.offset(1e-9));
        }
        // The run moved the parameters far more than the tolerance: the comparison can fail.
        assertThat(maxDifference(flat(spark.parameters()), flat(start))).isGreaterThan(1e-2);
        assertThat(spark.trainingState().iteration()).isEqualTo(50);
        assertThat(spark.trainingState().epoch()).isEqualTo(5);
    }

    /**
     * The optimizer and its state go to the workers and come back: with one worker averaging every
     * step, 30 steps of Adam on Spark are the dl4j backend's 30 steps of Adam, and a second run goes on
     * from the state the first left (its moments and step count), as a second {@code fit} does.
     */
    @Test
    void oneWorkerWithAdamIsSingleMachineAdamAndGoesOnFromItsState() {
        DataSet data = data(12, 21);
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 9);
        // 12 rows in batches of 2: 6 steps an epoch, 30 steps in 5 epochs, reshuffled each epoch.
        TrainingOptions options = TrainingOptions.builder().optimizer(io.backprop.optimizer.Optimizer.adam())
                .learningRate(0.01).epochs(5).batchSize(BatchSize.of(2)).shuffle(3).build();
        SparkOptions oneWorker = SparkOptions.of("local[2]").withWorkers(1).withBatchPerWorker(2)
                .withAveragingFrequency(1);

        Network single = Backends.create("dl4j", SPEC, start);
        single.fit(data, options);
        Network spark = Backends.create("dl4j", SPEC, start);
        LocalSpark.with(oneWorker).fit(spark, data, options);
        assertClose(flat(spark.parameters()), flat(single.parameters()), 1e-9);
        assertThat(spark.trainingState().iteration()).isEqualTo(30);

        single.fit(data, options);
        LocalSpark.with(oneWorker).fit(spark, data, options);
        assertClose(flat(spark.parameters()), flat(single.parameters()), 1e-9);
        assertThat(spark.trainingState().iteration()).isEqualTo(60);
        // Adam's steps moved the parameters far more than the tolerance, and differ from SGD's.
        assertThat(maxDifference(flat(spark.parameters()), flat(start))).isGreaterThan(1e-2);
        Network sgd = Backends.create("dl4j", SPEC, start);
        sgd.fit(data, options.toBuilder().optimizer(io.backprop.optimizer.Optimizer.of("sgd", java.util.Map.of()))
                .epochs(10).build());
        assertThat(maxDifference(flat(spark.parameters()), flat(sgd.parameters()))).isGreaterThan(1e-3);
    }

    @Test
    void twoWorkersAveragingEveryStepAreSingleMachineSgdOnBatchesTwiceAsLarge() {
        DataSet data = data(24, 12);
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 6);
        Network single = Backends.create("dl4j", SPEC, start);
        // 24 rows, batches of 6 rows: 4 steps an epoch, 52 steps in 13 epochs.
        single.fit(data, TrainingOptions.builder().learningRate(0.5).epochs(13).batchSize(BatchSize.of(6))
                .shuffle(7).build());

        Network spark = Backends.create("dl4j", SPEC, start);
        LocalSpark.with(SparkOptions.of("local[2]").withWorkers(2).withBatchPerWorker(3).withAveragingFrequency(1))
                .fit(spark, data, TrainingOptions.builder().learningRate(0.5).epochs(13).batchSize(BatchSize.of(3))
                        .shuffle(7).build());

        assertClose(flat(spark.parameters()), flat(single.parameters()), 1e-9);
        assertThat(maxDifference(flat(spark.parameters()), flat(start))).isGreaterThan(1e-2);
    }

    /**
     * Averaging every {@code K = 3} steps with 2 workers of 2 rows: each round of 12 rows is dealt as
     * rows 0–5 to worker 0 and 6–11 to worker 1, each takes 3 SGD steps of 2 rows from the round's
     * parameters, and the round ends with the mean of the two. Computed here with single-machine
     * networks, round by round, over 4 epochs of 24 rows in order.
     */
    @Test
    void averagingEveryKStepsIsTheMeanOfEachWorkersOwnSteps() {
        int workers = 2;
        int batch = 2;
        int k = 3;
        DataSet data = data(24, 13);
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 8);
        TrainingOptions perWorker = TrainingOptions.builder().learningRate(0.5).epochs(1).batchSize(BatchSize.of(batch))
                .build();

        double[] theta = flat(start);
        int perRound = workers * k * batch;
        for (int epoch = 0; epoch < 4; epoch++) {
            for (int first = 0; first < data.rows(); first += perRound) {
                double[] sum = new double[theta.length];
                for (int w = 0; w < workers; w++) {
                    Network worker = Backends.create("dl4j", SPEC, unflat(theta));
                    worker.fit(data.select(rows(first + w * k * batch, k * batch)), perWorker);
                    double[] reached = flat(worker.parameters());
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += reached[i];
                    }
                }
                for (int i = 0; i < sum.length; i++) {
                    theta[i] = sum[i] / workers;
                }
            }
        }

        Network spark = Backends.create("dl4j", SPEC, start);
        LocalSpark.with(SparkOptions.of("local[2]").withWorkers(workers).withBatchPerWorker(batch)
                .withAveragingFrequency(k)).fit(spark, data, TrainingOptions.builder().learningRate(0.5).epochs(4)
                .batchSize(BatchSize.of(batch)).build());

        assertClose(flat(spark.parameters()), theta, 1e-9);
        // And it is not single-machine SGD on batches of workers·batch rows: the difference is what averaging changes.
        Network single = Backends.create("dl4j", SPEC, start);
        single.fit(data, TrainingOptions.builder().learningRate(0.5).epochs(4).batchSize(BatchSize.of(workers * batch))
                .build());
        assertThat(maxDifference(flat(spark.parameters()), flat(single.parameters()))).isGreaterThan(1e-4);
    }

    @Test
    void aNetworkOfAnotherBackendIsRefusedNamingTheBackendToUse() {
        Network reference = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 1));
        assertThatThrownBy(() -> LocalSpark.with(SparkOptions.of("local[2]")).fit(reference, data(4, 1),
                TrainingOptions.builder().epochs(1).build()))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("found a network of the backend \"reference\"")
                .hasMessageContaining("Backends.create(\"dl4j\"");
    }

    @Test
    void validationDataIsRefusedRatherThanIgnored() {
        Network network = Backends.create("dl4j", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 1));
        assertThatThrownBy(() -> LocalSpark.with(SparkOptions.of("local[2]")).fit(network, data(4, 1),
                TrainingOptions.builder().epochs(1).validation(data(4, 2)).build()))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("found validation data");
    }

    /** Rows of uniform features in [-2, 2) and targets in [0, 1). */
    static DataSet data(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][SPEC.inputs()];
        double[][] targets = new double[rows][SPEC.outputs()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < features[r].length; c++) {
                features[r][c] = 4 * random.nextDouble() - 2;
            }
            for (int c = 0; c < targets[r].length; c++) {
                targets[r][c] = random.nextDouble();
            }
        }
        return DataSet.of(features, targets);
    }

    private static int[] rows(int from, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = from + i;
        }
        return r;
    }

    static double[] flat(Parameters parameters) {
        List<Double> values = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            for (double[] row : layer.weights()) {
                for (double v : row) {
                    values.add(v);
                }
            }
            for (double v : layer.biases()) {
                values.add(v);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Parameters unflat(double[] flat) {
        List<LayerParameters> layers = new ArrayList<>();
        int at = 0;
        for (int l = 0; l < SPEC.depth(); l++) {
            int units = SPEC.layer(l).units();
            int inputs = SPEC.inputsOf(l);
            double[][] weights = new double[units][inputs];
            for (int j = 0; j < units; j++) {
                for (int i = 0; i < inputs; i++) {
                    weights[j][i] = flat[at++];
                }
            }
            double[] biases = new double[units];
            for (int j = 0; j < units; j++) {
                biases[j] = flat[at++];
            }
            layers.add(LayerParameters.of(weights, biases));
        }
        return Parameters.of(layers);
    }

    static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static void assertClose(double[] found, double[] expected, double tolerance) {
        assertThat(found).hasSameSizeAs(expected);
        assertThat(maxDifference(found, expected)).as("largest difference of %d parameters", found.length)
                .isLessThanOrEqualTo(tolerance);
    }
}
