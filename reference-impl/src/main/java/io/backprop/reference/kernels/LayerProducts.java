package io.backprop.reference.kernels;

/**
 * The three hot products of a dense layer over a batch, as {@link MatrixKernels} defines them (same
 * arguments, same layouts): one implementation is chosen per JVM by {@link KernelChoice}, the plain
 * kernels of {@link MatrixKernels} or the Vector API ones of {@link VectorMatrixKernels}.
 */
public interface LayerProducts {
    /**
     * As {@link MatrixKernels#weightedSums}: {@code zT[j][r] = b[j] + Σ_i w[j][i]·xT[i][r]}.
     *
     * @param w the weights, {@code w[j][i]} from input {@code i} into neuron {@code j}
     * @param biases null for a layer without biases
     * @param xT the batch transposed, {@code xT[i][r]}
     * @param rows rows of the batch
     * @param inputs inputs of the layer
     * @param zT the weighted sums, transposed, written for neurons {@code [firstUnit, endUnit)}
     * @param firstUnit the first neuron computed
     * @param endUnit the neuron after the last one computed
     */
    void weightedSums(double[][] w, double[] biases, double[][] xT, int rows, int inputs, double[][] zT,
                      int firstUnit, int endUnit);

    /**
     * Whether {@link #weightedSumsOfRows} is the faster way to a layer's weighted sums (no transposes)
     * rather than {@link #weightedSums} between two transposes: true for the Vector API kernels, which
     * hold whole dot products in registers; false for the plain ones, whose compiler vectorizes no sum of
     * doubles, as it may not reorder it.
     *
     * @return whether the forward pass should use {@link #weightedSumsOfRows}
     */
    boolean sumsRowsInPlace();

    /**
     * The weighted sums in the batch's own layout, {@code z[r][j] = b[j] + Σ_i w[j][i]·x[r][i]}, for rows
     * {@code [0, rows)} and neurons {@code [firstUnit, endUnit)}; the other neurons' sums are left alone.
     *
     * @param w the weights, {@code w[j][i]} from input {@code i} into neuron {@code j}
     * @param biases null for a layer without biases
     * @param x the batch, {@code x[r][i]}
     * @param rows rows of the batch
     * @param inputs inputs of the layer
     * @param z the weighted sums, {@code z[r][j]}, written for neurons {@code [firstUnit, endUnit)}
     * @param firstUnit the first neuron computed
     * @param endUnit the neuron after the last one computed
     */
    void weightedSumsOfRows(double[][] w, double[] biases, double[][] x, int rows, int inputs, double[][] z,
                            int firstUnit, int endUnit);

    /**
     * As {@link MatrixKernels#inputGradients}: {@code dX[r][i] = Σ_j delta[r][j]·w[j][i]}.
     *
     * @param delta {@code ∂L/∂Z}, {@code delta[r][j]}
     * @param w the weights
     * @param units neurons of the layer
     * @param inputs inputs of the layer
     * @param dX {@code ∂L/∂X}, written for rows {@code [firstRow, endRow)}
     * @param firstRow the first row computed
     * @param endRow the row after the last one computed
     */
    void inputGradients(double[][] delta, double[][] w, int units, int inputs, double[][] dX, int firstRow,
                        int endRow);

    /**
     * As {@link MatrixKernels#weightGradients}: {@code dW[j][i] = Σ_r delta[r][j]·x[r][i]} (added when
     * {@code accumulate}), then, unless {@code learningRate} is 0, {@code w[j][i] −= learningRate·dW[j][i]}.
     *
     * @param delta {@code ∂L/∂Z}, {@code delta[r][j]}
     * @param x the layer's input, {@code x[r][i]}
     * @param rows rows of the batch
     * @param inputs inputs of the layer
     * @param dW the weight gradients, written for neurons {@code [firstUnit, endUnit)}
     * @param accumulate whether to add to {@code dW} rather than overwrite it
     * @param w the weights, updated when {@code learningRate} is not 0
     * @param learningRate the SGD step's rate, or 0 for no step
     * @param firstUnit the first neuron computed
     * @param endUnit the neuron after the last one computed
     */
    void weightGradients(double[][] delta, double[][] x, int rows, int inputs, double[][] dW, boolean accumulate,
                         double[][] w, double learningRate, int firstUnit, int endUnit);

    /**
     * Which kernels these are, for people: {@code plain}, or {@code vector} with the vector shape.
     *
     * @return a short name
     */
    String name();
}
