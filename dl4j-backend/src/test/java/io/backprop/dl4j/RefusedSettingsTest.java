package io.backprop.dl4j;

import static io.backprop.dl4j.OneLine.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import io.backprop.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * Whatever makes DL4J compute other outputs, another loss or other gradients than the Backprop
 * model would is refused on import, naming the layer and the setting, rather than silently dropped.
 */
class RefusedSettingsTest {
    @TempDir
    Path dir;

    /** One network made with DL4J's builders, and what its refusal must say. */
    record Case(String description, MultiLayerConfiguration configuration, String... fragments) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static DenseLayer.Builder dense() {
        return new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.SIGMOID);
    }

    private static OutputLayer.Builder output(ILossFunction loss, Activation activation, int units) {
        return new OutputLayer.Builder(loss).nIn(2).nOut(units).activation(activation);
    }

    private static OutputLayer.Builder output() {
        return output(new LossMSE(), Activation.SIGMOID, 1);
    }

    private static MultiLayerConfiguration network(Layer hidden, Layer last) {
        return network(b -> b, hidden, last);
    }

    private static MultiLayerConfiguration network(UnaryOperator<NeuralNetConfiguration.Builder> settings, Layer hidden,
                                                   Layer last) {
        Nd4jRuntime.start();
        return settings.apply(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new Sgd(0.1)))
                .list().layer(hidden).layer(last).build();
    }

    /** A network DL4J would refuse to build unless told not to check its output layer. */
    private static MultiLayerConfiguration unvalidated(Layer hidden, Layer last) {
        Nd4jRuntime.start();
        return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .list().layer(hidden).layer(last).validateOutputLayerConfig(false).build();
    }

    private static INDArray weights(double... values) {
        Nd4jRuntime.start();
        return Nd4j.create(values, new long[] {1, values.length}, DataType.DOUBLE);
    }

    static Stream<Case> cases() {
        MultiLayerConfiguration preprocessed = network(dense().build(), output().build());
        preprocessed.getInputPreProcessors().put(0, new CnnToFeedForwardPreProcessor(1, 2, 1));
        // DL4J's builder sets each nIn from the layer before; a file can say otherwise.
        MultiLayerConfiguration mismatched = network(dense().build(), output().build());
        ((FeedForwardLayer) mismatched.getConf(1).getLayer()).setNIn(3);
        return Stream.of(
                new Case("layer normalisation", network(dense().hasLayerNorm(true).build(), output().build()),
                        "layer 0 (DenseLayer): layer normalisation (hasLayerNorm) is not supported"),
                new Case("dropout", network(dense().dropOut(0.5).build(), output().build()),
                        "layer 0 (DenseLayer): dropout (Dropout) is not supported"),
                new Case("dropout on the output layer", network(dense().build(), output().dropOut(0.8).build()),
                        "layer 1 (OutputLayer): dropout (Dropout) is not supported"),
                new Case("weight noise", network(dense().weightNoise(new DropConnect(0.5)).build(), output().build()),
                        "layer 0 (DenseLayer): weight noise (DropConnect) is not supported"),
                new Case("a weight constraint", network(dense().constrainWeights(new MaxNormConstraint(2, 1)).build(),
                        output().build()), "layer 0 (DenseLayer): constraints (MaxNormConstraint) is not supported"),
                new Case("l2 on the weights", network(dense().l2(1e-3).build(), output().build()),
                        "layer 0 (DenseLayer): regularization of the weights (L2Regularization)"),
                new Case("l1 on the weights", network(dense().build(), output().l1(1e-3).build()),
                        "layer 1 (OutputLayer): regularization of the weights (L1Regularization)"),
                new Case("weight decay", network(dense().weightDecay(1e-3).build(), output().build()),
                        "layer 0 (DenseLayer): regularization of the weights (WeightDecay)"),
                new Case("l2 on the biases", network(dense().l2Bias(1e-3).build(), output().build()),
                        "layer 0 (DenseLayer): regularization of the biases (L2Regularization)"),
                new Case("Adam with another learning rate on one layer", network(b -> b.updater(new Adam(0.01)),
                        dense().updater(new Adam(0.02)).build(), output().build()),
                        "layer 0 (DenseLayer): updater Adam is not supported", "other than the output layer's"),
                new Case("a coefficient schedule of L2", network(b -> b.updater(new Adam(0.01)),
                        dense().regularization(java.util.List.of(new org.nd4j.linalg.learning.regularization
                                .L2Regularization(new org.nd4j.linalg.schedule.ExponentialSchedule(
                                        org.nd4j.linalg.schedule.ScheduleType.EPOCH, 1e-3, 0.9)))).build(),
                        output().build()),
                        "layer 0 (DenseLayer): regularization of the weights (L2Regularization) is not supported"),
                new Case("gradient normalization", network(dense().gradientNormalization(
                        GradientNormalization.ClipElementWiseAbsoluteValue).build(), output().build()),
                        "layer 0 (DenseLayer): gradient normalization ClipElementWiseAbsoluteValue is not supported"),
                new Case("an input preprocessor", preprocessed,
                        "layer 0: input preprocessor CnnToFeedForwardPreProcessor is not supported"),
                new Case("a frozen layer", network(new FrozenLayer(dense().build()), output().build()),
                        "layer 0 (FrozenLayer): not supported; expected a DenseLayer"),
                new Case("per-output weights of LossMSE", network(dense().build(),
                        output(new LossMSE(weights(2)), Activation.SIGMOID, 1).build()),
                        "layer 1 (OutputLayer): loss LossMSE with per-output weights is not supported"),
                new Case("per-output weights of LossL2", network(b -> b.miniBatch(false), dense().build(),
                        output(new LossL2(weights(2)), Activation.SIGMOID, 1).build()),
                        "layer 1 (OutputLayer): loss LossL2 with per-output weights"),
                new Case("per-output weights of LossMCXENT", network(dense().build(),
                        output(new LossMCXENT(weights(1, 3)), Activation.SOFTMAX, 2).build()),
                        "layer 1 (OutputLayer): loss LossMCXENT with per-output weights"),
                new Case("per-output weights of LossBinaryXENT", network(dense().build(),
                        output(new LossBinaryXENT(weights(3)), Activation.SIGMOID, 1).build()),
                        "layer 1 (OutputLayer): loss LossBinaryXENT with per-output weights"),
                new Case("LossSparseMCXENT, a subclass of LossMCXENT", network(dense().build(),
                        output(new LossSparseMCXENT(), Activation.SOFTMAX, 2).build()),
                        "layer 1 (OutputLayer): loss LossSparseMCXENT with miniBatch(true) is not supported"),
                new Case("LossBinaryXENT clipping at 0.01", network(dense().build(),
                        output(new LossBinaryXENT(0.01), Activation.SIGMOID, 1).build()),
                        "layer 1 (OutputLayer): loss LossBinaryXENT with clipEps 0.01 is not supported"),
                new Case("LossMCXENT clipping at 1e-3", network(dense().build(),
                        output(new LossMCXENT(1e-3, null), Activation.SOFTMAX, 2).build()),
                        "layer 1 (OutputLayer): loss LossMCXENT with softmaxClipEps 0.001 is not supported"),
                new Case("LossMCXENT after a sigmoid", unvalidated(dense().build(),
                        output(new LossMCXENT(), Activation.SIGMOID, 2).build()),
                        "layer 1 (OutputLayer): loss LossMCXENT after a sigmoid output"),
                new Case("LossBinaryXENT after a softmax", unvalidated(dense().build(),
                        output(new LossBinaryXENT(), Activation.SOFTMAX, 2).build()),
                        "layer 1 (OutputLayer): loss LossBinaryXENT after a softmax output"),
                new Case("the Adam updater", network(dense().updater(new Adam(0.01)).build(), output().build()),
                        "layer 0 (DenseLayer): updater Adam is not supported: Backprop's API cannot express"),
                new Case("the Adam updater for biases", network(dense().biasUpdater(new Adam(0.01)).build(),
                        output().build()), "layer 0 (DenseLayer): bias updater Adam is not supported"),
                new Case("gradient ascent", network(b -> b.minimize(false), dense().build(), output().build()),
                        "layer 0 (DenseLayer): minimize(false) (gradient ascent) is not supported"),
                new Case("line search", network(b -> b.optimizationAlgo(OptimizationAlgorithm.LBFGS), dense().build(),
                        output().build()), "layer 0 (DenseLayer): optimization algorithm LBFGS is not supported"),
                new Case("a layer whose nIn is not the previous layer's nOut", mismatched,
                        "layer 1 (OutputLayer): nIn is 3 but layer 0 has 2 outputs"));
    }

    @ParameterizedTest(name = "{0} is refused by fromMultiLayerNetwork, naming the layer and the setting")
    @MethodSource("cases")
    void fromMultiLayerNetworkRefusesIt(Case c) {
        MultiLayerNetwork network = new MultiLayerNetwork(c.configuration());
        network.init();

        assertThatThrownBy(() -> Dl4jModels.fromMultiLayerNetwork(network))
                .isInstanceOf(SpecException.class)
                .hasMessageContainingAll(c.fragments())
                .satisfies(e -> assertOneLine(e.getMessage()));
    }

    @ParameterizedTest(name = "{0} is refused on import of a ModelSerializer zip, on one line")
    @MethodSource("cases")
    void importRefusesIt(Case c) throws IOException {
        MultiLayerNetwork network = new MultiLayerNetwork(c.configuration());
        network.init();
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(network, zip.toFile(), true);

        assertThatThrownBy(() -> Dl4jModels.read(zip))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(zip + ": configuration.json: ")
                .hasMessageContainingAll(c.fragments())
                .satisfies(e -> assertOneLine(e.getMessage()));
    }

    @Test
    void l2ForTheWholeNetworkIsReadAsTheTrainingEntrysRegularization() throws IOException {
        // Refused until the model file had a training entry: the API's Regularization expresses it now.
        MultiLayerNetwork network = new MultiLayerNetwork(network(b -> b.l2(1e-4), dense().build(), output().build()));
        network.init();
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(network, zip.toFile(), true);

        for (Model model : new Model[] {Dl4jModels.read(zip), Dl4jModels.fromMultiLayerNetwork(network)}) {
            io.backprop.model.SavedTraining training = model.training().orElseThrow();
            assertThat(training.optimizer()).isEqualTo(io.backprop.optimizer.Optimizer.sgd());
            assertThat(training.learningRate()).isEqualTo(0.1);
            assertThat(training.regularization()).isEqualTo(io.backprop.optimizer.Regularization.l2(1e-4));
        }
    }

    @Test
    void layerNormalisationChangesWhatTheNetworkComputes() {
        // Why it is refused: the same weights and biases compute another output with it.
        MultiLayerNetwork normalised = new MultiLayerNetwork(network(dense().hasLayerNorm(true).build(), output().build()));
        normalised.init();
        MultiLayerNetwork plain = new MultiLayerNetwork(network(dense().build(), output().build()));
        plain.init();
        INDArray params = Nd4j.create(new double[] {0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25}, new long[] {1, 9});
        plain.setParams(params);
        // Layer normalisation adds a gain per unit (1 by default) after the dense layer's weights and biases.
        INDArray withGain = Nd4j.concat(1, params.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6)), Nd4j.ones(DataType.DOUBLE, 1, 2),
                params.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 9)));
        normalised.setParams(withGain);
        INDArray input = Nd4j.create(new double[][] {{2, 3}});

        assertThat(normalised.output(input).getDouble(0)).isNotCloseTo(plain.output(input).getDouble(0),
                org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void sgdWithAnyLearningRateNoOpAndAnyWeightInitialisationAreRead() throws IOException {
        // A distribution is named by a "type" property, which the class allowlist checks like "@class".
        MultiLayerNetwork network = new MultiLayerNetwork(network(dense().updater(new NoOp())
                        .weightInit(new NormalDistribution(0, 2)).build(),
                output().updater(new Sgd(0.003)).build()));
        network.init();
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(network, zip.toFile(), true);

        Model model = Dl4jModels.read(zip);

        assertThat(model.spec()).isEqualTo(ModelZips.SPEC);
        assertThat(Dl4jModels.fromMultiLayerNetwork(network).parameters()).isEqualTo(model.parameters());
    }

    @Test
    void anActivationSubclassIsRefusedSinceItMayComputeSomethingElse() {
        MultiLayerNetwork network = new MultiLayerNetwork(network(dense().activation(new ActivationSigmoid() {
            private static final long serialVersionUID = 1L;
        }).build(), output().build()));
        network.init();

        assertThatThrownBy(() -> Dl4jModels.fromMultiLayerNetwork(network))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("layer 0 (DenseLayer): activation");
    }

    @Test
    void aComputationGraphSavedByDl4jIsRefusedClearly() throws IOException {
        Nd4jRuntime.start();
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", dense().build(), "in")
                .addLayer("out", output().build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        Path zip = dir.resolve("graph.zip");
        ModelSerializer.writeModel(graph, zip.toFile(), false);

        assertThatThrownBy(() -> Dl4jModels.read(zip))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(zip + ": configuration.json: a ComputationGraph configuration")
                .hasMessageContaining("expected a MultiLayerNetwork");
    }
}
