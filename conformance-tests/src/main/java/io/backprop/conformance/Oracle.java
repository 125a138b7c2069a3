package io.backprop.conformance;

import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;

/**
 * The kit's own second implementation of the API's definitions, written for obviousness, not
 * speed: the forward pass and the loss, straight from their formulas. Gradients come from central
 * finite differences of its loss, so no backprop code is shared with any backend; its closed-form
 * gradients and SGD are {@link OracleBackprop} and {@link OracleTraining}, held to these differences.
 */
final class Oracle {
    private Oracle() {
    }

    /** The outputs of every row. */
    static double[][] outputs(NetworkSpec spec, Parameters parameters, DataSet data) {
        double[][] outputs = new double[data.rows()][];
        for (int r = 0; r < data.rows(); r++) {
            outputs[r] = forward(spec, parameters, data.featureRow(r))[1];
        }
        return outputs;
    }

    /** The loss of {@code data} as one batch, as {@link Loss} defines it. */
    static double loss(NetworkSpec spec, Parameters parameters, DataSet data) {
        double sum = 0;
        for (int r = 0; r < data.rows(); r++) {
            double[][] zAndA = forward(spec, parameters, data.featureRow(r));
            sum += rowLoss(spec, zAndA[0], zAndA[1], data.targetRow(r));
        }
        return spec.loss().averagesRows() ? sum / data.rows() : sum;
    }

    /**
     * Central finite differences of {@link #loss} for every weight and bias, on the five-point
     * stencil {@code (−L(θ+2k) + 8L(θ+k) − 8L(θ−k) + L(θ−2k)) / 12k}: its truncation error is of
     * order {@code k⁴} rather than {@code k²}, so a step large enough to keep rounding noise small
     * (about {@code ε·|L|/k}) is still exact enough for strongly curved losses.
     */
    static Parameters numericalGradients(NetworkSpec spec, Parameters parameters, DataSet data, double k) {
        Parameters result = parameters;
        for (int l = 0; l < spec.depth(); l++) {
            LayerParameters layer = parameters.layer(l);
            LayerParameters numeric = layer;
            int layerIndex = l;
            for (int j = 0; j < layer.units(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    int jj = j;
                    int ii = i;
                    double w = layer.weight(j, i);
                    numeric = numeric.withWeight(j, i, stencil(k, step -> loss(spec,
                            parameters.withLayer(layerIndex, layer.withWeight(jj, ii, w + step)), data)));
                }
                if (layer.hasBiases()) {
                    int jj = j;
                    double b = layer.bias(j);
                    numeric = numeric.withBias(j, stencil(k, step -> loss(spec,
                            parameters.withLayer(layerIndex, layer.withBias(jj, b + step)), data)));
                }
            }
            result = result.withLayer(l, numeric);
        }
        return result;
    }

    private static double stencil(double k, java.util.function.DoubleUnaryOperator lossAt) {
        return (-lossAt.applyAsDouble(2 * k) + 8 * lossAt.applyAsDouble(k) - 8 * lossAt.applyAsDouble(-k)
                + lossAt.applyAsDouble(-2 * k)) / (12 * k);
    }

    /** The smallest {@code |z|} any relu neuron sees over the rows: how close the data comes to relu's kink. */
    static double closestToKink(NetworkSpec spec, Parameters parameters, DataSet data) {
        double closest = Double.POSITIVE_INFINITY;
        for (int r = 0; r < data.rows(); r++) {
            double[] a = data.featureRow(r);
            for (int l = 0; l < spec.depth(); l++) {
                double[] z = weightedSums(parameters.layer(l), a);
                if (spec.layer(l).activation() == Activation.RELU) {
                    for (double v : z) {
                        closest = Math.min(closest, Math.abs(v));
                    }
                }
                a = activate(spec.layer(l).activation(), z);
            }
        }
        return closest;
    }

    static double[] weightedSums(LayerParameters layer, double[] a) {
        double[] z = new double[layer.units()];
        for (int j = 0; j < layer.units(); j++) {
            double sum = layer.hasBiases() ? layer.bias(j) : 0;
            for (int i = 0; i < layer.inputs(); i++) {
                sum += layer.weight(j, i) * a[i];
            }
            z[j] = sum;
        }
        return z;
    }

    /** The output layer's weighted sums {@code z} and outputs {@code a} for one row. */
    private static double[][] forward(NetworkSpec spec, Parameters parameters, double[] x) {
        double[] a = x;
        double[] z = null;
        for (int l = 0; l < spec.depth(); l++) {
            z = weightedSums(parameters.layer(l), a);
            a = activate(spec.layer(l).activation(), z);
        }
        return new double[][] {z, a};
    }

    static double[] activate(Activation activation, double[] z) {
        double[] a = new double[z.length];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            a[j] = switch (activation) {
                case SIGMOID -> 1 / (1 + Math.exp(-z[j]));
                case TANH -> Math.tanh(z[j]);
                case RELU -> Math.max(0, z[j]);
                case IDENTITY -> z[j];
                case SOFTMAX -> Math.exp(z[j] - max);
            };
            sum += a[j];
        }
        if (activation == Activation.SOFTMAX) {
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
        }
        return a;
    }

    /** One row's loss; cross-entropy from {@code z}, so that saturated outputs stay finite. */
    private static double rowLoss(NetworkSpec spec, double[] z, double[] a, double[] y) {
        int k = a.length;
        double sum = 0;
        Activation output = spec.layer(spec.depth() - 1).activation();
        for (int j = 0; j < k; j++) {
            if (spec.loss() == Loss.XENT) {
                if (output == Activation.SIGMOID) {
                    sum += y[j] * softplus(-z[j]) + (1 - y[j]) * softplus(z[j]);
                } else if (y[j] != 0) {
                    sum -= y[j] * logSoftmax(z, j);
                }
            } else {
                sum += (y[j] - a[j]) * (y[j] - a[j]);
            }
        }
        return spec.loss() == Loss.MSE ? sum / k : sum;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double logSoftmax(double[] z, int j) {
        int top = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[top]) {
                top = k;
            }
        }
        double others = 0;
        for (int k = 0; k < z.length; k++) {
            if (k != top) {
                others += Math.exp(z[k] - z[top]);
            }
        }
        return z[j] - z[top] - Math.log1p(others);
    }
}
