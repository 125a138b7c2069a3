package io.backprop.reference.kernels;

/** {@link MatrixKernels}' products as {@link LayerProducts}: the fallback, and the choice on JDK 17. */
final class PlainLayerProducts implements LayerProducts {
    @Override
    public void weightedSums(double[][] w, double[] biases, double[][] xT, int rows, int inputs, double[][] zT,
                             int firstUnit, int endUnit) {
        MatrixKernels.weightedSums(w, biases, xT, rows, inputs, zT, firstUnit, endUnit);
    }

    @Override
    public boolean sumsRowsInPlace() {
        return false;
    }

    @Override
    public void weightedSumsOfRows(double[][] w, double[] biases, double[][] x, int rows, int inputs, double[][] z,
                                   int firstUnit, int endUnit) {
        for (int r = 0; r < rows; r++) {
            for (int j = firstUnit; j < endUnit; j++) {
                z[r][j] = MatrixKernels.weightedSum(w[j], biases, j, x[r], inputs);
            }
        }
    }

    @Override
    public void inputGradients(double[][] delta, double[][] w, int units, int inputs, double[][] dX, int firstRow,
                               int endRow) {
        MatrixKernels.inputGradients(delta, w, units, inputs, dX, firstRow, endRow);
    }

    @Override
    public void weightGradients(double[][] delta, double[][] x, int rows, int inputs, double[][] dW,
                                boolean accumulate, double[][] w, double learningRate, int firstUnit, int endUnit) {
        MatrixKernels.weightGradients(delta, x, rows, inputs, dW, accumulate, w, learningRate, firstUnit, endUnit);
    }

    @Override
    public String name() {
        return "plain";
    }
}
