/**
 * JMH benchmarks of the backends against the raw engines they are built on and against the
 * machine's peak, and the report that turns one run into {@code docs/performance.md}.
 */
package io.backprop.bench;
