package io.backprop.conformance;

import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;

/**
 * The oracle's closed-form gradients: backprop by the chain rule, one row at a time, in float64,
 * from the definitions of {@link Activation} and {@link Loss}. Written to be read, not to be fast,
 * and sharing no code with any backend; the kit's own tests hold it to five-point finite
 * differences of {@link Oracle#loss} on many generated networks.
 *
 * <p>Where an output is near 1 (or a tanh near −1), {@code 1 − a} taken from the rounded {@code a}
 * keeps few digits, and the API defines gradients that keep them. Here every such {@code 1 − a} is
 * taken where it has all its digits, everywhere rather than past a threshold: a sigmoid's as
 * {@code σ(−z) = 1/(1 + e^z)}, a tanh's {@code 1 − |a|} as {@code 2/(e^{2|z|} + 1)}, a softmax's as
 * the sum of the layer's other outputs. Away from saturation these agree with the plain formulas to
 * rounding.
 */
final class OracleBackprop {
    private OracleBackprop() {
    }

    /** {@code ∂L/∂θ} of {@link Oracle#loss} over {@code data} as one batch, for every weight and bias. */
    static Parameters gradients(NetworkSpec spec, Parameters parameters, DataSet data) {
        int depth = spec.depth();
        double[][][] dw = new double[depth][][];
        double[][] db = new double[depth][];
        for (int l = 0; l < depth; l++) {
            dw[l] = new double[spec.layer(l).units()][spec.inputsOf(l)];
            db[l] = new double[spec.layer(l).units()];
        }
        for (int r = 0; r < data.rows(); r++) {
            addRow(spec, parameters, data.featureRow(r), data.targetRow(r), dw, db);
        }
        // mse and xent are means over the rows, so are their gradients; sse is a sum.
        double perRow = spec.loss().averagesRows() ? 1.0 / data.rows() : 1.0;
        Parameters result = parameters;
        for (int l = 0; l < depth; l++) {
            for (int j = 0; j < dw[l].length; j++) {
                for (int i = 0; i < dw[l][j].length; i++) {
                    dw[l][j][i] *= perRow;
                }
                db[l][j] *= perRow;
            }
            result = result.withLayer(l, LayerParameters.of(dw[l], spec.layer(l).bias() ? db[l] : null));
        }
        return result;
    }

    /** Adds one row's {@code ∂ℓ/∂θ} (the row's own loss, before any mean over rows) into dw and db. */
    private static void addRow(NetworkSpec spec, Parameters parameters, double[] x, double[] y, double[][][] dw,
                               double[][] db) {
        int depth = spec.depth();
        double[][] input = new double[depth][]; // what layer l receives
        double[][] z = new double[depth][];
        double[][] a = new double[depth][];
        double[][] complement = new double[depth][]; // 1 − a (1 − |a| for tanh), with all its digits
        double[] in = x;
        for (int l = 0; l < depth; l++) {
            Activation activation = spec.layer(l).activation();
            input[l] = in;
            z[l] = Oracle.weightedSums(parameters.layer(l), in);
            a[l] = Oracle.activate(activation, z[l]);
            complement[l] = complement(activation, z[l], a[l]);
            in = a[l];
        }

        int last = depth - 1;
        double[] delta = outputDelta(spec, z[last], a[last], complement[last], y); // ∂ℓ/∂z of the output layer
        for (int l = last; l >= 0; l--) {
            for (int j = 0; j < delta.length; j++) {
                for (int i = 0; i < input[l].length; i++) {
                    dw[l][j][i] += delta[j] * input[l][i]; // z_j = b_j + Σ_i w_ji·in_i
                }
                db[l][j] += delta[j];
            }
            if (l > 0) {
                LayerParameters layer = parameters.layer(l);
                double[] dLda = new double[layer.inputs()]; // ∂ℓ/∂a of layer l − 1: Σ_j w_ji·∂ℓ/∂z_j
                for (int i = 0; i < dLda.length; i++) {
                    for (int j = 0; j < delta.length; j++) {
                        dLda[i] += layer.weight(j, i) * delta[j];
                    }
                }
                delta = throughActivation(spec.layer(l - 1).activation(), z[l - 1], a[l - 1], complement[l - 1], dLda);
            }
        }
    }

