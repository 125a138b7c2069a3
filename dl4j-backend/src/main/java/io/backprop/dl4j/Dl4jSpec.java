package io.backprop.dl4j;

import io.backprop.error.SpecException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * The Backprop spec of a DL4J {@link MultiLayerConfiguration}, or a refusal naming the first layer
 * and setting Backprop cannot represent.
 *
 * <p>A Backprop layer computes {@code activation(W·x + b)} and nothing else, and its model holds no
 * training settings beyond the loss. So whatever would make DL4J compute other outputs, another
 * loss or other gradients is refused rather than dropped: layer normalisation, dropout, weight
 * noise, constraints, gradient normalization, input preprocessors, loss weights and clipping, and
 * any layer, activation or loss class but the few Backprop has (matched exactly: a subclass may
 * compute something else, as {@code LossSparseMCXENT} does). The updater and regularization are
 * training settings, which a model's training entry holds: {@link Dl4jTraining} refuses those the
 * API cannot express (another updater, L1, settings that differ between layers).
 */
final class Dl4jSpec {
    /** One Java array holds all the parameters on their way in. */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    private Dl4jSpec() {
    }

    /**
     * The spec of {@code configuration}, whose parameter count is at most {@link #MAX_PARAMETERS}.
     *
     * @throws SpecException naming the first layer and setting that Backprop cannot represent
     */
    static NetworkSpec of(MultiLayerConfiguration configuration) {
        int depth = configuration.getConfs().size();
        if (depth == 0) {
            throw new SpecException("the network has no layers; expected dense layers and an output layer");
        }
        refusePreprocessors(configuration.getInputPreProcessors());
        NetworkSpec.Builder builder = null;
        Loss loss = null;
        long previousOutputs = 0;
        long parameters = 0;
        for (int l = 0; l < depth; l++) {
            NeuralNetConfiguration conf = configuration.getConf(l);
            Layer layer = conf.getLayer();
            boolean last = l == depth - 1;
            String where = "layer " + l + " (" + name(layer) + ")";
            if (last ? layer.getClass() != OutputLayer.class : layer.getClass() != DenseLayer.class) {
                throw new SpecException(where + ": not supported; expected " + (last ? "an OutputLayer" : "a DenseLayer")
                        + ": Backprop holds dense layers followed by one output layer");
            }
            FeedForwardLayer dense = (FeedForwardLayer) layer;
            long inputs = units(dense.getNIn(), where + ": nIn");
            long units = units(dense.getNOut(), where + ": nOut");
            if (l > 0 && inputs != previousOutputs) {
                throw new SpecException(where + ": nIn is " + inputs + " but layer " + (l - 1) + " has " + previousOutputs
                        + " outputs; expected them equal");
            }
            refuseTraining(conf, where);
            refuseLayerSettings((BaseLayer) layer, where);
            boolean bias = last ? ((OutputLayer) layer).hasBias() : ((DenseLayer) layer).hasBias();
            parameters += inputs * units + (bias ? units : 0);
            if (parameters > MAX_PARAMETERS) {
                throw new SpecException(where + ": brings the weights and biases to " + parameters + "; expected at most "
                        + MAX_PARAMETERS + " in all");
            }
            if (builder == null) {
                builder = NetworkSpec.builder((int) inputs);
            }
            Activation activation = activation(dense.getActivationFn(), where);
            builder.layer((int) units, activation, bias);
            if (last) {
                loss = loss(((OutputLayer) layer).getLossFn(), activation, conf.isMiniBatch(), where);
            }
            previousOutputs = units;
        }
        NetworkSpec spec = builder.loss(loss).build();
        // The training settings need every layer at once: the API has one optimizer and regularization per network.
        Dl4jTraining.of(configuration);
        return spec;
    }

    private static long units(long count, String where) {
        if (count < 1 || count > MAX_PARAMETERS) {
            throw new SpecException(where + ": found " + count + "; expected a count from 1 to " + MAX_PARAMETERS);
        }
        return count;
    }

    private static void refusePreprocessors(Map<Integer, InputPreProcessor> preprocessors) {
        if (preprocessors == null || preprocessors.isEmpty()) {
            return;
        }
        Map.Entry<Integer, InputPreProcessor> first = new TreeMap<>(preprocessors).firstEntry();
        throw new SpecException("layer " + first.getKey() + ": input preprocessor " + name(first.getValue())
                + " is not supported; expected none: Backprop feeds each layer the previous layer's outputs as they are");
    }

    /** What the network-wide settings, copied into every layer's configuration, do to training. */
    private static void refuseTraining(NeuralNetConfiguration conf, String where) {
        if (!conf.isMinimize()) {
            throw new SpecException(where + ": minimize(false) (gradient ascent) is not supported; expected"
                    + " minimize(true)");
        }
        OptimizationAlgorithm algorithm = conf.getOptimizationAlgo();
        if (algorithm != null && algorithm != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT) {
            throw new SpecException(where + ": optimization algorithm " + algorithm + " is not supported; expected"
                    + " STOCHASTIC_GRADIENT_DESCENT");
        }
    }

