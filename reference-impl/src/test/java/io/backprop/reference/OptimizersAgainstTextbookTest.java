package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.conformance.comparison.Differences;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.reference.textbook.TextbookBackend;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingLoop;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer and regularizer on the fast backend, which applies the API's {@link Optimizer#step},
 * against the textbook's own formulas: one step from a given state against the API's definition, 200-step
 * trajectories against each other, the training state carried from one backend to the other, plain SGD
 * left as it was, and no allocation per step.
 */
class OptimizersAgainstTextbookTest {
    /**
     * One step of the same formulas on the same gradient: only a rounding or two may come out
     * differently (the textbook's {@code g + λ₂·θ} is one expression where the API loops twice).
     */
    private static final double ONE_STEP = 1e-12;
    private static final int STEPS = 200;
    private static final int ROWS = 4;

    /**
     * A learning rate per optimizer that trains the small networks without blowing up in 200 steps.
     * RMSProp's is small because it divides by the root of a decaying mean of g²: once a full batch nears a
     * minimum its step is about ±η however small g is, so rounding in g near 0 picks the sign and two exact
     * implementations part by η (at 0.01 the article's network with L2 gets there within 200 steps).
     */
    private static final Map<String, Double> RATES = Map.of("sgd", 0.1, "nesterov", 0.05, "adam", 0.01,
            "rmsprop", 0.001, "adagrad", 0.1);

    /** The article's 2-2-1, and a deeper one with every other activation, a layer without biases and softmax. */
    private static final List<NetworkSpec> NETWORKS = List.of(Article.NETWORK,
            NetworkSpec.builder(3).layer(4, Activation.TANH).layer(3, Activation.RELU, false)
                    .layer(2, Activation.SOFTMAX).loss(Loss.XENT).build());

    static Stream<Arguments> regularizations() {
        return Stream.of(
                Arguments.of("none", Regularization.NONE),
                Arguments.of("l2", Regularization.l2(0.01)),
                Arguments.of("l2 and l2Bias", Regularization.l2(0.01).withL2Bias(0.02)),
                Arguments.of("weightDecay", Regularization.weightDecay(0.01)),
                Arguments.of("weightDecay and weightDecayBias without the learning rate", Regularization
                        .weightDecay(0.01).withWeightDecayBias(0.005).withWeightDecayWithLearningRate(false)));
    }

