/**
 * Model files: {@link io.backprop.model.Model}, what a file holds (spec, parameters, and optionally
 * class names and the standardization of the inputs), and {@link io.backprop.model.ModelFile},
 * which reads and writes it as JSON with limits on what it will read, and writes every file
 * atomically through {@link io.backprop.model.AtomicFile}. Class names and standardization live
 * here because they are part of a saved model; computing them from a CSV belongs to the data
 * module.
 */
package io.backprop.model;
