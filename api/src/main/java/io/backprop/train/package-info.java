/**
 * How training runs, defined once for every backend: {@link io.backprop.train.TrainingOptions}
 * (learning rate, epochs, batch size, shuffling), the batch schedule, {@link
 * io.backprop.train.TrainingLoop} which drives a backend's steps in that schedule, the listeners
 * that can watch or stop it, and the {@link io.backprop.train.TrainingResult} it returns.
 */
package io.backprop.train;
