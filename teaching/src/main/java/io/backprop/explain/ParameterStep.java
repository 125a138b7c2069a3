package io.backprop.explain;

import java.util.List;

/**
 * One weight or bias through one step of an optimizer: the quantities the optimizer computes on the
 * way, the new value by the API's definition, and the value the backend itself gives.
 *
 * @param name such as {@code w1} or {@code b3}
 * @param value the value before the step
 * @param terms the optimizer's quantities, in the order it computes them, ending with the update
 *     {@code u} where it has one apart from {@code η·g}
 * @param formula the new value in symbols, such as {@code w1 − η·∂L/∂w1} or {@code w1 − u}
 * @param updated the new value by the definitions in {@link io.backprop.optimizer}
 * @param backend the value after the backend's own step: one {@code fit} epoch of batch size 1 on the row
 */
public record ParameterStep(String name, double value, List<StepTerm> terms, String formula, double updated,
                            double backend) {
    public ParameterStep {
        terms = List.copyOf(terms);
    }
}
