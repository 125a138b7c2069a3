/**
 * Comparing backends with each other, and the project's one table of float64 tolerances ({@link
 * io.backprop.conformance.comparison.Tolerances}), each with its reason: the kit's cases, {@code
 * backprop check} and the backends' agreement tests all use it. It touches no JUnit type, so the
 * command uses it without JUnit on its class path.
 */
package io.backprop.conformance.comparison;
