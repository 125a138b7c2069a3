/**
 * The fast backend's numerics: cache-blocked, register-tiled matrix kernels the JIT vectorizes,
 * split over two threads when the work is large, and the per-row paths for small networks.
 */
package io.backprop.reference.kernels;
