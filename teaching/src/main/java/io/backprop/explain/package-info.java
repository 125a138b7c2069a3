/**
 * Explain: the chain rule worked out for one row on any network, every factor of every parameter's
 * gradient with its value and formula, next to the backend's own gradient, so a learner sees the
 * article's derivation on their own network.
 */
package io.backprop.explain;
