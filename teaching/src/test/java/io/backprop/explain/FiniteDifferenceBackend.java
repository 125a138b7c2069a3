package io.backprop.explain;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.spi.Backend;

/**
 * A test backend that shares no code with the chain rule: a plain feedforward pass, the loss
 * written out from its definition, and gradients by central finite differences of that loss.
 */
final class FiniteDifferenceBackend implements Backend {
    @Override
    public String name() {
        return "finite-differences";
    }

    @Override
    public String description() {
        return "feedforward in plain loops; gradients by central differences";
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        return new Net(spec, parameters.checkFits(spec));
    }

    private static final class Net extends AbstractNetwork {
        private Parameters parameters;

        Net(NetworkSpec spec, Parameters parameters) {
            super(spec);
            this.parameters = parameters;
        }

        @Override
        public String backend() {
            return "finite-differences";
        }

        @Override
        public Parameters parameters() {
            return parameters;
        }

        @Override
        protected double[][] predictChecked(DataSet data) {
            double[][] outputs = new double[data.rows()][];
            for (int r = 0; r < data.rows(); r++) {
                outputs[r] = forward(parameters, data.featureRow(r));
            }
            return outputs;
        }

        private double[] forward(Parameters p, double[] x) {
            double[] a = x;
            for (int l = 0; l < spec().depth(); l++) {
                LayerParameters layer = p.layer(l);
                double[] z = new double[layer.units()];
                for (int j = 0; j < z.length; j++) {
                    z[j] = layer.hasBiases() ? layer.bias(j) : 0;
                    for (int i = 0; i < a.length; i++) {
                        z[j] += layer.weight(j, i) * a[i];
                    }
                }
                a = activate(spec().layer(l).activation(), z);
            }
            return a;
        }

        private static double[] activate(Activation f, double[] z) {
            double[] a = new double[z.length];
            double total = 0;
            for (double v : z) {
                total += Math.exp(v);
            }
            for (int j = 0; j < z.length; j++) {
                a[j] = switch (f) {
                    case SIGMOID -> 1 / (1 + Math.exp(-z[j]));
                    case TANH -> Math.tanh(z[j]);
                    case RELU -> Math.max(0, z[j]);
                    case IDENTITY -> z[j];
                    case SOFTMAX -> Math.exp(z[j]) / total;
                };
            }
            return a;
        }

        @Override
        protected double lossChecked(DataSet data) {
            return loss(parameters, data);
        }

        private double loss(Parameters p, DataSet data) {
            double total = 0;
            boolean softmax = spec().layer(spec().depth() - 1).activation() == Activation.SOFTMAX;
            for (int r = 0; r < data.rows(); r++) {
                double[] yHat = forward(p, data.featureRow(r));
                double[] y = data.targetRow(r);
                double row = 0;
                for (int k = 0; k < y.length; k++) {
                    row += switch (spec().loss()) {
                        case MSE -> (y[k] - yHat[k]) * (y[k] - yHat[k]) / y.length;
                        case SSE -> (y[k] - yHat[k]) * (y[k] - yHat[k]);
                        case XENT -> softmax ? -y[k] * Math.log(yHat[k])
                                : -(y[k] * Math.log(yHat[k]) + (1 - y[k]) * Math.log(1 - yHat[k]));
                    };
                }
                total += row;
            }
            return spec().loss().averagesRows() ? total / data.rows() : total;
        }

        @Override
        protected Parameters gradientsChecked(DataSet batch) {
            Parameters g = parameters;
            for (int l = 0; l < spec().depth(); l++) {
                LayerParameters layer = parameters.layer(l);
                LayerParameters gl = layer;
                for (int j = 0; j < layer.units(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        double w = layer.weight(j, i);
                        double h = 1e-6 * Math.max(1, Math.abs(w));
                        double up = loss(parameters.withLayer(l, layer.withWeight(j, i, w + h)), batch);
                        double down = loss(parameters.withLayer(l, layer.withWeight(j, i, w - h)), batch);
                        gl = gl.withWeight(j, i, (up - down) / (2 * h));
                    }
                    if (layer.hasBiases()) {
                        double b = layer.bias(j);
                        double h = 1e-6 * Math.max(1, Math.abs(b));
                        double up = loss(parameters.withLayer(l, layer.withBias(j, b + h)), batch);
                        double down = loss(parameters.withLayer(l, layer.withBias(j, b - h)), batch);
                        gl = gl.withBias(j, (up - down) / (2 * h));
                    }
                }
                g = g.withLayer(l, gl);
            }
            return g;
        }

        @Override
        protected void setParametersChecked(Parameters parameters) {
            this.parameters = parameters;
        }

        @Override
        protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
            throw new UnsupportedOperationException("this test backend does not train");
        }
    }
}
