/**
 * The entry points a user starts from: {@link io.backprop.Network}, the backend-neutral feedforward
 * network every backend implements; {@link io.backprop.Backends}, which finds the backends on the
 * class path through {@link java.util.ServiceLoader}; and {@link io.backprop.BackendChoice}, the
 * rules by which configuration (an explicit name, a system property, an environment variable, a
 * {@code backprop.properties}) chooses one.
 */
package io.backprop;
