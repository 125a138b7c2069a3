package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code sizes.*}: the sizes at which a backend changes strategy, checked against the oracle: outputs,
 * loss and gradients, and a few training steps against {@link OracleTraining}.
 *
 * <p>A fast backend blocks its loops, goes through large batches in chunks, and splits large products
 * over threads, each past some size of its own. These sizes cross any such size a backend is likely to
 * choose, without knowing one: layers of 300 inputs × 64 units; batches of 257 rows (one past a power of
 * two), 300 and 1,000; a layer of 509 inputs × 97 units on 263 rows (primes, which no block divides);
 * 513 inputs × 257 units (one past powers of two); and 1,000 rows through 512 inputs × 256 units, about
 * 131 million multiply-adds per pass, where any backend that ever uses more than one thread does.
 *
 * <p>The outputs are sigmoids and softmaxes, never near-zero sums of hundreds of terms, whose relative
 * difference would measure only the order of the sum. The oracle's values are computed once per JVM.
 */
final class SizeCases {
    private static final NetworkSpec WIDE = NetworkSpec.builder(300).layer(64, Activation.TANH)
            .layer(10, Activation.SOFTMAX).loss(Loss.XENT).build();
    private static final NetworkSpec PRIME = NetworkSpec.builder(509).layer(97, Activation.SIGMOID)
            .layer(3, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final NetworkSpec ONE_PAST = NetworkSpec.builder(513).layer(257, Activation.TANH, false)
            .layer(4, Activation.SIGMOID).loss(Loss.SSE).build();
    private static final NetworkSpec LARGE = NetworkSpec.builder(512).layer(256, Activation.RELU)
            .layer(10, Activation.SOFTMAX).loss(Loss.XENT).build();

    /** The oracle's values by case id, computed the first time a case runs: the large ones take seconds. */
    private static final Map<String, Object> ORACLE = new ConcurrentHashMap<>();

    private SizeCases() {
    }

    /** A network, its parameters and its rows. */
    record Sample(NetworkSpec spec, Parameters parameters, DataSet data) {
    }

    /** The oracle's outputs, loss and gradients of a sample. */
    private record Expected(Sample sample, double[][] outputs, double loss, Parameters gradients) {
    }

    /** The oracle's run of a sample. */
    private record ExpectedRun(Sample sample, TrainingOptions options, OracleTraining.Trajectory trajectory) {
    }

    /** One case: its network, rows and seed, and for a training case its options (null for the others). */
    private record Size(String id, NetworkSpec spec, int rows, long seed, TrainingOptions training) {
    }

    private static final List<Size> SIZES = List.of(
            new Size("sizes.300x64.rows-257", WIDE, 257, 1, null),
            new Size("sizes.300x64.rows-300", WIDE, 300, 2, null),
            new Size("sizes.300x64.rows-1000", WIDE, 1000, 3, null),
            new Size("sizes.509x97.rows-263", PRIME, 263, 4, null),
            new Size("sizes.513x257.rows-257", ONE_PAST, 257, 5, null),
            new Size("sizes.512x256.rows-1000", LARGE, 1000, 6, null),
            new Size("sizes.300x64.train.batch-257", WIDE, 300, 7,
                    TrainingOptions.builder().learningRate(0.1).epochs(2).batchSize(BatchSize.of(257)).shuffle(3).build()),
            new Size("sizes.509x97.train.batch-7", PRIME, 263, 8,
                    TrainingOptions.builder().learningRate(0.1).epochs(1).batchSize(BatchSize.of(7)).build()),
            // sse sums over the rows: η over the rows makes a step like the others'.
            new Size("sizes.513x257.train.batch-all", ONE_PAST, 300, 9,
                    TrainingOptions.builder().learningRate(0.1 / 300).epochs(2).batchSize(BatchSize.ALL).build()),
            new Size("sizes.512x256.train.batch-300", LARGE, 1000, 10,
                    TrainingOptions.builder().learningRate(0.1).epochs(1).batchSize(BatchSize.of(300)).build()));

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (Size size : SIZES) {
            if (size.training() == null) {
                values(cases, size.id(), size.spec(), size.rows(), size.seed());
            } else {
                training(cases, size.id(), size.spec(), size.rows(), size.seed(), size.training());
            }
        }
        return cases;
    }

