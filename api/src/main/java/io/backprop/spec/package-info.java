/**
 * What a network is: {@link io.backprop.spec.NetworkSpec}, its layers ({@link
 * io.backprop.spec.LayerSpec}) and loss, and the written definitions of every {@link
 * io.backprop.spec.Activation} and {@link io.backprop.spec.Loss} that all backends must compute the
 * same way.
 */
package io.backprop.spec;
