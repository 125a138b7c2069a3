package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * A sound backend that stores and computes everything in float32, as a GPU backend does, written
 * only to test the kit's float32 profile: its parameters are held as {@code float}, every input is
 * rounded to {@code float} and every sum, product and function is taken and rounded in
 * {@code float}. It keeps the digits near saturation as {@link io.backprop.spi.SaturatedOutputs}
 * does, in float32: {@code 1 − σ(z)} from {@code z}, a softmax's from its other outputs.
 */
final class Float32Backend implements Backend {
    /** An output above this (a tanh's below its negative) has its distance to ±1 taken from z. */
    private static final float NEAR_ONE = 1 - 0x1p-10f;

    @Override
    public String name() {
        return "float32-test";
    }

    @Override
    public String description() {
        return "the kit's own float32 test double";
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        return new Float32Network(spec, parameters);
    }

    private static final class Float32Network extends AbstractNetwork {
        private float[][][] w; // [layer][neuron][input]
        private float[][] b; // [layer][neuron], null for a layer without bias

        Float32Network(NetworkSpec spec, Parameters parameters) {
            super(spec);
            setParameters(parameters);
        }

        @Override
        public String backend() {
            return "float32-test";
        }

        @Override
        protected Network copyWith(Parameters parameters) {
            return new Float32Network(spec(), parameters);
        }

        @Override
        protected void setParametersChecked(Parameters parameters) {
            int depth = spec().depth();
            w = new float[depth][][];
            b = new float[depth][];
            for (int l = 0; l < depth; l++) {
                LayerParameters layer = parameters.layer(l);
                w[l] = new float[layer.units()][layer.inputs()];
                for (int j = 0; j < layer.units(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        w[l][j][i] = (float) layer.weight(j, i);
                    }
                }
                if (layer.hasBiases()) {
                    b[l] = new float[layer.units()];
                    for (int j = 0; j < layer.units(); j++) {
                        b[l][j] = (float) layer.bias(j);
                    }
                }
            }
        }

        @Override
        protected Parameters parametersChecked() {
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                double[][] rows = new double[w[l].length][w[l][0].length];
                for (int j = 0; j < rows.length; j++) {
                    for (int i = 0; i < rows[j].length; i++) {
                        rows[j][i] = w[l][j][i];
                    }
                }
                layers.add(LayerParameters.of(rows, b[l] == null ? null : widen(b[l])));
            }
            return Parameters.of(layers);
        }

        /** z and a of every layer for one row: [layer][0 = z, 1 = a][neuron]. */
        private float[][][] forward(double[] features) {
            float[][][] za = new float[w.length][][];
            float[] a = narrow(features);
            for (int l = 0; l < w.length; l++) {
                float[] z = new float[w[l].length];
                for (int j = 0; j < z.length; j++) {
                    float sum = b[l] == null ? 0 : b[l][j];
                    for (int i = 0; i < a.length; i++) {
                        sum += w[l][j][i] * a[i];
                    }
                    z[j] = sum;
                }
                a = activate(spec().layer(l).activation(), z);
                za[l] = new float[][] {z, a};
            }
            return za;
        }

