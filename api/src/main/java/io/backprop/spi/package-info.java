/**
 * The service-provider interface a backend implements: {@link io.backprop.spi.Backend} (registered
 * for {@link java.util.ServiceLoader}), {@link io.backprop.spi.AbstractNetwork}, which does the
 * checking and the training loop so a backend only computes, and {@link
 * io.backprop.spi.SaturatedOutputs}, the exact loss and output gradient where a sigmoid or softmax
 * output rounds to 0 or 1. This package is a published contract: names move only with the old ones
 * kept, deprecated.
 */
package io.backprop.spi;
