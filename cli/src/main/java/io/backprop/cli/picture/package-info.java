/**
 * The pictures the command draws (the network as a diagram, loss curves, the differences between
 * backends) and the formats it writes them in.
 */
package io.backprop.cli.picture;
