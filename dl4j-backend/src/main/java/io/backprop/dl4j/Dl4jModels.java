package io.backprop.dl4j;

import io.backprop.Network;
import io.backprop.error.SpecException;
import io.backprop.model.Model;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The way out to plain DL4J and back: a Backprop network as a {@link MultiLayerNetwork} the user
 * owns, and a {@code MultiLayerNetwork} of dense layers and an output layer as a Backprop model.
 *
 * <pre>{@code
 * MultiLayerNetwork mine = Dl4jModels.toMultiLayerNetwork(network);  // any backend's network
 * Model back = Dl4jModels.fromMultiLayerNetwork(mine);
 * }</pre>
 */
public final class Dl4jModels {
    private Dl4jModels() {
    }

    /** A new, independent {@link MultiLayerNetwork} holding {@code network}'s spec and current parameters. */
    public static MultiLayerNetwork toMultiLayerNetwork(Network network) {
        return toMultiLayerNetwork(network.spec(), network.parameters());
    }

    /**
     * A new {@link MultiLayerNetwork} of {@code spec} with {@code parameters}, in float64, built from
     * DL4J's own classes only: dense layers, an output layer, the {@code Sgd} updater, and DL4J's
     * losses ({@code LossMSE}, {@code LossL2}, {@code LossMCXENT} or {@code LossBinaryXENT}).
     */
    public static MultiLayerNetwork toMultiLayerNetwork(NetworkSpec spec, Parameters parameters) {
        parameters.checkFits(spec);
        Nd4jRuntime.start();
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jConfiguration.plain(spec));
        network.init();
        double[] flat = ParameterLayout.flatten(spec, parameters);
        try (INDArray values = Nd4j.create(flat, new long[] {1, flat.length}, 'c')) {
            network.setParams(values);
        }
        return network;
    }

    /**
     * The Backprop model of a {@link MultiLayerNetwork} whose layers are {@link DenseLayer}s followed by
     * one {@link OutputLayer}, with the activations and losses Backprop supports; parameters of
     * another data type are widened to float64.
     *
     * @throws SpecException naming the first layer, activation, loss or setting that Backprop cannot represent
     */
    public static Model fromMultiLayerNetwork(MultiLayerNetwork network) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        int depth = configuration.getConfs().size();
        if (depth == 0) {
            throw new SpecException("the network has no layers; expected dense layers and an output layer");
        }
        NetworkSpec.Builder builder = null;
        Loss loss = null;
        for (int l = 0; l < depth; l++) {
            Layer layer = configuration.getConf(l).getLayer();
            boolean last = l == depth - 1;
            String where = "layer " + l + " (" + layer.getClass().getSimpleName() + ")";
            if (last ? !(layer.getClass() == OutputLayer.class) : !(layer.getClass() == DenseLayer.class)) {
                throw new SpecException(where + ": not supported; expected " + (last ? "an OutputLayer" : "a DenseLayer")
                        + ": Backprop holds dense layers followed by one output layer");
            }
            FeedForwardLayer dense = (FeedForwardLayer) layer;
            if (builder == null) {
                builder = NetworkSpec.builder(Math.toIntExact(dense.getNIn()));
            }
            boolean bias = last ? ((OutputLayer) layer).hasBias() : ((DenseLayer) layer).hasBias();
            builder.layer(Math.toIntExact(dense.getNOut()), activation(dense.getActivationFn(), where), bias);
            if (last) {
                loss = loss(((OutputLayer) layer).getLossFn(), configuration.getConf(l).isMiniBatch(), where);
            }
        }
        NetworkSpec spec = builder.loss(loss).build();
        INDArray params = network.params();
        try (INDArray doubles = params.dataType() == DataType.DOUBLE ? params.dup() : params.castTo(DataType.DOUBLE)) {
            return Model.of(spec, ParameterLayout.unflatten(spec, doubles, 1.0));
        }
    }

    private static Activation activation(IActivation activation, String where) {
        Activation found = apiActivation(activation);
        if (found == null) {
            throw new SpecException(where + ": activation " + activation + " is not supported; expected sigmoid, tanh,"
                    + " relu (without max, threshold or slope), identity or softmax");
        }
        return found;
    }

    /** The API's activation that DL4J's {@code activation} computes, or null when there is none. */
    static Activation apiActivation(IActivation activation) {
        if (activation instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        if (activation instanceof ActivationTanH) {
            return Activation.TANH;
        }
        if (activation instanceof ActivationIdentity) {
            return Activation.IDENTITY;
        }
        if (activation instanceof ActivationSoftmax) {
            return Activation.SOFTMAX;
        }
        if (activation instanceof ActivationReLU relu && plainRelu(relu)) {
            return Activation.RELU;
        }
        return null;
    }

    private static boolean plainRelu(ActivationReLU relu) {
        return isZeroOrUnset(relu.getMax()) && isZeroOrUnset(relu.getThreshold())
                && isZeroOrUnset(relu.getNegativeSlope());
    }

    private static boolean isZeroOrUnset(Double value) {
        return value == null || value == 0.0;
    }

    private static Loss loss(ILossFunction loss, boolean miniBatch, String where) {
        if ((loss instanceof LossMSE || loss instanceof ExactSquaredError exact && exact.meanOverOutputs())
                && miniBatch) {
            return Loss.MSE;
        }
        if ((loss instanceof LossL2 && !(loss instanceof LossMSE)
                || loss instanceof ExactSquaredError exact && !exact.meanOverOutputs()) && !miniBatch) {
            return Loss.SSE;
        }
        if ((loss instanceof LossMCXENT || loss instanceof LossBinaryXENT || loss instanceof ExactCrossEntropy)
                && miniBatch) {
            return Loss.XENT;
        }
        throw new SpecException(where + ": loss " + loss + " with miniBatch(" + miniBatch + ") is not supported;"
                + " expected LossMSE or a cross-entropy with miniBatch(true) (Backprop's mse, xent),"
                + " or LossL2 with miniBatch(false) (Backprop's sse)");
    }
}
