package io.backprop.spark;

/**
 * One {@code local[2]} Spark context for every test class of the module that runs in this JVM: a
 * context takes seconds to start, and Spark allows one per JVM. Stopped when the JVM ends.
 */
final class LocalSpark {
    private static SparkTraining shared;

    private LocalSpark() {
    }

    /** The shared context, training with {@code options} (whose master must be local[2]). */
    static synchronized SparkTraining with(SparkOptions options) {
        if (shared == null) {
            shared = SparkTraining.start(SparkOptions.of("local[2]"));
            SparkTraining started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-spark-stop"));
        }
        return shared.with(options);
    }
}
