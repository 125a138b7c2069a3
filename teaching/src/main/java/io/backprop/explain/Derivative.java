package io.backprop.explain;

/**
 * One partial derivative on the way back along the chain rule.
 *
 * @param name such as {@code ∂L/∂ŷ}, {@code ∂ŷ/∂h1} or {@code ∂h1/∂w1}
 * @param formula how it follows from the definitions, such as {@code w5 × sigmoid'(z_o1)}
 * @param value its value, from the backend's forward values and the definitions
 * @param asPrinted what a reader gets working from the printed numbers, as the article does: the
 *     formula on the values it depends on rounded to {@link Explanation#FIGURES} significant
 *     figures, then rounded likewise (the article's {@code ∂L/∂ŷ = −2 (1 − 0.524) = −0.952}, where
 *     the exact value is −0.95262…)
 */
public record Derivative(String name, String formula, double value, double asPrinted) {
}
