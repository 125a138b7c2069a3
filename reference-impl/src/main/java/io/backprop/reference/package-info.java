/**
 * The {@code reference} backend, the default: pure Java, float64, whole batches at once through the
 * kernels of {@link io.backprop.reference.kernels}, allocating nothing in a training step.
 */
package io.backprop.reference;
