/**
 * The {@code pytorch} backend: the API computed by PyTorch's CPU kernels through DJL, in float64,
 * with the output layer's loss and {@code ∂L/∂z} taken in Java from the weighted sums where
 * saturation would otherwise cost digits, and every slope taken from {@code z}.
 */
package io.backprop.pytorch;
