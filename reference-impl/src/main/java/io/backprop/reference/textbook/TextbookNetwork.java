package io.backprop.reference.textbook;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The from-scratch network, as the article teaches it: {@link #feedforward} a row,
 * {@link #backprop} its loss by the chain rule, and after each batch take the SGD step
 * {@code θ ← θ − η·∂L/∂θ}. Rows go one at a time through flat arrays allocated once, so a training
 * step allocates nothing.
 *
 * <p>This is the path to read; the {@code reference} backend computes the same sums with the batched
 * kernels of {@link io.backprop.reference.kernels}, and the conformance kit checks both.
 */
final class TextbookNetwork extends AbstractNetwork {
    private final Layer[] layers;
    private final Loss loss;
    private final double[] x; // the current row's features
    private final double[] y; // the current row's targets

    TextbookNetwork(NetworkSpec spec, Parameters parameters) {
        super(spec);
        this.layers = new Layer[spec.depth()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Layer(spec.layer(l), spec.inputsOf(l));
        }
        this.loss = spec.loss();
        this.x = new double[spec.inputs()];
        this.y = new double[spec.outputs()];
        setParameters(parameters);
    }

    @Override
    public String backend() {
        return TextbookBackend.NAME;
    }

    @Override
    protected Network copyWith(Parameters parameters) {
        // Built here, with no look-up on the class path; the copy allocates layers of its own.
        return new TextbookNetwork(spec(), parameters);
    }

    /** Feeds {@link #x} through every layer; the output layer's {@code a} is then {@code ŷ}. */
    void feedforward() {
        double[] input = x;
        for (Layer layer : layers) {
            layer.feedforward(input);
            input = layer.a;
        }
    }

    /**
     * Backprop of the row in {@link #x}, {@link #y} after {@link #feedforward()}: from the loss back
     * to the first layer, adding this row's {@code ∂L/∂θ}, times {@code scale}, to every layer's
     * gradients.
     */
    void backprop(double scale) {
        Layer out = output();
        LossFunctions.outputGradient(loss, out.activation, out.z, out.a, y, out.units, scale, out.dLda, out.dLdz);
        for (int l = layers.length - 1; l >= 0; l--) {
            Layer layer = layers[l];
            if (l > 0) {
                Layer previous = layers[l - 1];
                layer.backprop(previous.a, previous.dLda);
                previous.activationBackward();
            } else {
                layer.backprop(x, null);
            }
        }
    }

    /** Loads row {@code row} of {@code data} into {@link #x} and, if it has targets, {@link #y}. */
    void load(DataSet data, int row) {
        for (int i = 0; i < x.length; i++) {
            x[i] = data.feature(row, i);
        }
        if (data.hasTargets()) {
            for (int k = 0; k < y.length; k++) {
                y[k] = data.target(row, k);
            }
        }
    }

    @Override
    protected double[][] predictChecked(DataSet data) {
        double[][] outputs = new double[data.rows()][];
        for (int r = 0; r < data.rows(); r++) {
            load(data, r);
            feedforward();
            outputs[r] = output().a.clone();
        }
        return outputs;
    }

    @Override
    protected double lossChecked(DataSet data) {
        Layer out = output();
        double sum = 0;
        for (int r = 0; r < data.rows(); r++) {
            load(data, r);
            feedforward();
            sum += LossFunctions.rowLoss(loss, out.activation, out.z, out.a, y, out.units);
        }
        return loss.averagesRows() ? sum / data.rows() : sum;
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        accumulateGradients(batch, null, 0, batch.rows());
        List<LayerParameters> gradients = new ArrayList<>(layers.length);
        for (Layer layer : layers) {
            gradients.add(layer.gradients());
        }
        return Parameters.of(gradients);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        accumulateGradients(data, order, from, to);
        for (Layer layer : layers) {
            layer.sgdUpdate(learningRate);
        }
    }

    /** Sets every layer's gradients to {@code ∂L/∂θ} of the batch of rows {@code order[from..to)} (or {@code from..to}). */
    private void accumulateGradients(DataSet data, int[] order, int from, int to) {
        for (Layer layer : layers) {
            layer.clearGradients();
        }
        double scale = loss.averagesRows() ? 1.0 / (to - from) : 1.0;
        for (int k = from; k < to; k++) {
            load(data, order == null ? k : order[k]);
            feedforward();
            backprop(scale);
        }
    }

    @Override
    protected Parameters parametersChecked() {
        List<LayerParameters> values = new ArrayList<>(layers.length);
        for (Layer layer : layers) {
            values.add(layer.parameters());
        }
        return Parameters.of(values);
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        for (int l = 0; l < layers.length; l++) {
            layers[l].load(parameters.layer(l));
        }
    }

    private Layer output() {
        return layers[layers.length - 1];
    }

    /** Layer {@code l}'s working memory after the last feedforward and backprop, for the worked example. */
    Layer layer(int l) {
        return layers[l];
    }
}
