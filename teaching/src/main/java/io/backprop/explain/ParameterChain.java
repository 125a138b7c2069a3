package io.backprop.explain;

import java.util.List;

/**
 * One weight or bias: the chain of partial derivatives whose product is {@code ∂L/∂θ}, next to the
 * backend's own gradient.
 *
 * @param layer the index of the layer the parameter belongs to, 0 for the first
 * @param name such as {@code w1} or {@code b3}
 * @param value the parameter's value
 * @param gradient the backend's {@code ∂L/∂θ}, from {@link io.backprop.Network#gradients}
 * @param chain the names of the factors, such as {@code [∂L/∂ŷ, ∂ŷ/∂h1, ∂h1/∂w1]}
 * @param factors their values, in the same order
 * @param printedFactors their values as printed ({@link Derivative#asPrinted()})
 */
public record ParameterChain(int layer, String name, double value, double gradient, List<String> chain,
                             List<Double> factors, List<Double> printedFactors) {
    public ParameterChain {
        chain = List.copyOf(chain);
        factors = List.copyOf(factors);
        printedFactors = List.copyOf(printedFactors);
    }

    /** The product of the factors: the chain rule's {@code ∂L/∂θ}. */
    public double product() {
        return product(factors);
    }

    /**
     * The product of the factors as printed, as a reader multiplying the printed numbers gets it:
     * the article's 0.0214 for {@code w1}, where the exact product is 0.021469….
     */
    public double productAsPrinted() {
        return product(printedFactors);
    }

    private static double product(List<Double> factors) {
        double product = 1;
        for (double factor : factors) {
            product *= factor;
        }
        return product;
    }
}
