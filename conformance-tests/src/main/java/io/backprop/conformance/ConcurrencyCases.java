package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.Network;
import io.backprop.conformance.comparison.Differences;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Networks that share nothing: two created from the same parameters stay independent, and several
 * networks of different shapes computing and training on their own threads at once give, bit for bit,
 * what the same work gives done one after another. {@code behaviour.copy-independent} and
 * {@code behaviour.copies-across-threads} check the same of {@link Network#copy()}; these check
 * networks made by {@link Backend#create}, of several shapes, handed from thread to thread.
 *
 * <p>Threads wait for each other on conditions (every run has finished its first epoch; every thread
 * has finished its round), never on the clock. Every wait has a bound, {@link #HUNG_MINUTES}, only so
 * that a hung backend fails the case, naming what it waited for, instead of hanging the build.
 */
final class ConcurrencyCases {
    /**
     * How long a case waits for a thread before calling it hung: not a time limit on the backend, which
     * on a busy machine may take many times longer than usual, only a bound on a wait that would
     * otherwise never end.
     */
    static final long HUNG_MINUTES = 10;
    /** Rounds of the computing case: each thread uses each network twice, handed over between rounds. */
    private static final int ROUNDS = 12;

    /** One network's work: its own shape, start, data and training options. */
    private record Job(String name, NetworkSpec spec, Parameters start, DataSet data, TrainingOptions options) {
        @Override
        public String toString() {
            return name + " (" + spec + ", " + options + ")";
        }
    }

    /**
     * Six networks of five shapes (two alike, so that memory kept per shape is shared too if a backend
     * shares it), every activation and loss, batch sizes 1 to all, shuffled and in order, each with
     * data of its own.
     */
    private static final List<Job> JOBS = List.of(
            job("network 0", NetworkSpec.builder(3).layer(8, Activation.TANH).layer(2, Activation.SIGMOID)
                    .loss(Loss.MSE).build(), 1, BatchSize.of(4), 101L),
            job("network 1", NetworkSpec.builder(4).layer(6, Activation.RELU).layer(3, Activation.SOFTMAX)
                    .loss(Loss.XENT).build(), 2, BatchSize.of(1), null),
            job("network 2", NetworkSpec.builder(2).layer(5, Activation.SIGMOID).layer(1, Activation.IDENTITY)
                    .loss(Loss.SSE).build(), 3, BatchSize.ALL, null),
            job("network 3", NetworkSpec.builder(3).layer(4, Activation.TANH).layer(4, Activation.RELU)
                    .layer(2, Activation.IDENTITY).loss(Loss.MSE).build(), 4, BatchSize.of(3), 102L),
            job("network 4", NetworkSpec.builder(5).layer(3, Activation.SOFTMAX).layer(2, Activation.SIGMOID)
                    .loss(Loss.XENT).build(), 5, BatchSize.of(2), null),
            job("network 5", NetworkSpec.builder(3).layer(8, Activation.TANH).layer(2, Activation.SIGMOID)
                    .loss(Loss.MSE).build(), 6, BatchSize.of(4), 103L));

    private static final NetworkSpec SAME = JOBS.get(0).spec();

    private ConcurrencyCases() {
    }

    static List<ConformanceCase> all() {
        List<NetworkSpec> specs = JOBS.stream().map(Job::spec).distinct().toList();
        return List.of(
                new SimpleCase("isolation.same-parameters", "two networks created from the same parameters are"
                        + " independent: training or setting one leaves the other's parameters and outputs"
                        + " bit-identical", List.of(SAME), ConcurrencyCases::sameParameters).notes(
                        "a network holds its own parameters: creating two from the same Parameters and training or"
                        + " setting one changes nothing of the other", Notes.allowed("the other's parameters and"
                        + " outputs", Kind.IDENTICAL), "arrays of the Parameters given kept by reference, or shared"
                        + " between the networks of one backend"),
                new SimpleCase("concurrency.fit-on-threads", JOBS.size() + " networks of 5 shapes, created on one"
                        + " thread and trained on " + JOBS.size() + " threads at once (all inside fit together after"
                        + " their first epoch): results, parameters and outputs bit-identical to the same runs one"
                        + " after another", specs, ConcurrencyCases::fitOnThreads).notes("networks"
                        + " trained on several threads at once give the bits they give one after another",
                        Notes.allowed("results, parameters and outputs", Kind.IDENTICAL), "state shared between"
                        + " networks: a static scratch buffer, a cache keyed by shape, a shared random generator"),
                new SimpleCase("concurrency.predict-on-threads", JOBS.size() + " networks of 5 shapes on "
                        + JOBS.size() + " threads at once, handed to another thread every round for " + ROUNDS
                        + " rounds: each row and the batch predicted, the loss and the gradients bit-identical to"
                        + " the same calls made on one thread", specs, ConcurrencyCases::predictOnThreads).notes("predict,"
                        + " loss and gradients called from several threads on several networks give the bits of the"
                        + " same calls on one thread", Notes.allowed("outputs, losses and gradients",
                        Kind.IDENTICAL), "buffers shared between networks, or state a call leaves for the next"));
    }

    private static Job job(String name, NetworkSpec spec, long seed, BatchSize batch, Long shuffle) {
        Random random = new Random(seed);
        int rows = 16 + random.nextInt(9);
        double[][] x = new double[rows][spec.inputs()];
        double[][] y = new double[rows][spec.outputs()];
        boolean oneHot = spec.loss() == Loss.XENT && spec.layer(spec.depth() - 1).activation() == Activation.SOFTMAX;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] = random.nextGaussian();
            }
            if (oneHot) {
                y[r][random.nextInt(spec.outputs())] = 1;
            } else {
                for (int k = 0; k < y[r].length; k++) {
                    y[r][k] = random.nextDouble();
                }
            }
        }
        TrainingOptions.Builder options = TrainingOptions.builder().learningRate(0.05).epochs(20).batchSize(batch);
        if (shuffle != null) {
            options.shuffle(shuffle);
        }
        return new Job(name, spec, Initializer.XAVIER_UNIFORM.initialize(spec, seed), DataSet.of(x, y),
                options.build());
    }

    // ---- isolation.same-parameters ----

    private static void sameParameters(Backend backend) {
        Job job = JOBS.get(0);
        Network first = backend.create(job.spec(), job.start());
        Network second = backend.create(job.spec(), job.start());
        Parameters untouched = second.parameters(); // as the backend holds them (a float32 one rounds them)
        double[][] outputs = second.predict(job.data());

        first.fit(job.data(), job.options());
        Check.identical("the second network's parameters after training the first", second.parameters(), untouched);
        Check.identical("the second network's outputs after training the first", second.predict(job.data()), outputs);

        Parameters firstTrained = first.parameters();
        second.fit(job.data(), job.options());
        Check.identical("the second network's parameters after training it as the first was", second.parameters(),
                firstTrained);
        Check.identical("the first network's parameters after training the second", first.parameters(), firstTrained);

        second.setParameters(Initializer.STANDARD_NORMAL.initialize(job.spec(), 77));
        Check.identical("the first network's parameters after setting the second's", first.parameters(), firstTrained);
    }

    // ---- concurrency.fit-on-threads ----

    /** What a training run gave: the result, the parameters after it, and the outputs then. */
    private record Trained(TrainingResult result, Parameters parameters, double[][] outputs) {
        static Trained of(Network network, Job job, TrainingOptions options) {
            TrainingResult result = network.fit(job.data(), options);
            return new Trained(result, network.parameters(), network.predict(job.data()));
        }

        /** Where {@code other} differs from this, or null when it is bit-identical. */
        String difference(Trained other) {
            if (!other.result.equals(result)) {
                return "fit returned " + other.result + " with losses " + Arrays.toString(other.result.losses())
                        + "; one after another " + result + " with losses " + Arrays.toString(result.losses());
            }
            if (!other.parameters.equals(parameters)) {
                Differences.Worst worst = Differences.parameters(other.parameters, parameters);
                return "the parameters after training differ by " + worst.value() + " at " + worst.where();
            }
            if (!Arrays.deepEquals(other.outputs, outputs)) {
                Differences.Worst worst = Differences.outputs(other.outputs, outputs);
                return "the outputs after training differ by " + worst.value() + " at " + worst.where();
            }
            return null;
        }
    }

    private static void fitOnThreads(Backend backend) {
        List<Trained> serial = new ArrayList<>();
        for (Job job : JOBS) {
            serial.add(Trained.of(backend.create(job.spec(), job.start()), job, job.options()));
        }
        List<Network> networks = new ArrayList<>();
        for (Job job : JOBS) {
            networks.add(backend.create(job.spec(), job.start()));
        }
        // Phase 0: every thread has started; phase 1: every run has finished its first epoch, so that all
        // are inside fit at once however the threads are scheduled.
        Phaser together = new Phaser(JOBS.size());
        List<Callable<String>> work = new ArrayList<>();
        for (int t = 0; t < JOBS.size(); t++) {
            Job job = JOBS.get(t);
            Network network = networks.get(t);
            Trained expected = serial.get(t);
            work.add(() -> {
                int[] arrived = {0}; // how many of the two rendezvous this thread has come to
                try {
                    arrived[0]++;
                    await(together, "every thread to start");
                    TrainingOptions options = job.options().toBuilder().listener((epoch, loss) -> {
                        if (epoch == 1) {
                            arrived[0]++;
                            await(together, "every run to finish its first epoch");
                        }
                        return TrainingDecision.CONTINUE;
                    }).build();
                    String difference = expected.difference(Trained.of(network, job, options));
                    return difference == null ? null : job + ": " + difference;
                } finally {
                    // A thread that failed before a rendezvous holds no other thread up there.
                    if (arrived[0] < 2) {
                        together.arriveAndDeregister();
                    }
                }
            });
        }
        runAll("results of " + JOBS.size() + " networks trained on " + JOBS.size() + " threads at once", work,
                "the same runs one after another");
    }

    // ---- concurrency.predict-on-threads ----

    /** Every computing call the case makes on a network, in one order. */
    private record Computed(double[][] rows, double[][] batch, double loss, Parameters gradients) {
        static Computed of(Network network, DataSet data) {
            double[][] rows = new double[data.rows()][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = network.predict(data.featureRow(r));
            }
            return new Computed(rows, network.predict(data), network.loss(data), network.gradients(data));
        }

        String difference(Computed other) {
            for (int r = 0; r < rows.length; r++) {
                if (!Arrays.equals(rows[r], other.rows[r])) {
                    return "predict(row " + r + ") gave " + Arrays.toString(other.rows[r]) + ", on one thread "
                            + Arrays.toString(rows[r]);
                }
            }
            if (!Arrays.deepEquals(batch, other.batch)) {
                Differences.Worst worst = Differences.outputs(other.batch, batch);
                return "predict(data) differs by " + worst.value() + " at " + worst.where();
            }
            if (Double.doubleToLongBits(loss) != Double.doubleToLongBits(other.loss)) {
                return "loss(data) gave " + other.loss + ", on one thread " + loss;
            }
            if (!gradients.equals(other.gradients)) {
                Differences.Worst worst = Differences.parameters(other.gradients, gradients);
                return "gradients(data) differ by " + worst.value() + " at " + worst.where();
            }
            return null;
        }
    }

    private static void predictOnThreads(Backend backend) {
        List<Network> networks = new ArrayList<>();
        List<Computed> serial = new ArrayList<>();
        for (Job job : JOBS) {
            Network network = backend.create(job.spec(), job.start());
            networks.add(network);
            serial.add(Computed.of(network, job.data()));
        }
        int n = JOBS.size();
        // One phase per round: a network passes to the next thread only once every thread is done with its own.
        Phaser rounds = new Phaser(n);
        List<Callable<String>> work = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            work.add(() -> {
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        int k = (thread + round) % n;
                        Computed computed = Computed.of(networks.get(k), JOBS.get(k).data());
                        String difference = serial.get(k).difference(computed);
                        if (difference != null) {
                            return "round " + round + ", " + JOBS.get(k) + ": " + difference;
                        }
                        await(rounds, "every thread to finish round " + round);
                    }
                    return null;
                } finally {
                    rounds.arriveAndDeregister();
                }
            });
        }
        runAll("results of " + n + " networks computing on " + n + " threads at once", work,
                "the same calls on one thread");
    }

    // ---- threads ----

    /** Arrives and waits for the phaser's other parties, for at most {@link #HUNG_MINUTES}. */
    private static void await(Phaser phaser, String what) {
        try {
            phaser.awaitAdvanceInterruptibly(phaser.arrive(), HUNG_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new IllegalStateException("waited " + HUNG_MINUTES + " minutes for " + what + "; a thread is hung", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    /**
     * Runs every piece of work on a thread of its own, all at once, and fails naming the first that
     * returned a difference, threw, or did not finish within {@link #HUNG_MINUTES}.
     */
    private static void runAll(String what, List<Callable<String>> work, String reference) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(work.size(), runnable -> {
            Thread thread = new Thread(runnable, "conformance-" + number.getAndIncrement());
            thread.setDaemon(true); // a hung backend's thread must not keep the JVM alive
            return thread;
        });
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> piece : work) {
                futures.add(pool.submit(piece));
            }
            List<String> failures = new ArrayList<>();
            for (int t = 0; t < futures.size(); t++) {
                String failure = outcome(futures.get(t));
                if (failure != null) {
                    failures.add("thread " + t + ", " + failure);
                }
            }
            if (!failures.isEmpty()) {
                throw new ConformanceFailure(what, Double.NaN, failures.size() + " of " + work.size()
                        + " threads differ from " + reference + "; " + failures.get(0), 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null when the thread's results were as expected, else what went wrong. */
    private static String outcome(Future<String> thread) {
        try {
            return thread.get(HUNG_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            return "threw " + e.getCause();
        } catch (TimeoutException e) {
            return "did not finish within " + HUNG_MINUTES + " minutes (hung?)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for it";
        }
    }
}
