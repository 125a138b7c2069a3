package io.backprop.spark;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.dl4j.Dl4jBackend;
import io.backprop.dl4j.Dl4jModels;
import io.backprop.error.BackendException;
import io.backprop.error.TrainingException;
import io.backprop.model.Model;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.EpochFigures;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network of the {@code dl4j} backend on Apache Spark, with Deeplearning4j's own
 * distributed training: {@link SparkDl4jMultiLayer} driven by a {@link ParameterAveragingTrainingMaster}.
 * Nothing distributed is written here; this class only deals the data into rounds, hands DL4J the
 * network with the options' optimizer and state ({@link Dl4jModels#toMultiLayerNetwork(Network, TrainingOptions)}),
 * and brings the parameters back.
 *
 * <pre>{@code
 * try (SparkTraining spark = SparkTraining.start(SparkOptions.of("local[2]").withBatchPerWorker(16))) {
 *     TrainingResult result = spark.fit(network, data, options);  // network's parameters now trained
 * }
 * }</pre>
 *
 * <p><b>What parameter averaging computes.</b> Each epoch visits the rows in the data's order (or the
 * options' shuffle, as {@link Network#fit} shuffles) and deals them into rounds of
 * {@code W·K} mini-batches of {@code B} rows ({@code W} workers, {@code K} the averaging frequency,
 * {@code B} the batch per worker): worker {@code w} takes the round's mini-batches {@code w·K … w·K + K − 1}.
 * Starting from the parameters {@code θ}, each worker takes {@code K} steps of the optimizer on its
 * own mini-batches, reaching {@code θ_w}; the round ends with the plain mean
 * <pre>{@code
 *     θ ← (1/W) · Σ_w θ_w        θ_w = step(… step(step(θ, b_{w,1}), b_{w,2}) …, b_{w,K})
 * }</pre>
 * and the same mean of the optimizer's state. So with one worker, or with {@code K = 1} and plain SGD
 * on equal splits (the mean of {@code θ − η·g_w} is {@code θ − η·} the mean gradient), it is exactly
 * single-machine training with batches of {@code W·B} rows; with {@code K > 1} it is not: each worker
 * walks {@code K} steps on its own rows before the walks are averaged. The last round of an epoch may
 * be short: its mini-batches go to as many workers as they fill (none more than {@code K}), and the
 * mean is over those.
 *
 * <p>The options' batch size is not used: each worker's mini-batch is {@link SparkOptions#batchPerWorker()}
 * rows, so a round steps on {@code W·B} rows. Validation data and early stopping are refused.
 *
 * <p>A {@code SparkTraining} holds one Spark context, for as many {@code fit} calls as wanted; close it
 * to stop Spark and remove its scratch directory (Spark's {@code spark.local.dir} and DL4J's export
 * directory). Spark logs through slf4j, never on standard output.
 */
public final class SparkTraining implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);
    /** How long a master has to answer, and then to give the application its first executor. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final long EXECUTOR_TIMEOUT_MILLIS = 120_000;

    private final SparkOptions options;
    private final Path scratch;
    private final JavaSparkContext context;
    /** Whether closing this stops the context: false for a {@link #with} view. */
    private final boolean owner;

    private SparkTraining(SparkOptions options, Path scratch, JavaSparkContext context, boolean owner) {
        this.options = options;
        this.scratch = scratch;
        this.context = context;
        this.owner = owner;
    }

    /**
     * Starts a Spark context on {@code options.master()}, and for a standalone master waits until it
     * has given the application an executor.
     *
     * @throws TrainingException naming the master's URL when it cannot be reached, or gives no executor,
     *     within bounded time ({@value #CONNECT_TIMEOUT_MILLIS} ms to answer, then {@value #EXECUTOR_TIMEOUT_MILLIS} ms)
     */
    public static SparkTraining start(SparkOptions options) {
        checkReachable(options.master());
        Path scratch;
        try {
            scratch = Files.createTempDirectory("backprop-spark");
        } catch (IOException e) {
            throw new TrainingException("spark: cannot create a scratch directory in " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage(), e);
        }
        SparkConf conf = new SparkConf()
                .setMaster(options.master())
                .setAppName("backprop")
                // Spark's shuffle and block files, and DL4J's exported batches, under one directory removed on close,
                // instead of /tmp/hadoop-$USER and /tmp/spark-* left behind.
                .set("spark.local.dir", scratch.resolve("local").toString())
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (options.master().startsWith("spark://127.0.0.1:") || options.master().startsWith("spark://localhost:")) {
            // Executors on a loopback cluster must reach the driver there, whatever the host name resolves to.
            conf.set("spark.driver.host", "127.0.0.1");
        }
        for (Map.Entry<String, String> e : options.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            delete(scratch);
            throw new TrainingException("spark master " + options.master() + ": cannot start a Spark context: " + e, e);
        }
        SparkTraining training = new SparkTraining(options, scratch, context, true);
        try {
            training.awaitExecutor();
        } catch (RuntimeException e) {
            training.close();
            throw e;
        }
        return training;
    }

    /**
     * Starts a context, trains {@code network} on {@code data} as {@link #fit(Network, DataSet, TrainingOptions)}
     * does, and stops it: the entry point {@code backprop train --spark} reaches by name, since this
     * module is not on the command's class path unless {@code --spark} is given. Null settings take
     * {@link SparkOptions#of}'s defaults. On a standalone master ({@code spark://}) the executors are
     * given this JVM's class path ({@code spark.executor.extraClassPath}), which holds where the
     * workers see the same files at the same paths: a cluster on this machine, or a shared install.
     *
     * @throws TrainingException naming the master's URL when it cannot be reached in bounded time
     */
    public static TrainingResult fitOnce(String master, Integer workers, Integer batchPerWorker,
                                         Integer averagingFrequency, Network network, DataSet data,
                                         TrainingOptions training) {
        checkDl4j(network);
        SparkOptions options = options(master, workers, batchPerWorker, averagingFrequency);
        try (SparkTraining spark = start(options)) {
            return spark.fit(network, data, training);
        }
    }

    /**
     * Starts a context, has Spark read the CSV rows at {@code path} ({@link SparkCsv}) and trains
     * {@code network} on them as {@link #fit(Network, SparkCsv.Rows, TrainingOptions)} does, then stops it:
     * {@code backprop train --spark}'s entry point for a data file, reached by name. The driver holds
     * no rows. {@code model}'s classes, when it names them, are the target column's class names;
     * otherwise a target column whose first row is no number holds class names, found by Spark and
     * sorted. {@code model}'s standardization, when it has one, scales the features; otherwise, with
     * {@code standardize}, Spark fits one in one pass. {@code onRead} is given the model with the
     * classes and standardization used and the count of rows, before the first epoch.
     *
     * @param features the feature columns' names, or empty for the first {@code inputs} columns
     * @param targets the target columns' names, or empty for the columns after the features
     * @throws TrainingException naming the master's URL when it cannot be reached in bounded time
     * @throws io.backprop.error.DataException naming the file, line and column of a field that cannot be read
     */
    public static TrainingResult fitOnce(String master, Integer workers, Integer batchPerWorker,
                                         Integer averagingFrequency, Network network, String path,
                                         List<String> features, List<String> targets, Model model,
                                         boolean standardize, TrainingOptions training,
                                         BiConsumer<Model, Long> onRead) {
        checkDl4j(network);
        checkSupported(training);
        SparkCsv csv = SparkCsv.of(path).withColumns(features, targets);
        csv = model.classes().isPresent() ? csv.withClasses(model.classes().get()) : csv.withClassesFoundIfNamed();
        if (model.standardization().isPresent()) {
            csv = csv.standardizedWith(model.standardization().get());
        } else if (standardize) {
            csv = csv.standardized();
        }
        try (SparkTraining spark = start(options(master, workers, batchPerWorker, averagingFrequency));
             SparkCsv.Rows rows = csv.read(spark, network.spec())) {
            onRead.accept(model.withClasses(rows.classes()).withStandardization(rows.standardization()), rows.count());
            return spark.fit(network, rows, training);
        }
    }

    private static SparkOptions options(String master, Integer workers, Integer batchPerWorker,
                                        Integer averagingFrequency) {
        SparkOptions options = SparkOptions.of(master);
        if (workers != null) {
            options = options.withWorkers(workers);
        }
        if (batchPerWorker != null) {
            options = options.withBatchPerWorker(batchPerWorker);
        }
        if (averagingFrequency != null) {
            options = options.withAveragingFrequency(averagingFrequency);
        }
        if (master.startsWith("spark://")) {
            options = options.with("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        return options;
    }

    /** The options this trains with. */
    public SparkOptions options() {
        return options;
    }

    /**
     * This Spark context training with other workers, batch, averaging frequency or prefetch: a
     * SparkContext takes seconds to start, and a JVM holds one. Closing the view leaves the context running.
     *
     * @throws TrainingException when {@code other} names another master or other Spark settings
     */
    public SparkTraining with(SparkOptions other) {
        if (!other.master().equals(options.master()) || !other.conf().equals(options.conf())) {
            throw new TrainingException("spark: found options for master " + other.master() + " with " + other.conf()
                    + "; expected this context's master " + options.master() + " with " + options.conf()
                    + " (start another SparkTraining for another master)");
        }
        return new SparkTraining(other, scratch, context, false);
    }

    /** The Spark context, for reading data with Spark ({@link SparkCsv}). */
    public JavaSparkContext context() {
        return context;
    }

    /**
     * Trains {@code network} on rows held in memory, as described in the class comment; the network's
     * parameters and training state are the trained ones afterwards, and the losses are the API's, over
     * every row, computed by the network itself after each epoch whose loss is asked for.
     *
     * @throws BackendException when the network is not of the {@code dl4j} backend
     * @throws TrainingException when the options ask for validation data or early stopping, which this does not do
     */
    public TrainingResult fit(Network network, DataSet data, TrainingOptions training) {
        checkDl4j(network);
        checkSupported(training);
        data.checkFits(network.spec(), true);
        int rows = data.rows();
        int batch = options.batchPerWorker();
        TrainingState before = network.trainingState();
        MultiLayerNetwork dl4j = Dl4jModels.toMultiLayerNetwork(network, training);
        ParameterAveragingTrainingMaster master = master(batch, RDDTrainingApproach.Direct,
                training.shuffleSeed().orElse(0));
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(context, dl4j, master);
        int[] order = identityOrder(rows);
        Random shuffle = null;
        if (training.shuffleSeed().isPresent()) {
            // The network's epochs so far were shuffled too: replay them, as Network.fit does.
            shuffle = new Random(training.shuffleSeed().getAsLong());
            for (int e = 0; e < before.epoch(); e++) {
                shuffle(order, shuffle);
            }
        }
        int batchesPerRound = options.workers() * options.averagingFrequency();
        Epochs epochs = new Epochs(network, training, before);
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            if (shuffle != null) {
                shuffle(order, shuffle);
            }
            List<org.nd4j.linalg.dataset.DataSet> batches = new ArrayList<>();
            for (int from = 0; from < rows; from += batch) {
                batches.add(batch(data, order, from, Math.min(rows, from + batch)));
            }
            for (int first = 0; first < batches.size(); first += batchesPerRound) {
                List<org.nd4j.linalg.dataset.DataSet> round =
                        batches.subList(first, Math.min(batches.size(), first + batchesPerRound));
                // Contiguous slices of at most K mini-batches: worker w takes the round's w-th K.
                int slices = (round.size() + options.averagingFrequency() - 1) / options.averagingFrequency();
                JavaRDD<org.nd4j.linalg.dataset.DataSet> rdd = context.parallelize(new ArrayList<>(round), slices);
                DataFailures.rethrown(() -> spark.fit(rdd));
            }
            epochs.stepsTaken += (batches.size() + batchesPerRound - 1) / batchesPerRound * (long) options.averagingFrequency();
            if (!epochs.after(epoch, spark.getNetwork(), () -> network.loss(data))) {
                break;
            }
        }
        return epochs.result();
    }

    /**
     * The same as {@link #fit(Network, DataSet, TrainingOptions)}, on rows Spark reads in parallel from
     * {@code data}'s path; the driver never holds them. {@link #fit(Network, SparkCsv.Rows, TrainingOptions)}
     * on {@link SparkCsv#read}, for a caller that keeps neither the standardization nor the class names.
     *
     * @throws BackendException when the network is not of the {@code dl4j} backend
     * @throws TrainingException when the options ask for validation data or early stopping
     * @throws io.backprop.error.DataException naming the file, column and line of a row that cannot be read
     */
    public TrainingResult fit(Network network, SparkCsv data, TrainingOptions training) {
        checkDl4j(network);
        checkSupported(training);
        try (SparkCsv.Rows rows = data.read(this, network.spec())) {
            return fit(network, rows, training);
        }
    }

    /**
     * Trains {@code network} on rows Spark has read ({@link SparkCsv#read}). DL4J deals them to the
     * workers each epoch (a balanced random split, seeded with the options' shuffle seed or 0, the rows
     * of each round staying in the partitions Spark read them into) rather than in the file's order, and the losses are computed by the workers with DL4J's own loss
     * functions (cross-entropy clipped as DL4J clips it).
     *
     * @throws BackendException when the network is not of the {@code dl4j} backend
     * @throws TrainingException when the options ask for validation data or early stopping
     * @throws io.backprop.error.DataException naming the file, column and line of a row that cannot be read
     */
    public TrainingResult fit(Network network, SparkCsv.Rows rows, TrainingOptions training) {
        checkDl4j(network);
        checkSupported(training);
        TrainingState before = network.trainingState();
        MultiLayerNetwork dl4j = Dl4jModels.toMultiLayerNetwork(network, training);
        // Direct, not DL4J's Export: Export writes mini-batches to a directory every worker and the driver must
        // see, and DL4J refuses it on a cluster whose default file system is the local one ("Export training
        // approach is not supported in the current environment"), a loopback cluster included.
        ParameterAveragingTrainingMaster master = master(1, RDDTrainingApproach.Direct,
                training.shuffleSeed().orElse(0));
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(context, dl4j, master);
        long perRound = (long) options.workers() * options.averagingFrequency() * options.batchPerWorker();
        // DL4J persists the RDD it trains on at a level of its own, and Spark refuses to change the level of
        // the rows' RDD (kept on disk past memory): DL4J is given a view of them.
        JavaRDD<org.nd4j.linalg.dataset.DataSet> view = rows.rdd().map(row -> row);
        Epochs epochs = new Epochs(network, training, before);
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            DataFailures.rethrown(() -> spark.fit(view));
            epochs.stepsTaken += (rows.count() + perRound - 1) / perRound * options.averagingFrequency();
            // DL4J's score adds the regularization's penalty; the API's loss is the data's alone.
            if (!epochs.after(epoch, spark.getNetwork(), () -> spark.calculateScore(view, true)
                    - spark.getNetwork().calcRegularizationScore(true))) {
                break;
            }
        }
        return epochs.result();
    }

    /** The epochs of one fit: losses, the listener, and the network brought up to date. */
    private static final class Epochs {
        private final Network network;
        private final TrainingOptions training;
        private final TrainingState before;
        private final List<Double> losses = new ArrayList<>();
        private final List<Double> penalties = new ArrayList<>();
        private int ran;
        private boolean stopped;
        long stepsTaken;

        Epochs(Network network, TrainingOptions training, TrainingState before) {
            this.network = network;
            this.training = training;
            this.before = before;
        }

        /** Brings the network up to date after {@code epoch}; false when the listener stops the run. */
        boolean after(int epoch, MultiLayerNetwork trained, DoubleSupplier loss) {
            ran = epoch;
            NetworkSpec spec = network.spec();
            Parameters parameters = Dl4jModels.fromMultiLayerNetwork(trained).parameters().orElseThrow();
            network.setParameters(parameters);
            TrainingState state = Dl4jModels.trainingState(trained, spec);
            // DL4J's workers count their own steps; the network counts the sequential steps of the run.
            network.setTrainingState(new TrainingState(state.optimizer(), before.iteration() + stepsTaken,
                    before.epoch() + epoch, state.state()));
            TrainingDecision decision;
            if (epoch % training.lossEvery() == 0) {
                double value = loss.getAsDouble();
                double penalty = training.regularization().penalty(parameters);
                losses.add(value);
                penalties.add(penalty);
                LOG.debug("epoch {}: loss {}", epoch, value);
                decision = training.listener().onEpoch(new EpochFigures(epoch, value, penalty, Double.NaN, Double.NaN));
            } else {
                decision = training.listener().onEpochWithoutLoss(epoch);
            }
            stopped = decision == TrainingDecision.STOP && epoch < training.epochs();
            return decision == TrainingDecision.CONTINUE;
        }

        TrainingResult result() {
            double[] values = losses.stream().mapToDouble(Double::doubleValue).toArray();
            double[] penalty = penalties.stream().mapToDouble(Double::doubleValue).toArray();
            return new TrainingResult(values, training.lossEvery(), ran, stopped, penalty, new double[0],
                    new double[0], ran);
        }
    }

    private ParameterAveragingTrainingMaster master(int rowsPerObject, RDDTrainingApproach approach, long seed) {
        return new ParameterAveragingTrainingMaster.Builder(options.workers(), rowsPerObject)
                .batchSizePerWorker(options.batchPerWorker())
                .averagingFrequency(options.averagingFrequency())
                .workerPrefetchNumBatches(options.prefetch())
                .saveUpdater(true)
                // The rows stay in the partitions they were dealt into: worker w trains on partition w.
                .repartionData(Repartition.Never)
                .rddTrainingApproach(approach)
                .exportDirectory(scratch.resolve("export").toUri().toString())
                .rngSeed(seed)
                .collectTrainingStats(false)
                .build();
    }

    /** One mini-batch of rows {@code order[from..to)} as DL4J's data set, in float64. */
    private static org.nd4j.linalg.dataset.DataSet batch(DataSet data, int[] order, int from, int to) {
        int rows = to - from;
        double[] features = new double[rows * data.featureCount()];
        double[] targets = new double[rows * data.targetCount()];
        data.copyFeatures(order, from, to, features);
        data.copyTargets(order, from, to, targets);
        return new org.nd4j.linalg.dataset.DataSet(
                Nd4j.create(features, new long[] {rows, data.featureCount()}, 'c'),
                Nd4j.create(targets, new long[] {rows, data.targetCount()}, 'c'));
    }

    static void checkDl4j(Network network) {
        if (!Dl4jBackend.NAME.equals(network.backend())) {
            throw new BackendException("spark: found a network of the backend \"" + network.backend()
                    + "\"; expected one of the \"" + Dl4jBackend.NAME + "\" backend, since Spark training runs DL4J's"
                    + " own MultiLayerNetwork on the workers: create the network with Backends.create(\""
                    + Dl4jBackend.NAME + "\", spec, network.parameters()) and train that one");
        }
    }

    private static void checkSupported(TrainingOptions training) {
        if (training.validation().isPresent() || training.patience() > 0) {
            throw new TrainingException("spark: found " + (training.patience() > 0 ? "early stopping" : "validation data")
                    + " in the training options; expected neither: Spark training computes the training loss only"
                    + " (compute a validation loss with network.loss after the run)");
        }
    }

    /** Fisher–Yates from the last position down, as the API's shuffle: the same seed gives the same batches. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static int[] identityOrder(int rows) {
        int[] order = new int[rows];
        Arrays.setAll(order, r -> r);
        return order;
    }

    /** A standalone master that does not answer fails here, in bounded time, rather than in Spark's retries. */
    private static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new TrainingException("spark master " + master + ": found no host:port in \"" + hostPort
                        + "\"; expected spark://host:port");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException e) {
                if (hostPort.equals(master.substring(master.lastIndexOf(',') + 1))
                        || !master.contains(",")) {
                    throw new TrainingException("spark master " + master + " cannot be reached: " + e.getMessage()
                            + "; expected a Spark master listening there");
                }
            }
        }
    }

    /**
     * Waits, bounded, until a standalone master has given this application an executor: on Spark's
     * own event for it, or at once when one came before the listener was added.
     */
    private void awaitExecutor() {
        if (!options.master().startsWith("spark://")) {
            return;
        }
        java.util.concurrent.CountDownLatch added = new java.util.concurrent.CountDownLatch(1);
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onExecutorAdded(org.apache.spark.scheduler.SparkListenerExecutorAdded event) {
                added.countDown();
            }
        };
        context.sc().addSparkListener(listener);
        try {
            // The driver is listed among the executors, so one more is the first worker's.
            boolean already = context.sc().statusTracker().getExecutorInfos().length >= 2;
            if (!already && !added.await(EXECUTOR_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new TrainingException("spark master " + options.master() + " gave no executor within "
                        + EXECUTOR_TIMEOUT_MILLIS / 1000 + " s; expected a worker with free cores and memory");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("spark master " + options.master() + ": interrupted waiting for an executor");
        } finally {
            context.sc().removeSparkListener(listener);
        }
    }

    /** Stops Spark and removes the scratch directory. */
    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try {
            context.stop();
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spark: cannot remove the scratch directory " + directory, e);
        }
    }
}