        private static float[] activate(Activation activation, float[] z) {
            float[] a = new float[z.length];
            float top = Float.NEGATIVE_INFINITY;
            for (float v : z) {
                top = Math.max(top, v);
            }
            float sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = switch (activation) {
                    case SIGMOID -> sigmoid(z[j]);
                    case TANH -> (float) Math.tanh(z[j]);
                    case RELU -> Math.max(0, z[j]);
                    case IDENTITY -> z[j];
                    case SOFTMAX -> exp(z[j] - top);
                };
                sum += a[j];
            }
            if (activation == Activation.SOFTMAX) {
                for (int j = 0; j < a.length; j++) {
                    a[j] /= sum;
                }
            }
            return a;
        }

        @Override
        protected double[][] predictChecked(DataSet data) {
            double[][] out = new double[data.rows()][];
            for (int r = 0; r < data.rows(); r++) {
                float[][][] za = forward(data.featureRow(r));
                out[r] = widen(za[za.length - 1][1]);
            }
            return out;
        }

        @Override
        protected double lossChecked(DataSet data) {
            Activation output = spec().layer(spec().depth() - 1).activation();
            float sum = 0;
            for (int r = 0; r < data.rows(); r++) {
                float[][][] za = forward(data.featureRow(r));
                float[] z = za[za.length - 1][0];
                float[] a = za[za.length - 1][1];
                float[] y = narrow(data.targetRow(r));
                float row = 0;
                for (int k = 0; k < a.length; k++) {
                    if (spec().loss() != Loss.XENT) {
                        float e = error(output, z, a, y, k);
                        row += e * e;
                    } else if (output == Activation.SIGMOID) {
                        row += y[k] * softplus(-z[k]) + (1 - y[k]) * softplus(z[k]);
                    } else if (y[k] != 0) {
                        row -= y[k] * logSoftmax(z, k);
                    }
                }
                sum += spec().loss() == Loss.MSE ? row / a.length : row;
            }
            return spec().loss().averagesRows() ? sum / data.rows() : sum;
        }

        @Override
        protected Parameters gradientsChecked(DataSet batch) {
            int[] rows = new int[batch.rows()];
            java.util.Arrays.setAll(rows, r -> r);
            float[][][] gw = zerosLike(w);
            float[][] gb = zerosLike(b);
            accumulate(batch, rows, 0, rows.length, gw, gb);
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                double[][] rowsOf = new double[gw[l].length][];
                for (int j = 0; j < rowsOf.length; j++) {
                    rowsOf[j] = widen(gw[l][j]);
                }
                layers.add(LayerParameters.of(rowsOf, gb[l] == null ? null : widen(gb[l])));
            }
            return Parameters.of(layers);
        }

        @Override
        protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
            float[][][] gw = zerosLike(w);
            float[][] gb = zerosLike(b);
            accumulate(data, order, from, to, gw, gb);
            float rate = (float) learningRate;
            for (int l = 0; l < w.length; l++) {
                for (int j = 0; j < w[l].length; j++) {
                    for (int i = 0; i < w[l][j].length; i++) {
                        w[l][j][i] -= rate * gw[l][j][i];
                    }
                    if (b[l] != null) {
                        b[l][j] -= rate * gb[l][j];
                    }
                }
            }
        }

        /** Adds each row's ∂L/∂θ into gw, gb by backprop. */
        private void accumulate(DataSet data, int[] order, int from, int to, float[][][] gw, float[][] gb) {
            float scale = spec().loss().averagesRows() ? 1f / (to - from) : 1f;
            Activation output = spec().layer(spec().depth() - 1).activation();
            int last = w.length - 1;
            for (int k = from; k < to; k++) {
                double[] x = data.featureRow(order[k]);
                float[] y = narrow(data.targetRow(order[k]));
                float[][][] za = forward(x);
                float[] z = za[last][0];
                float[] a = za[last][1];
                float[] delta;
                if (spec().loss() == Loss.XENT) {
                    float ySum = 0;
                    for (float v : y) {
                        ySum += v;
                    }
                    delta = new float[a.length];
                    for (int j = 0; j < a.length; j++) {
                        delta[j] = output == Activation.SOFTMAX && ySum != 1 ? a[j] * ySum - y[j]
                                : error(output, z, a, y, j);
                    }
                } else {
                    float[] dLda = new float[a.length];
                    for (int j = 0; j < a.length; j++) {
                        dLda[j] = 2 * error(output, z, a, y, j) / (spec().loss() == Loss.MSE ? a.length : 1);
                    }
                    delta = backThroughActivation(last, za, dLda);
                }
                for (int l = last; l >= 0; l--) {
                    float[] input = l == 0 ? narrow(x) : za[l - 1][1];
                    for (int j = 0; j < delta.length; j++) {
                        for (int i = 0; i < input.length; i++) {
                            gw[l][j][i] += scale * delta[j] * input[i];
                        }
                        if (gb[l] != null) {
                            gb[l][j] += scale * delta[j];
                        }
                    }
                    if (l > 0) {
                        float[] dLda = new float[input.length];
                        for (int i = 0; i < input.length; i++) {
                            for (int j = 0; j < delta.length; j++) {
                                dLda[i] += w[l][j][i] * delta[j];
                            }
                        }
                        delta = backThroughActivation(l - 1, za, dLda);
                    }
                }
            }
        }

        private float[] backThroughActivation(int l, float[][][] za, float[] dLda) {
            float[] z = za[l][0];
            float[] a = za[l][1];
            float[] dLdz = new float[a.length];
            Activation activation = spec().layer(l).activation();
            if (activation == Activation.SOFTMAX) {
                softmaxBackward(a, dLda, dLdz);
                return dLdz;
            }
            for (int j = 0; j < a.length; j++) {
                dLdz[j] = dLda[j] * switch (activation) {
                    case SIGMOID -> a[j] * sigmoidComplement(z[j], a[j]);
                    case TANH -> Math.abs(a[j]) > NEAR_ONE ? tanhComplement(z[j]) * (1 + Math.abs(a[j]))
                            : 1 - a[j] * a[j];
                    case RELU -> z[j] > 0 ? 1 : 0;
                    case IDENTITY, SOFTMAX -> 1;
                };
            }
            return dLdz;
        }

        /** {@code ŷ_j − y_j}, with {@code 1 − ŷ_j} of an output near ±1 taken without cancelling. */
        private static float error(Activation output, float[] z, float[] a, float[] y, int j) {
            switch (output) {
                case SIGMOID:
                    return a[j] > NEAR_ONE ? (1 - y[j]) - sigmoidComplement(z[j], a[j]) : a[j] - y[j];
                case TANH:
                    if (a[j] > NEAR_ONE) {
                        return (1 - y[j]) - tanhComplement(z[j]);
                    }
                    return a[j] < -NEAR_ONE ? tanhComplement(z[j]) - (1 + y[j]) : a[j] - y[j];
                case SOFTMAX:
                    if (a[j] > NEAR_ONE) {
                        float others = 0;
                        for (int k = 0; k < a.length; k++) {
                            others += k == j ? 0 : a[k];
                        }
                        return (1 - y[j]) - others;
                    }
                    return a[j] - y[j];
                default:
                    return a[j] - y[j];
            }
        }

        /** {@code ∂L/∂z_j = a_j (∂L/∂a_j − Σ a_k ∂L/∂a_k)}, rearranged for an output near 1. */
        private static void softmaxBackward(float[] a, float[] dLda, float[] dLdz) {
            int dominant = -1;
            float dot = 0;
            for (int k = 0; k < a.length; k++) {
                dot += a[k] * dLda[k];
                if (a[k] > NEAR_ONE) {
                    dominant = k;
                }
            }
            for (int j = 0; j < a.length; j++) {
                dLdz[j] = a[j] * (dLda[j] - dot);
            }
            if (dominant >= 0) {
                float slope = 0;
                for (int k = 0; k < a.length; k++) {
                    if (k != dominant) {
                        slope += a[k] * (dLda[dominant] - dLda[k]);
                    }
                }
                dLdz[dominant] = a[dominant] * slope;
            }
        }

        private static float sigmoid(float z) {
            if (z >= 0) {
                return 1 / (1 + exp(-z));
            }
            float e = exp(z);
            return e / (1 + e);
        }

        private static float sigmoidComplement(float z, float a) {
            return a > NEAR_ONE ? 1 / (1 + exp(z)) : 1 - a;
        }

        private static float tanhComplement(float z) {
            return 2 / (exp(2 * Math.abs(z)) + 1);
        }

        private static float softplus(float x) {
            return Math.max(x, 0) + (float) Math.log1p(exp(-Math.abs(x)));
        }

        private static float logSoftmax(float[] z, int j) {
            int top = 0;
            for (int k = 1; k < z.length; k++) {
                top = z[k] > z[top] ? k : top;
            }
            float others = 0;
            for (int k = 0; k < z.length; k++) {
                others += k == top ? 0 : exp(z[k] - z[top]);
            }
            return (z[j] - z[top]) - (float) Math.log1p(others);
        }

        private static float exp(float x) {
            return (float) Math.exp(x);
        }

        private static float[] narrow(double[] values) {
            float[] narrow = new float[values.length];
            for (int k = 0; k < values.length; k++) {
                narrow[k] = (float) values[k];
            }
            return narrow;
        }

        private static double[] widen(float[] values) {
            double[] wide = new double[values.length];
            for (int k = 0; k < values.length; k++) {
                wide[k] = values[k];
            }
            return wide;
        }

        private static float[][][] zerosLike(float[][][] w) {
            float[][][] zeros = new float[w.length][][];
            for (int l = 0; l < w.length; l++) {
                zeros[l] = new float[w[l].length][w[l][0].length];
            }
            return zeros;
        }

        private static float[][] zerosLike(float[][] b) {
            float[][] zeros = new float[b.length][];
            for (int l = 0; l < b.length; l++) {
                zeros[l] = b[l] == null ? null : new float[b[l].length];
            }
            return zeros;
        }
    }
}
