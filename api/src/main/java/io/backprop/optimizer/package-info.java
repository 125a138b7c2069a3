/**
 * How a step turns a gradient into new parameters, defined once for every backend:
 * {@link io.backprop.optimizer.Optimizer} (SGD, Nesterov momentum, Adam, RMSProp, AdaGrad, each as
 * Deeplearning4j 1.0.0-M2.1 computes it), {@link io.backprop.optimizer.Regularization} (L2 and weight
 * decay), {@link io.backprop.optimizer.LearningRateSchedule}, and the optimizer's state a network keeps
 * between runs, {@link io.backprop.optimizer.TrainingState}, in the parameters' layout.
 *
 * <p>One step, for each weight or bias {@code θ} with gradient {@code g} of the batch's loss (averaged
 * over the rows where the loss averages them), learning rate {@code η} from the schedule at this
 * iteration and epoch:
 * <ol>
 *   <li>{@code g ← g + λ₂·θ} (L2, {@link Regularization#l2()}),</li>
 *   <li>{@code u ← optimizer(g)}, advancing the optimizer's state,</li>
 *   <li>{@code u ← u + λ_wd·η·θ} (weight decay, {@link Regularization#weightDecay()}; without {@code η}
 *       when it is not applied with the learning rate),</li>
 *   <li>{@code θ ← θ − u}.</li>
 * </ol>
 */
package io.backprop.optimizer;
