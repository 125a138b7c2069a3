/**
 * JMH benchmarks of the backends against the raw engines they are built on and against the
 * machine's peak, and the report that turns one run into {@code docs/performance.md}; beside them,
 * {@link io.backprop.bench.ModelFileBenchmark}, reading and writing the model file in MB/s.
 */
package io.backprop.bench;
