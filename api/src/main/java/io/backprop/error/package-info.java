/**
 * The typed errors of the API: one root, {@link io.backprop.error.BackpropException}, and a child
 * for each kind of bad input or failure (spec, data, model file, backend, training), each message
 * naming where (file, line, column or field), what was found and what was expected; with the small
 * helpers that quote found text and I/O failures the same way everywhere.
 */
package io.backprop.error;
