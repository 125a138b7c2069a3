package io.backprop.spark;

import io.backprop.error.TrainingException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and how a {@link SparkTraining} runs: the Spark master, how many workers train side by side,
 * and DL4J's parameter averaging settings.
 *
 * @param master Spark's master URL: {@code local[N]} on this machine, {@code spark://host:port} for a standalone cluster
 * @param workers how many workers train side by side: the number of partitions each round of data is
 *     dealt into, each trained by one Spark task, whose parameters are then averaged
 * @param batchPerWorker rows in each worker's mini-batch
 * @param averagingFrequency how many mini-batches each worker fits between two averagings ({@code K})
 * @param prefetch mini-batches each worker prepares ahead on a second thread (0 for none)
 * @param conf further Spark settings ({@code spark.executor.memory}, {@code spark.executor.extraClassPath}, …)
 */
public record SparkOptions(String master, int workers, int batchPerWorker, int averagingFrequency, int prefetch,
                           Map<String, String> conf) {
    /**
     * @throws TrainingException naming the setting out of range
     */
    public SparkOptions {
        if (master == null || master.isBlank()) {
            throw new TrainingException("spark master: found \"" + master + "\"; expected local[N] or spark://host:port");
        }
        positive("workers", workers);
        positive("batch per worker", batchPerWorker);
        positive("averaging frequency", averagingFrequency);
        if (prefetch < 0) {
            throw new TrainingException("prefetch: found " + prefetch + "; expected 0 or more mini-batches");
        }
        conf = Map.copyOf(conf);
    }

    /** {@code master} with one worker per core of {@code local[N]} (else 2), batches of 32 per worker, averaging every step, no prefetch. */
    public static SparkOptions of(String master) {
        return new SparkOptions(master, localThreads(master), 32, 1, 0, Map.of());
    }

    /** These options with {@code workers} workers. */
    public SparkOptions withWorkers(int count) {
        return new SparkOptions(master, count, batchPerWorker, averagingFrequency, prefetch, conf);
    }

    /** These options with {@code rows} rows per worker's mini-batch. */
    public SparkOptions withBatchPerWorker(int rows) {
        return new SparkOptions(master, workers, rows, averagingFrequency, prefetch, conf);
    }

    /** These options averaging every {@code steps} mini-batches. */
    public SparkOptions withAveragingFrequency(int steps) {
        return new SparkOptions(master, workers, batchPerWorker, steps, prefetch, conf);
    }

    /** These options with {@code batches} mini-batches prepared ahead by each worker. */
    public SparkOptions withPrefetch(int batches) {
        return new SparkOptions(master, workers, batchPerWorker, averagingFrequency, batches, conf);
    }

    /** These options with one more Spark setting. */
    public SparkOptions with(String key, String value) {
        Map<String, String> more = new TreeMap<>(conf);
        more.put(key, value);
        return new SparkOptions(master, workers, batchPerWorker, averagingFrequency, prefetch, more);
    }

    /** The {@code N} of {@code local[N]}; 2 for any other master. */
    private static int localThreads(String master) {
        if (master != null && master.matches("local\\[[1-9][0-9]*]")) {
            return Integer.parseInt(master.substring(6, master.length() - 1));
        }
        return 2;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new TrainingException(name + ": found " + value + "; expected 1 or more");
        }
    }
}