    private static void refuseLayerSettings(BaseLayer layer, String where) {
        if (layer instanceof DenseLayer dense && dense.hasLayerNorm()) {
            refuse(where, "layer normalisation (hasLayerNorm)", "hasLayerNorm(false)");
        }
        if (layer.getIDropout() != null) {
            refuse(where, "dropout (" + name(layer.getIDropout()) + ")", "none");
        }
        if (layer.getWeightNoise() != null) {
            refuse(where, "weight noise (" + name(layer.getWeightNoise()) + ")", "none");
        }
        if (layer.getConstraints() != null && !layer.getConstraints().isEmpty()) {
            refuse(where, "constraints (" + names(layer.getConstraints()) + ")", "none");
        }
        GradientNormalization normalization = layer.getGradientNormalization();
        if (normalization != null && normalization != GradientNormalization.None) {
            refuse(where, "gradient normalization " + normalization, "None");
        }
    }

    private static void refuse(String where, String setting, String expected) {
        throw new SpecException(where + ": " + setting + " is not supported; expected " + expected
                + " (it changes what the network computes or how it learns)");
    }

    private static Activation activation(IActivation activation, String where) {
        Activation found = Dl4jModels.apiActivation(activation);
        if (found == null) {
            throw new SpecException(where + ": activation " + activation + " is not supported; expected sigmoid, tanh,"
                    + " relu (without max, threshold or slope), identity or softmax");
        }
        return found;
    }

    private static Loss loss(ILossFunction loss, Activation output, boolean miniBatch, String where) {
        Class<?> type = loss.getClass();
        Loss found = null;
        if (type == LossMSE.class || type == ExactSquaredError.class && ((ExactSquaredError) loss).meanOverOutputs()) {
            found = miniBatch ? Loss.MSE : null;
        } else if (type == LossL2.class || type == ExactSquaredError.class) {
            found = miniBatch ? null : Loss.SSE;
        } else if (type == LossMCXENT.class || type == LossNegativeLogLikelihood.class || type == LossBinaryXENT.class
                || type == ExactCrossEntropy.class) {
            found = miniBatch ? Loss.XENT : null;
        }
        if (found == null) {
            throw new SpecException(where + ": loss " + name(loss) + " with miniBatch(" + miniBatch + ") is not"
                    + " supported; expected LossMSE or a cross-entropy with miniBatch(true) (Backprop's mse, xent),"
                    + " or LossL2 with miniBatch(false) (Backprop's sse)");
        }
        refuseLossSettings(loss, output, where);
        return found;
    }

    /** Per-output weights, clipping other than DL4J's default, and a cross-entropy of the other kind. */
    private static void refuseLossSettings(ILossFunction loss, Activation output, String where) {
        boolean weighted = loss instanceof LossL2 l2 && l2.getWeights() != null
                || loss instanceof LossMCXENT mc && mc.getWeights() != null
                || loss instanceof LossBinaryXENT binary && binary.getWeights() != null;
        if (weighted) {
            refuse(where, "loss " + name(loss) + " with per-output weights", "no weights");
        }
        if (loss instanceof LossMCXENT mc) {
            double standard = new LossMCXENT().getSoftmaxClipEps();
            if (mc.getSoftmaxClipEps() != standard) {
                refuse(where, "loss " + name(loss) + " with softmaxClipEps " + mc.getSoftmaxClipEps(),
                        "the default " + standard);
            }
            if (output != Activation.SOFTMAX) {
                refuse(where, "loss " + name(loss) + " after a " + output.id() + " output (−Σ y·ln ŷ alone)",
                        "LossBinaryXENT after a sigmoid, or LossMCXENT after a softmax");
            }
        }
        if (loss instanceof LossBinaryXENT binary) {
            if (binary.getClipEps() != LossBinaryXENT.DEFAULT_CLIPPING_EPSILON) {
                refuse(where, "loss " + name(loss) + " with clipEps " + binary.getClipEps(),
                        "the default " + LossBinaryXENT.DEFAULT_CLIPPING_EPSILON);
            }
            if (output != Activation.SIGMOID) {
                refuse(where, "loss " + name(loss) + " after a " + output.id() + " output",
                        "LossBinaryXENT after a sigmoid, or LossMCXENT after a softmax");
            }
        }
    }

    /** The simple name of a setting's class, enough to find it in DL4J's documentation. */
    static String name(Object setting) {
        String simple = setting.getClass().getSimpleName();
        String full = setting.getClass().getName();
        return simple.isEmpty() ? full.substring(full.lastIndexOf('.') + 1) : simple;
    }

    private static String names(List<?> settings) {
        return String.join(", ", settings.stream().map(Dl4jSpec::name).toList());
    }
}
