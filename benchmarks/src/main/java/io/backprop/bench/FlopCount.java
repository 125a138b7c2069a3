package io.backprop.bench;

/**
 * The float64 operations in one op of each benchmark, counted as multiply-adds × 2 in the matrix
 * products and 2 per parameter in the update; activations, softmax and the loss are left out (they
 * grow with B·H, not B·I·H). For an I-H-O MLP on a batch of B rows:
 * <ul>
 *   <li>feedforward {@code F = 2·B·(I·H + H·O)};</li>
 *   <li>backprop about {@code 2·F} (the gradient of each weight matrix and of each layer's input;
 *       the first layer's input gradient is not needed, counted anyway as DL4J computes it);</li>
 *   <li>the SGD update {@code 2·P}, {@code P = I·H + H + H·O + O} weights and biases ({@code θ − η·g}).</li>
 * </ul>
 * A training step is {@code 3·F + 2·P}; inference is {@code F}. {@link #trainingStepWithoutInputGradient}
 * is the work a training step cannot do without, which is what {@code reference} performs.
 */
final class FlopCount {
    private FlopCount() {
    }

    static double feedforward(int inputs, int hidden, int outputs, int batch) {
        return 2.0 * batch * ((double) inputs * hidden + (double) hidden * outputs);
    }

    static double trainingStep(int inputs, int hidden, int outputs, int batch) {
        double parameters = (double) inputs * hidden + hidden + (double) hidden * outputs + outputs;
        return 3 * feedforward(inputs, hidden, outputs, batch) + 2 * parameters;
    }

    /**
     * {@link #trainingStep} less the first layer's input gradient {@code 2·B·I·H}, which no update
     * needs: {@code 2·F + 2·B·H·O + 2·P}.
     */
    static double trainingStepWithoutInputGradient(int inputs, int hidden, int outputs, int batch) {
        return trainingStep(inputs, hidden, outputs, batch) - 2.0 * batch * inputs * hidden;
    }
}
