/**
 * Weights and biases: {@link io.backprop.params.Parameters} and {@link
 * io.backprop.params.LayerParameters} in the API's layout ({@code weight(j, i)} from input {@code
 * i} into unit {@code j}), and the initialisers that draw them from a seed.
 */
package io.backprop.params;
