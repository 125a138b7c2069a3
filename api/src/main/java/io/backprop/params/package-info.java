/**
 * Weights and biases: {@link io.backprop.params.Parameters} and {@link
 * io.backprop.params.LayerParameters} in the API's layout ({@code weight(j, i)} from input {@code
 * i} into unit {@code j}), the initialisers that draw them from a seed, and {@link
 * io.backprop.params.ParameterNames}, the names {@code w1, w2, …, b1, …} every tool prints them by.
 */
package io.backprop.params;
