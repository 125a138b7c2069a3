package io.backprop.bench;

import java.util.Map;

/**
 * One benchmark's result from a JMH JSON file, its time in nanoseconds whatever unit JMH wrote.
 *
 * @param benchmarkClass the benchmark's class, such as {@code MlpBenchmark}
 * @param method the benchmark method, such as {@code trainReference}
 * @param params JMH's {@code @Param} values, by name
 * @param threads the threads that ran it at once; the time is per op of one thread
 * @param nanosPerOp the average time of one op
 * @param errorNanos JMH's 99.9% half-interval, NaN when it could not compute one (a single iteration)
 * @param bytesPerOp {@code gc.alloc.rate.norm} when the gc profiler ran, else NaN
 * @param settings forks, warm-up and measurement iterations, as {@code 1 fork, 3 × 1 s warm-up, 5 × 1 s}
 * @param rates the benchmark's own counters ({@code @AuxCounters}) per second, by name, when it ran in
 *     throughput mode: such as {@code bytes}, the bytes read per second
 */
record JmhResult(String benchmarkClass, String method, Map<String, String> params, int threads, double nanosPerOp,
                 double errorNanos, double bytesPerOp,
                 String settings, Map<String, Rate> rates) {

    /**
     * A counter's rate over the measured iterations.
     *
     * @param perSecond the mean count per second
     * @param error JMH's 99.9% half-interval, NaN when it could not compute one
     */
    record Rate(double perSecond, double error) {
    }

    /** The counter's rate, when the benchmark counts it. */
    java.util.Optional<Rate> rate(String counter) {
        return java.util.Optional.ofNullable(rates.get(counter));
    }

    int intParam(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException(benchmarkClass + "." + method + ": no @Param " + name);
        }
        return Integer.parseInt(value);
    }

    boolean is(String benchmarkClass, String method) {
        return this.benchmarkClass.equals(benchmarkClass) && this.method.equals(method);
    }
}