    private static void values(List<ConformanceCase> cases, String id, NetworkSpec spec, int rows, long seed) {
        cases.add(new SimpleCase(id, spec + ", " + rows + " rows: outputs, loss and gradients equal the oracle's",
                List.of(spec), backend -> {
                    Expected expected = oracle(id, () -> {
                        Sample sample = sample(spec, rows, seed);
                        return new Expected(sample, Oracle.outputs(spec, sample.parameters(), sample.data()),
                                Oracle.loss(spec, sample.parameters(), sample.data()),
                                OracleBackprop.gradients(spec, sample.parameters(), sample.data()));
                    });
                    Sample sample = expected.sample();
                    Network network = backend.create(spec, sample.parameters());
                    Check.outputs(network.predict(sample.data()), expected.outputs(), Tolerances.OUTPUTS);
                    Check.value("loss", network.loss(sample.data()), expected.loss(), Tolerances.LOSSES);
                    Check.parameters("gradients", network.gradients(sample.data()), expected.gradients(),
                            Tolerances.GRADIENTS);
                }).notes("at a size where a backend may block, tile, split its work over threads or hold a batch in"
                        + " buffers of fixed size, outputs, loss and gradients equal the kit oracle's",
                        Notes.allowed("outputs", Kind.OUTPUTS, "loss", Kind.LOSSES, "gradients", Kind.GRADIENTS),
                        "the row and the weight the message names: a buffer of fixed rows (row 256, 257), the"
                        + " remainder of a blocked sum, the meeting of work split over threads"));
    }

    private static void training(List<ConformanceCase> cases, String id, NetworkSpec spec, int rows, long seed,
                                 TrainingOptions options) {
        int steps = OracleTraining.schedule(rows, options).size();
        cases.add(new SimpleCase(id, spec + ", " + rows + " rows, " + options + " (" + steps + " steps): fit lands where"
                + " the oracle's SGD lands", List.of(spec), backend -> {
                    ExpectedRun expected = oracle(id, () -> {
                        Sample sample = sample(spec, rows, seed);
                        return new ExpectedRun(sample, options,
                                OracleTraining.fit(spec, sample.parameters(), sample.data(), options));
                    });
                    Sample sample = expected.sample();
                    Network network = backend.create(spec, sample.parameters());
                    TrainingResult result = network.fit(sample.data(), options);
                    Check.parameters("parameters after " + steps + " steps", network.parameters(),
                            expected.trajectory().parameters(), Tolerances.TRAJECTORY);
                    double[] losses = expected.trajectory().losses();
                    Check.value("number of losses reported", result.losses().length, losses.length, 0);
                    for (int epoch = 0; epoch < losses.length; epoch++) {
                        Check.value("loss reported after epoch " + (epoch + 1), result.losses()[epoch], losses[epoch],
                                Tolerances.TRAJECTORY);
                    }
                }).notes("at a size where a backend may block, tile or split its work, a few steps of fit end where the"
                        + " kit oracle's SGD ends", Notes.allowed("parameters", Kind.TRAJECTORY),
                        "a batch of more than 256 rows trained in chunks, the mean over the whole batch, work split"
                        + " over threads meeting again"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T oracle(String id, Supplier<T> compute) {
        return (T) ORACLE.computeIfAbsent(id, key -> compute.get());
    }

    /**
     * The sample of a case: standard normal weights over √(fan-in), so that every weighted sum is of
     * order 1 however many inputs it adds; standard normal biases and inputs; targets one-hot under
     * xent, else uniform in [0, 1).
     */
    static Sample sample(NetworkSpec spec, int rows, long seed) {
        Random random = new Random(0x9E3779B97F4A7C15L * seed);
        Parameters drawn = Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong());
        Parameters parameters = drawn;
        for (int l = 0; l < spec.depth(); l++) {
            LayerParameters layer = drawn.layer(l);
            double[] weights = new double[layer.units() * layer.inputs()];
            layer.copyWeightsTo(weights, 0);
            double scale = 1 / Math.sqrt(layer.inputs());
            for (int k = 0; k < weights.length; k++) {
                weights[k] *= scale;
            }
            parameters = parameters.withLayer(l, LayerParameters.ofFlat(layer.units(), layer.inputs(), weights,
                    layer.hasBiases() ? layer.biases() : null));
        }
        return new Sample(spec, parameters, GeneratedNetworks.data(random, spec, rows, 1));
    }

    /** The samples of the cases, for the kit's own tests. */
    static List<Sample> samples() {
        return SIZES.stream().map(size -> sample(size.spec(), size.rows(), size.seed())).toList();
    }
}