    /** {@code ∂ℓ/∂z} of the output layer for one row's loss ℓ. */
    private static double[] outputDelta(NetworkSpec spec, double[] z, double[] a, double[] c, double[] y) {
        Activation activation = spec.layer(spec.depth() - 1).activation();
        int k = a.length;
        double[] delta = new double[k];
        if (spec.loss() == Loss.XENT && activation == Activation.SOFTMAX) {
            // ℓ = −Σ_k y_k ln a_k, a = softmax(z): ∂ℓ/∂z_j = a_j·Σ_k y_k − y_j,
            // near a_j = 1 taken as Σ_{k≠j} y_k − (1 − a_j)·Σ_k y_k, which does not cancel.
            double ySum = 0;
            for (double v : y) {
                ySum += v;
            }
            for (int j = 0; j < k; j++) {
                if (a[j] > 0.5) {
                    double othersY = 0;
                    for (int m = 0; m < k; m++) {
                        othersY += m == j ? 0 : y[m];
                    }
                    delta[j] = othersY - c[j] * ySum;
                } else {
                    delta[j] = a[j] * ySum - y[j];
                }
            }
            return delta;
        }
        if (spec.loss() == Loss.XENT) {
            // ℓ = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], a = σ(z): ∂ℓ/∂z_j = a_j − y_j.
            for (int j = 0; j < k; j++) {
                delta[j] = error(activation, a[j], c[j], y[j]);
            }
            return delta;
        }
        // ℓ = (1/k) Σ_j (y_j − a_j)² for mse, Σ_j (y_j − a_j)² for sse: ∂ℓ/∂a_j = 2(a_j − y_j)/k, or 2(a_j − y_j).
        double[] dLda = new double[k];
        for (int j = 0; j < k; j++) {
            dLda[j] = 2 * error(activation, a[j], c == null ? Double.NaN : c[j], y[j]);
            if (spec.loss() == Loss.MSE) {
                dLda[j] /= k;
            }
        }
        return throughActivation(activation, z, a, c, dLda);
    }

    /**
     * {@code a − y}; for an output of sigmoid, tanh or softmax past ½ in magnitude, as
     * {@code (1 − y) − (1 − a)} (or {@code (1 − |a|) − (1 + y)} for a tanh near −1), so that an
     * output near ±1 keeps the digits of a small error.
     */
    private static double error(Activation activation, double a, double c, double y) {
        boolean bounded = activation == Activation.SIGMOID || activation == Activation.TANH
                || activation == Activation.SOFTMAX;
        if (bounded && a > 0.5) {
            return (1 - y) - c;
        }
        if (bounded && a < -0.5) {
            return c - (1 + y);
        }
        return a - y;
    }

    /** {@code ∂ℓ/∂z} from {@code ∂ℓ/∂a} through one layer's activation, by each activation's derivative. */
    private static double[] throughActivation(Activation activation, double[] z, double[] a, double[] c,
                                              double[] dLda) {
        int n = a.length;
        double[] dLdz = new double[n];
        for (int j = 0; j < n; j++) {
            dLdz[j] = switch (activation) {
                // σ'(z) = σ(z)·σ(−z) = a·(1 − a).
                case SIGMOID -> dLda[j] * a[j] * c[j];
                // tanh'(z) = 1/cosh²(z) = 1 − a².
                case TANH -> dLda[j] / (Math.cosh(z[j]) * Math.cosh(z[j]));
                // The API's relu has slope 1 for z > 0 and 0 otherwise.
                case RELU -> z[j] > 0 ? dLda[j] : 0;
                case IDENTITY -> dLda[j];
                // ∂a_k/∂z_j = a_k(δ_kj − a_j), so ∂ℓ/∂z_j = a_j(∂ℓ/∂a_j − Σ_k a_k ∂ℓ/∂a_k),
                // and since Σ_k a_k = 1 that is a_j·Σ_{k≠j} a_k(∂ℓ/∂a_j − ∂ℓ/∂a_k): no cancelling near a_j = 1.
                case SOFTMAX -> {
                    double sum = 0;
                    for (int m = 0; m < n; m++) {
                        sum += m == j ? 0 : a[m] * (dLda[j] - dLda[m]);
                    }
                    yield a[j] * sum;
                }
            };
        }
        return dLdz;
    }

    /**
     * {@code 1 − a} of a sigmoid or softmax, {@code 1 − |a|} of a tanh, each with all its digits
     * (null for relu and identity, which have none).
     */
    private static double[] complement(Activation activation, double[] z, double[] a) {
        int n = a.length;
        double[] c = new double[n];
        switch (activation) {
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    c[j] = 1 / (1 + Math.exp(z[j])); // σ(−z)
                }
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    c[j] = 2 / (Math.exp(2 * Math.abs(z[j])) + 1); // 1 − tanh|z|
                }
            }
            case SOFTMAX -> {
                // Σ_{k≠j} a_k, from sums of the outputs before j and after j: all terms positive.
                double[] after = new double[n + 1];
                for (int j = n - 1; j >= 0; j--) {
                    after[j] = after[j + 1] + a[j];
                }
                double before = 0;
                for (int j = 0; j < n; j++) {
                    c[j] = before + after[j + 1];
                    before += a[j];
                }
            }
            default -> c = null;
        }
        return c;
    }
}
