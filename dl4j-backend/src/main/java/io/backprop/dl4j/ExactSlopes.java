package io.backprop.dl4j;

import io.backprop.spec.Activation;
import io.backprop.spi.SaturatedOutputs;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's sigmoid, tanh and softmax with their backprop ({@code ∂L/∂z} from {@code ∂L/∂a}) taken as
 * {@link SaturatedOutputs} does, for the layers of the dl4j backend's own networks.
 *
 * <p>Why: at a saturated neuron DL4J's slopes {@code a(1 − a)}, {@code 1 − a²} and the softmax's
 * {@code a_j(∂L/∂a_j − Σ a_k ∂L/∂a_k)} are differences of nearly equal numbers. Through a hidden
 * softmax layer whose largest output rounds to 1 they come out as 0 or rounding noise where the true
 * gradient is small but not 0: on one generated network (generated.1192) DL4J's gradients of the
 * layer below were off by 1.6 times that layer's largest gradient, where these are within 1e-14 of
 * a 700-digit computation. The forward pass stays DL4J's own but for tanh's (see {@link Tanh}); these
 * are subclasses of its activations, so every {@code instanceof} check still holds. Backprop runs in
 * plain Java on the {@code [rows, units]} arrays, which is no slower than DL4J's op on arrays this small.
 */
final class ExactSlopes {
    private ExactSlopes() {
    }

    /** DL4J's sigmoid, its slope {@code a·(1 − a)} with {@code 1 − a} from {@code z} near 1. */
    static final class Sigmoid extends ActivationSigmoid {
        private static final long serialVersionUID = 1L;

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            return new Pair<>(ExactSlopes.backprop(Activation.SIGMOID, in, epsilon), null);
        }
    }

    /**
     * DL4J's tanh, its slope {@code 1 − a²} as {@code (1 − |a|)(1 + |a|)} near ±1, and its forward pass
     * as {@link Math#tanh}: ND4J's tanh keeps only about {@code ε/|z|} of the digits of a small
     * {@code tanh z ≈ z} (a relative error of 5e-12 at {@code z = 1e-6}, 8e-8 at 1e-10) and returns 0
     * below about 1e-17, where the API's tanh of 1e-300 is 1e-300.
     */
    static final class Tanh extends ActivationTanH {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            INDArray copy = in.dup('c');
            double[] values = copy.data().asDouble();
            if (copy.closeable()) {
                copy.close();
            }
            for (int k = 0; k < values.length; k++) {
                values[k] = Math.tanh(values[k]);
            }
            in.assign(Nd4j.create(values, in.shape(), 'c'));
            return in;
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            return new Pair<>(ExactSlopes.backprop(Activation.TANH, in, epsilon), null);
        }
    }

    /** DL4J's softmax, its backprop without cancelling at an output near 1. */
    static final class Softmax extends ActivationSoftmax {
        private static final long serialVersionUID = 1L;

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            return new Pair<>(ExactSlopes.backprop(Activation.SOFTMAX, in, epsilon), null);
        }
    }

    /** {@code ∂L/∂z} of a layer with weighted sums {@code in} and {@code ∂L/∂a = epsilon}, both {@code [rows, units]}. */
    static INDArray backprop(Activation activation, INDArray in, INDArray epsilon) {
        double[][] z = RowMajor.rows(in);
        double[][] dLda = RowMajor.rows(epsilon);
        int rows = z.length;
        int units = rows == 0 ? 0 : z[0].length;
        double[] dLdz = new double[rows * units];
        double[] a = new double[units];
        double[] row = new double[units];
        for (int r = 0; r < rows; r++) {
            JavaActivations.activate(activation, z[r], a);
            if (activation == Activation.SOFTMAX) {
                SaturatedOutputs.softmaxBackward(a, dLda[r], row, units);
            } else {
                for (int j = 0; j < units; j++) {
                    row[j] = activation == Activation.SIGMOID
                            ? dLda[r][j] * a[j] * SaturatedOutputs.sigmoidComplement(z[r][j], a[j])
                            : dLda[r][j] * SaturatedOutputs.tanhSlope(z[r][j], a[j]);
                }
            }
            System.arraycopy(row, 0, dLdz, r * units, units);
        }
        return Nd4j.create(dLdz, new long[] {rows, units}, 'c');
    }
}