    static Stream<Arguments> trajectories() {
        List<Arguments> cases = new ArrayList<>();
        for (String optimizer : Optimizer.NAMES) {
            for (Arguments regularization : regularizations().toList()) {
                for (int batch : new int[] {1, 3, ROWS}) {
                    for (boolean shuffled : new boolean[] {false, true}) {
                        for (int n = 0; n < NETWORKS.size(); n++) {
                            cases.add(Arguments.of(optimizer, regularization.get()[0], regularization.get()[1],
                                    batch, shuffled, n));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, batch {3}, shuffled {4}, network {5}")
    @MethodSource("trajectories")
    void twoHundredStepsOfEveryOptimizerAgreeWithTheTextbook(String optimizer, String name,
                                                              Regularization regularization, int batch,
                                                              boolean shuffled, int network) {
        NetworkSpec spec = NETWORKS.get(network);
        int stepsPerEpoch = (ROWS + batch - 1) / batch;
        TrainingOptions.Builder builder = options(optimizer, regularization).epochs(STEPS / stepsPerEpoch)
                .batchSize(BatchSize.of(batch));
        TrainingOptions options = (shuffled ? builder.shuffle(11) : builder.inOrder()).build();
        assertThat(options.epochs() * stepsPerEpoch).isEqualTo(STEPS);
        DataSet data = data(spec, ROWS, 5 + network);
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 3 + network);
        Network fast = new ReferenceBackend().create(spec, start);
        Network textbook = new TextbookBackend().create(spec, start);

        fast.fit(data, options);
        textbook.fit(data, options);

        assertAgree(fast, textbook);
        assertThat(fast.trainingState().iteration()).isEqualTo(STEPS);
        assertThat(fast.parameters()).as("training moved the parameters").isNotEqualTo(start);
    }

    static Stream<Arguments> oneStepCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String optimizer : Optimizer.NAMES) {
            for (Arguments regularization : regularizations().toList()) {
                cases.add(Arguments.of(optimizer, regularization.get()[0], regularization.get()[1]));
            }
        }
        return cases.stream();
    }

    /**
     * One step of each backend from a state of random positive values at iteration 7 (so that Adam's
     * bias correction is not the first step's) against the API's definition applied to the backend's
     * own gradient of the batch.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("oneStepCases")
    void oneStepOfEachBackendIsTheApisDefinition(String optimizer, String name, Regularization regularization) {
        NetworkSpec spec = NETWORKS.get(1);
        DataSet data = data(spec, ROWS, 9);
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 4);
        TrainingOptions options = options(optimizer, regularization).epochs(1).batchSize(BatchSize.ALL)
                .lossEvery(2).build();
        Optimizer chosen = options.optimizer();
        Random random = new Random(13);
        List<Parameters> state = new ArrayList<>();
        for (String ignored : chosen.stateNames()) {
            state.add(randomLike(spec, random));
        }
        TrainingState before = new TrainingState(chosen, 7, 2, state);
        for (Network network : List.of(new ReferenceBackend().create(spec, start),
                new TextbookBackend().create(spec, start))) {
            network.setTrainingState(before);
            Parameters expected = apiStep(start, network.gradients(data), before, options);

            network.fit(data, options);

            assertThat(Differences.parameters(network.parameters(), expected).value()).as(network.backend())
                    .isLessThanOrEqualTo(ONE_STEP);
        }
    }

    @Test
    void aBatchLargerThanTheBuffersStepsWithAdamAsTheTextbookDoes() {
        NetworkSpec spec = NetworkSpec.builder(20).layer(16, Activation.TANH).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        DataSet data = data(spec, 513, 3); // two chunks of 256 rows and one of one row
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 7);
        TrainingOptions options = options("adam", Regularization.l2(0.01).withWeightDecayBias(0.01)).epochs(5)
                .batchSize(BatchSize.ALL).lossEvery(10).build();
        Network fast = new ReferenceBackend().create(spec, start);
        Network textbook = new TextbookBackend().create(spec, start);

        fast.fit(data, options);
        textbook.fit(data, options);

        assertAgree(fast, textbook);
    }

    @Test
    void aScheduledLearningRateIsTheOneEachStepTakes() {
        NetworkSpec spec = NETWORKS.get(1);
        DataSet data = data(spec, ROWS, 6);
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 8);
        TrainingOptions options = options("rmsprop", Regularization.weightDecay(0.01)).epochs(50)
                .batchSize(BatchSize.of(1)).schedule(LearningRateSchedule.parse("exponential:0.99:iteration"))
                .build();
        Network fast = new ReferenceBackend().create(spec, start);
        Network textbook = new TextbookBackend().create(spec, start);
        Network unscheduled = new ReferenceBackend().create(spec, start);

        fast.fit(data, options);
        textbook.fit(data, options);
        unscheduled.fit(data, options.toBuilder().schedule(LearningRateSchedule.FIXED).build());

        assertAgree(fast, textbook);
        assertThat(fast.parameters()).as("the schedule changed the run").isNotEqualTo(unscheduled.parameters());
    }

    static Stream<String> optimizers() {
        return Optimizer.NAMES.stream();
    }

    /**
     * Half a run on one backend, its training state into a fresh network of the other (or the same)
     * backend, the other half there: the same as the whole run on one network. Iteration-counted
     * schedule, so that the counts must come across too.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void theTrainingStateCarriesARunAcrossBackends(String optimizer) {
        NetworkSpec spec = NETWORKS.get(1);
        DataSet data = data(spec, ROWS, 10);
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 9);
        TrainingOptions half = options(optimizer, Regularization.l2(0.01).withWeightDecay(0.001)).epochs(50)
                .batchSize(BatchSize.of(3)).inOrder().lossEvery(100)
                .schedule(LearningRateSchedule.parse("step:0.9:10:iteration")).build();
        TrainingOptions whole = half.toBuilder().epochs(100).build();
        Network uninterruptedFast = new ReferenceBackend().create(spec, start);
        uninterruptedFast.fit(data, whole);
        Network uninterruptedTextbook = new TextbookBackend().create(spec, start);
        uninterruptedTextbook.fit(data, whole);

        Network fastFirst = new ReferenceBackend().create(spec, start);
        fastFirst.fit(data, half);
        Network textbookSecond = carriedOver(fastFirst, new TextbookBackend().create(spec, fastFirst.parameters()));
        textbookSecond.fit(data, half);
        assertAgree(textbookSecond, uninterruptedTextbook);

        Network textbookFirst = new TextbookBackend().create(spec, start);
        textbookFirst.fit(data, half);
        Network fastSecond = carriedOver(textbookFirst, new ReferenceBackend().create(spec, textbookFirst.parameters()));
        fastSecond.fit(data, half);
        assertAgree(fastSecond, uninterruptedFast);

        Network fastAgain = carriedOver(fastFirst, new ReferenceBackend().create(spec, fastFirst.parameters()));
        fastAgain.fit(data, half);
        assertThat(fastAgain.parameters()).as("on the same backend, bit for bit")
                .isEqualTo(uninterruptedFast.parameters());
        assertThat(fastAgain.trainingState()).isEqualTo(uninterruptedFast.trainingState());
    }

    static Stream<Arguments> sgdRuns() {
        NetworkSpec batched = NetworkSpec.builder(30).layer(20, Activation.RELU).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        return Stream.of(
                Arguments.of("the article's per-sample run", Article.NETWORK, Article.PEOPLE,
                        Article.TRAINING.toBuilder().epochs(50).build()),
                Arguments.of("batches of 8, shuffled", batched, data(batched, 32, 1),
                        TrainingOptions.builder().learningRate(0.05).epochs(5).batchSize(BatchSize.of(8)).shuffle(2)
                                .build()),
                Arguments.of("a batch over several chunks", batched, data(batched, 300, 2),
                        TrainingOptions.builder().learningRate(0.05).epochs(3).batchSize(BatchSize.ALL).build()));
    }

    /**
     * Plain SGD through the optimizers' step is the fused SGD step as it was, bit for bit: here that
     * step driven directly by the API's loop.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sgdRuns")
    void plainSgdIsTheFusedStepBitForBit(String name, NetworkSpec spec, DataSet data, TrainingOptions options) {
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 5);
        BatchedNetwork throughFit = new BatchedNetwork(spec, start);
        BatchedNetwork fused = new BatchedNetwork(spec, start);

        throughFit.fit(data, options);
        TrainingLoop.run(data, options, (order, from, to) -> fused.step(data, order, from, to,
                options.learningRate()), () -> fused.loss(data));

        assertThat(throughFit.parameters()).isEqualTo(fused.parameters());
        assertThat(throughFit.parameters()).isNotEqualTo(start);
    }

    /**
     * A step of any optimizer allocates nothing, per sample and in batches: a run ten times longer
     * allocates no more. Any allocation in a step would be at least 16 bytes a step.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aStepAllocatesNothing(String optimizer) {
        NetworkSpec batched = NetworkSpec.builder(30).layer(20, Activation.RELU).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        Regularization regularization = Regularization.l2(1e-4).withL2Bias(1e-4).withWeightDecay(1e-4);
        assertAllocatesNothingPerStep(Article.NETWORK, Article.PEOPLE,
                options(optimizer, regularization).batchSize(BatchSize.of(1)).inOrder(), 100, 1000);
        assertAllocatesNothingPerStep(batched, data(batched, 32, 4),
                options(optimizer, regularization).batchSize(BatchSize.of(8)).shuffle(1), 10, 100);
    }

    private static void assertAllocatesNothingPerStep(NetworkSpec spec, DataSet data, TrainingOptions.Builder builder,
                                                      int shortEpochs, int longEpochs) {
        Network network = new ReferenceBackend().create(spec, Initializer.XAVIER_UNIFORM.initialize(spec, 6));
        TrainingOptions shortRun = builder.epochs(shortEpochs).lossEvery(longEpochs + 1).build();
        TrainingOptions longRun = builder.epochs(longEpochs).lossEvery(longEpochs + 1).build();
        network.fit(data, longRun); // warms up, and sets the optimizer's state
        long start = network.trainingState().iteration();
        long before = allocatedBytes();
        network.fit(data, shortRun);
        long shortBytes = allocatedBytes() - before;
        long middle = network.trainingState().iteration();
        before = allocatedBytes();
        network.fit(data, longRun);
        long longBytes = allocatedBytes() - before;
        long extraSteps = (network.trainingState().iteration() - middle) - (middle - start);
        assertThat(longBytes - shortBytes).as("bytes allocated by %d more steps", extraSteps)
                .isLessThan(extraSteps);
    }

    /** The bytes this thread has allocated on the heap so far. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static Network carriedOver(Network from, Network to) {
        to.setTrainingState(from.trainingState());
        return to;
    }

    /** Parameters and the optimizer's state within the project's trajectory tolerance, the counts equal. */
    private static void assertAgree(Network actual, Network expected) {
        assertThat(Differences.parameters(actual.parameters(), expected.parameters()).value()).as("parameters")
                .isLessThanOrEqualTo(Tolerances.TRAJECTORY);
        TrainingState actualState = actual.trainingState();
        TrainingState expectedState = expected.trainingState();
        assertThat(actualState.optimizer()).isEqualTo(expectedState.optimizer());
        assertThat(actualState.iteration()).isEqualTo(expectedState.iteration());
        assertThat(actualState.epoch()).isEqualTo(expectedState.epoch());
        for (String name : expectedState.optimizer().stateNames()) {
            assertThat(Differences.parameters(actualState.state(name), expectedState.state(name)).value())
                    .as("state %s", name).isLessThanOrEqualTo(Tolerances.TRAJECTORY);
        }
    }

    private static TrainingOptions.Builder options(String optimizer, Regularization regularization) {
        return TrainingOptions.builder().optimizer(Optimizer.of(optimizer, Map.of()))
                .learningRate(RATES.get(optimizer)).regularization(regularization);
    }

    /** The API's {@link Optimizer#step} on every weight row and bias vector of {@code theta}, from {@code state}. */
    private static Parameters apiStep(Parameters theta, Parameters gradient, TrainingState state,
                                      TrainingOptions options) {
        Optimizer optimizer = state.optimizer();
        Regularization regularization = options.regularization();
        double rate = options.schedule().rate(options.learningRate(), state.iteration(), state.epoch());
        List<LayerParameters> layers = new ArrayList<>();
        for (int index = 0; index < theta.layers().size(); index++) {
            int l = index;
            LayerParameters layer = theta.layer(l);
            double[][] weights = layer.weights();
            double[][] weightSlopes = gradient.layer(l).weights();
            double[][][] weightState = state.state().stream().map(s -> s.layer(l).weights()).toArray(double[][][]::new);
            for (int j = 0; j < layer.units(); j++) {
                optimizer.step(weights[j], weightSlopes[j], row(weightState, 0, j), row(weightState, 1, j),
                        layer.inputs(), rate, state.iteration(), regularization.l2(),
                        regularization.decayFor(false, rate));
            }
            double[] biases = null;
            if (layer.hasBiases()) {
                biases = layer.biases();
                double[][] biasState = state.state().stream().map(s -> s.layer(l).biases()).toArray(double[][]::new);
                optimizer.step(biases, gradient.layer(l).biases(), biasState.length > 0 ? biasState[0] : null,
                        biasState.length > 1 ? biasState[1] : null, layer.units(), rate, state.iteration(),
                        regularization.l2Bias(), regularization.decayFor(true, rate));
            }
            layers.add(LayerParameters.of(weights, biases));
        }
        return Parameters.of(layers);
    }

    private static double[] row(double[][][] state, int s, int j) {
        return s < state.length ? state[s][j] : null;
    }

    /** Values in [0.1, 1.1) of {@code spec}'s shape: a state that an optimizer could have reached. */
    private static Parameters randomLike(NetworkSpec spec, Random random) {
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            int units = spec.layer(l).units();
            double[] weights = new double[units * spec.inputsOf(l)];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = 0.1 + random.nextDouble();
            }
            double[] biases = null;
            if (spec.layer(l).bias()) {
                biases = new double[units];
                for (int k = 0; k < units; k++) {
                    biases[k] = 0.1 + random.nextDouble();
                }
            }
            layers.add(LayerParameters.ofFlat(units, spec.inputsOf(l), weights, biases));
        }
        return Parameters.of(layers);
    }

    /** Features in [−1, 1); one-hot targets under cross-entropy, else in [0, 1). */
    private static DataSet data(NetworkSpec spec, int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][spec.inputs()];
        double[][] y = new double[rows][spec.outputs()];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] = 2 * random.nextDouble() - 1;
            }
            if (spec.loss() == Loss.XENT) {
                y[r][random.nextInt(y[r].length)] = 1;
            } else {
                for (int k = 0; k < y[r].length; k++) {
                    y[r][k] = random.nextDouble();
                }
            }
        }
        return DataSet.of(x, y);
    }
}
