/**
 * JMH benchmarks of the backends against the raw engines they are built on and against the
 * machine's peak, reading CSV and model files in MB/s ({@link io.backprop.bench.CsvReadBenchmark},
 * {@link io.backprop.bench.ModelFileBenchmark}), and the report that turns one run into
 * {@code docs/performance.md}.
 */
package io.backprop.bench;
