/**
 * The conformance kit: the cases every backend must pass, each with a stable id, checked against
 * the kit's own oracle (not against another backend); {@link
 * io.backprop.conformance.BackendConformanceSuite} runs them all for a backend with one class, and
 * {@link io.backprop.conformance.Capabilities} says what a backend declares it computes (a case that
 * needs more is skipped, saying what is missing).
 */
package io.backprop.conformance;
