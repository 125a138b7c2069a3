package io.backprop.dl4j;

import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * A {@link NetworkSpec} as DL4J's configuration: dense layers, an output layer with the loss,
 * plain SGD (until a fit's options give {@link Dl4jNetwork} another updater), float64.
 *
 * <p>The API's losses and DL4J's line up as follows. {@code LossMSE} is the squared error divided
 * by the number of outputs (our mse per row), {@code LossL2} the plain sum (our sse). DL4J sums
 * the gradient over a minibatch and, with {@code miniBatch(true)}, divides it (and the score) by
 * the batch size: so mse and xent, which average rows, use {@code miniBatch(true)}, and sse, which
 * does not, {@code miniBatch(false)}. The backend trains with {@link ExactSquaredError} (the same
 * definitions, with the digits of saturated outputs kept) and {@link ExactCrossEntropy}, since
 * DL4J's own cross-entropy losses clip probabilities.
 */
final class Dl4jConfiguration {
    private Dl4jConfiguration() {
    }

    /** DL4J's configuration for {@code spec}, as the dl4j backend runs it; a fit's options set the updater. */
    static MultiLayerConfiguration of(NetworkSpec spec) {
        return of(spec, exactLoss(spec.loss()), true);
    }

    /**
     * The configuration a user takes away: only DL4J's own classes, so cross-entropy is DL4J's
     * {@code LossMCXENT} after a softmax and {@code LossBinaryXENT} after a sigmoid, which clip
     * probabilities (to 1e-10 and 1e-5) where {@link ExactCrossEntropy} does not, and the squared
     * errors are {@code LossMSE} and {@code LossL2}, which lose digits at saturated outputs where
     * {@link ExactSquaredError} does not.
     */
    static MultiLayerConfiguration plain(NetworkSpec spec) {
        Activation output = spec.layer(spec.depth() - 1).activation();
        ILossFunction loss = spec.loss() != Loss.XENT ? loss(spec.loss())
                : output == Activation.SOFTMAX ? new LossMCXENT() : new LossBinaryXENT();
        return of(spec, loss, false);
    }

    /** @param exact the backend's own activations ({@link ExactSlopes}), or DL4J's (for a configuration taken away) */
    private static MultiLayerConfiguration of(NetworkSpec spec, ILossFunction outputLoss, boolean exact) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1))
                .weightInit(WeightInit.ZERO)
                .miniBatch(spec.loss().averagesRows())
                // DL4J's default, stated because the hot path relies on it: activations and gradients
                // live in reused workspace memory, not in new native arrays per step (see the README).
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int last = spec.depth() - 1;
        for (int l = 0; l < last; l++) {
            LayerSpec layer = spec.layer(l);
            layers.layer(l, new DenseLayer.Builder()
                    .nIn(spec.inputsOf(l))
                    .nOut(layer.units())
                    .activation(exact ? exactActivation(layer.activation())
                            : activation(layer.activation()).getActivationFunction())
                    .hasBias(layer.bias())
                    .build());
        }
        LayerSpec output = spec.layer(last);
        layers.layer(last, new OutputLayer.Builder(outputLoss)
                .nIn(spec.inputsOf(last))
                .nOut(output.units())
                .activation(exact ? exactActivation(output.activation())
                        : activation(output.activation()).getActivationFunction())
                .hasBias(output.bias())
                .build());
        return layers.build();
    }

    /** DL4J's activation, with the slopes of {@link ExactSlopes} for those that saturate. */
    static IActivation exactActivation(Activation activation) {
        return switch (activation) {
            case SIGMOID -> new ExactSlopes.Sigmoid();
            case TANH -> new ExactSlopes.Tanh();
            case SOFTMAX -> new ExactSlopes.Softmax();
            case RELU, IDENTITY -> activation(activation).getActivationFunction();
        };
    }

    static org.nd4j.linalg.activations.Activation activation(Activation activation) {
        return switch (activation) {
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
        };
    }

    /** DL4J's own loss for the squared errors (the exported configuration's). */
    static ILossFunction loss(Loss loss) {
        return switch (loss) {
            case MSE -> new LossMSE();
            case SSE -> new LossL2();
            case XENT -> new ExactCrossEntropy();
        };
    }

    /** The loss the backend trains with: each computed exactly at saturated outputs. */
    static ILossFunction exactLoss(Loss loss) {
        return switch (loss) {
            case MSE -> new ExactSquaredError(true);
            case SSE -> new ExactSquaredError(false);
            case XENT -> new ExactCrossEntropy();
        };
    }

}
