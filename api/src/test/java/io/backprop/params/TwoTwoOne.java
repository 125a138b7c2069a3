package io.backprop.params;

/** Parameters of a 2-2-1 network with biases, for tests of the API's mechanics. */
public final class TwoTwoOne {
    private TwoTwoOne() {
    }

    /** Layer 0's weights row by row, then layer 1's, then the biases of layer 0 and layer 1. */
    public static Parameters of(double w00, double w01, double w10, double w11, double v0, double v1,
                                double b0, double b1, double c) {
        return Parameters.of(
                LayerParameters.of(new double[][] {{w00, w01}, {w10, w11}}, new double[] {b0, b1}),
                LayerParameters.of(new double[][] {{v0, v1}}, new double[] {c}));
    }
}
