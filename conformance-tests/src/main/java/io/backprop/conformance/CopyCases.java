package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Network#copy()}, the API's way to use a network on several threads: a copy is the same
 * network and shares nothing with the original, so copies on their own threads compute what one
 * network computes alone, bit for bit.
 */
final class CopyCases {
    private static final NetworkSpec SPEC = NetworkSpec.builder(4).layer(8, Activation.TANH)
            .layer(3, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final TrainingOptions TRAINING = TrainingOptions.builder().learningRate(0.1).epochs(5)
            .batchSize(BatchSize.of(3)).shuffle(17).build();
    /** Threads in the thread case, each with its own copy; more than cores, so they interleave. */
    private static final int THREADS = 8;
    /** Rounds of calls per thread: every row predicted, the batch predicted, a loss and two gradients. */
    private static final int ROUNDS = 25;

    private CopyCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                new SimpleCase("behaviour.copy-independent", "a copy has the same backend, spec, parameters and"
                        + " outputs, trains as the original would, and training or setting either leaves the other"
                        + " unchanged", List.of(SPEC), CopyCases::independent).notes(
                        "copy() gives a network with the same backend, spec, parameters and outputs, which trains as "
                        + "a network created with those parameters does; training or setting either leaves the other "
                        + "unchanged",
                        Notes.allowed("parameters, outputs", Kind.IDENTICAL),
                        "copy() and AbstractNetwork.copyWith: every array copied, none shared (weights, biases, "
                        + "optimiser or scratch state); a backend not listed in META-INF/services overrides copyWith"),
                new SimpleCase("behaviour.copies-across-threads", THREADS + " threads, each with a copy made on"
                        + " it, " + ROUNDS + " rounds of predicting rows and a batch, a loss and gradients, then"
                        + " training: bit-identical to the same calls made serially first", List.of(SPEC),
                        CopyCases::acrossThreads).notes(
                        THREADS + " threads, each with its own copy, predict, compute losses and gradients and train at once, "
                        + "and get bit for bit what the same calls gave made serially",
                        Notes.allowed("every result", Kind.IDENTICAL),
                        "state shared between networks: static scratch buffers, caches, a shared random generator, a "
                        + "native library's global state"));
    }

    /** Rows with targets from a seed, at the scale of the weights. */
    private static DataSet data(long seed) {
        Random random = new Random(seed);
        double[][] x = new double[16][SPEC.inputs()];
        double[][] y = new double[16][SPEC.outputs()];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] = random.nextGaussian();
            }
            for (int k = 0; k < y[r].length; k++) {
                y[r][k] = random.nextDouble();
            }
        }
        return DataSet.of(x, y);
    }

    private static void independent(Backend backend) {
        DataSet data = data(31);
        Network original = backend.create(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 12));
        original.fit(data, TRAINING); // so that the copy must hold the parameters as they are now, not as created
        Parameters trained = original.parameters();
        double[][] outputs = original.predict(data);

        Network copy = original.copy();
        if (copy == original) {
            throw new ConformanceFailure("copy()", Double.NaN, "returned the network itself", 0);
        }
        if (!copy.backend().equals(original.backend()) || !copy.spec().equals(original.spec())) {
            throw new ConformanceFailure("copy()", Double.NaN, "gave a network on " + copy.backend() + ", "
                    + copy.spec() + "; expected " + original.backend() + ", " + original.spec(), 0);
        }
        Check.identical("the copy's parameters", copy.parameters(), trained);
        Check.identical("the copy's outputs", copy.predict(data), outputs);

        copy.fit(data, TRAINING);
        Check.identical("the original's parameters after training the copy", original.parameters(), trained);
        Check.identical("the original's outputs after training the copy", original.predict(data), outputs);
        Network fresh = backend.create(SPEC, trained);
        fresh.fit(data, TRAINING);
        Parameters copyTrained = copy.parameters();
        Check.identical("the copy's parameters after training, against a network created with the same and trained"
                + " alike", copyTrained, fresh.parameters());

        original.fit(data, TRAINING);
        Check.identical("the copy's parameters after training the original", copy.parameters(), copyTrained);
        Parameters originalTrained = original.parameters();
        copy.setParameters(Initializer.XAVIER_UNIFORM.initialize(SPEC, 5));
        Check.identical("the original's parameters after setting the copy's", original.parameters(), originalTrained);
    }

    /** What a network computes on the data, every call the thread case makes, in one order. */
    private record Results(double[][] rows, double[][] batch, double loss, Parameters gradients,
                           Parameters firstRowsGradients, Parameters trained) {
        static Results of(Network network, DataSet data) {
            double[][] rows = new double[data.rows()][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = network.predict(data.featureRow(r));
            }
            return new Results(rows, network.predict(data), network.loss(data), network.gradients(data),
                    network.gradients(data.select(0, 1, 2)), null);
        }

        /** These results and the parameters after training, which changes the network. */
        Results thenTrained(Network network, DataSet data) {
            network.fit(data, TRAINING);
            return new Results(rows, batch, loss, gradients, firstRowsGradients, network.parameters());
        }

        /**
         * Where {@code other} differs from these results, or null when it is bit-identical; the
         * parameters after training only when {@code other} has them.
         */
        String difference(Results other) {
            for (int r = 0; r < rows.length; r++) {
                if (!Arrays.equals(rows[r], other.rows[r])) {
                    return "predict(row " + r + ") gave " + Arrays.toString(other.rows[r]) + ", serially "
                            + Arrays.toString(rows[r]);
                }
            }
            if (!Arrays.deepEquals(batch, other.batch)) {
                return "predict(data) gave " + Arrays.deepToString(other.batch) + ", serially "
                        + Arrays.deepToString(batch);
            }
            if (Double.doubleToLongBits(loss) != Double.doubleToLongBits(other.loss)) {
                return "loss(data) gave " + other.loss + ", serially " + loss;
            }
            if (!gradients.equals(other.gradients) || !firstRowsGradients.equals(other.firstRowsGradients)) {
                return "gradients differ from those computed serially";
            }
            if (other.trained != null && !other.trained.equals(trained)) {
                return "the parameters after training differ from those trained serially";
            }
            return null;
        }
    }

    private static void acrossThreads(Backend backend) {
        DataSet data = data(47);
        Network original = backend.create(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 13));
        Results serial = Results.of(original, data)
                .thenTrained(backend.create(SPEC, original.parameters()), data);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "conformance-copy");
            thread.setDaemon(true); // a hung backend's thread must not keep the JVM alive
            return thread;
        });
        List<Future<String>> threads = new ArrayList<>();
        try {
            // All start together, and make their copies at once: copy() is the one call threads may share.
            CyclicBarrier start = new CyclicBarrier(THREADS);
            for (int t = 0; t < THREADS; t++) {
                threads.add(pool.submit(() -> {
                    start.await();
                    Network own = original.copy();
                    for (int round = 0; round < ROUNDS; round++) {
                        Results results = round < ROUNDS - 1 ? Results.of(own, data)
                                : Results.of(own, data).thenTrained(own, data);
                        String difference = serial.difference(results);
                        if (difference != null) {
                            return "round " + round + ": " + difference;
                        }
                    }
                    return null;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String failure = outcome(threads.get(t));
                if (failure != null) {
                    failures.add("thread " + t + ", " + failure);
                }
            }
            if (!failures.isEmpty()) {
                throw new ConformanceFailure("results on " + THREADS + " threads, each with its own copy",
                        Double.NaN, failures.size() + " of " + THREADS + " threads differ; " + failures.get(0), 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null when the thread's results were all as serial, else what went wrong. */
    private static String outcome(Future<String> thread) {
        try {
            // A bound only so that a hung backend fails the case instead of the build: never a timing guess.
            return thread.get(ConcurrencyCases.HUNG_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            return "did not finish within " + ConcurrencyCases.HUNG_MINUTES + " minutes (hung?)";
        } catch (ExecutionException e) {
            return "threw " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for it";
        }
    }
}
