package io.backprop.explain;

/**
 * One quantity of an optimizer's step for one weight or bias, such as Adam's {@code m}.
 *
 * @param name such as {@code g}, {@code m}, {@code v}, {@code α}, {@code v'} or {@code u}
 * @param formula how the optimizer defines it from a fresh state, such as {@code β1·0 + (1 − β1)·∂L/∂w1}
 * @param value its value, from {@link io.backprop.optimizer.Optimizer} and
 *     {@link io.backprop.optimizer.Regularization}
 */
public record StepTerm(String name, String formula, double value) {
}
