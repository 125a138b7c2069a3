package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import io.backprop.model.Model;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.NativeModelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The way out to plain DL4J and back keeps every parameter bit for bit, and refuses what it cannot hold. */
class Dl4jModelsTest {
    @TempDir
    Path dir;

    private final NativeModelFormat zip = new Dl4jBackend().nativeFormat().orElseThrow();

    @TestFactory
    Stream<DynamicTest> everyKindOfNetworkSurvivesTheRoundTripThroughAModelSerializerZip() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Loss loss : Loss.values()) {
            for (Activation hidden : Activation.values()) {
                for (boolean bias : new boolean[] {true, false}) {
                    Activation output = loss == Loss.XENT ? (bias ? Activation.SOFTMAX : Activation.SIGMOID)
                            : hidden == Activation.SOFTMAX ? Activation.IDENTITY : hidden;
                    NetworkSpec spec = NetworkSpec.builder(3).layer(4, hidden, bias).layer(2, output, bias).loss(loss).build();
                    Path file = dir.resolve("model-" + n++ + ".zip");
                    tests.add(DynamicTest.dynamicTest(spec + (bias ? "" : ", no biases"), () -> {
                        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(spec, 17);
                        zip.write(Model.of(spec, parameters), file);
                        Model back = zip.read(file);
                        assertThat(back.spec()).isEqualTo(spec);
                        assertThat(back.parameters()).contains(parameters);
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void thePlainNetworkComputesWhatTheBackpropNetworkComputes() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(3, Activation.TANH).layer(2, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        Network network = Backends.create("reference", spec, Initializer.XAVIER_UNIFORM.initialize(spec, 4));
        MultiLayerNetwork mine = Dl4jModels.toMultiLayerNetwork(network);
        double[][] rows = {{0.5, -1}, {2, 3}};

        double[][] plain = mine.output(Nd4j.create(rows)).toDoubleMatrix();
        double[][] ours = network.predict(io.backprop.data.DataSet.ofFeatures(rows));

        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < 2; k++) {
                assertThat(plain[r][k]).isCloseTo(ours[r][k], org.assertj.core.api.Assertions.within(1e-15));
            }
        }
        assertThat(mine.params().dataType()).isEqualTo(DataType.DOUBLE);
    }

    @Test
    void aFloatNetworkIsReadWithItsValuesWidenedToDouble() {
        MultiLayerNetwork network = network(DataType.FLOAT, new DenseLayer.Builder().nIn(2).nOut(2)
                .activation(org.nd4j.linalg.activations.Activation.RELU).build(),
                new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build(), true);
        INDArray floats = network.params();

        Model model = Dl4jModels.fromMultiLayerNetwork(network);

        assertThat(model.spec()).isEqualTo(NetworkSpec.builder(2).layer(2, Activation.RELU).layer(1, Activation.SIGMOID)
                .loss(Loss.MSE).build());
        assertThat(model.parameters().orElseThrow().layer(0).weight(0, 0)).isEqualTo((double) floats.getFloat(0));
    }

    @Test
    void anUnsupportedActivationIsRefusedNamingTheLayer() {
        MultiLayerNetwork network = network(DataType.DOUBLE, new DenseLayer.Builder().nIn(2).nOut(2)
                .activation(org.nd4j.linalg.activations.Activation.ELU).build(),
                new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build(), true);

        assertThatThrownBy(() -> Dl4jModels.fromMultiLayerNetwork(network))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("layer 0 (DenseLayer): activation")
                .hasMessageContaining("is not supported; expected sigmoid, tanh");
    }

    @Test
    void anUnsupportedLossIsRefusedNamingIt() {
        MultiLayerNetwork network = network(DataType.DOUBLE, new DenseLayer.Builder().nIn(2).nOut(2)
                .activation(org.nd4j.linalg.activations.Activation.TANH).build(),
                new OutputLayer.Builder(LossFunction.MEAN_ABSOLUTE_ERROR).nIn(2).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), true);

        assertThatThrownBy(() -> Dl4jModels.fromMultiLayerNetwork(network))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("layer 1 (OutputLayer): loss")
                .hasMessageContaining("is not supported");
    }

    @Test
    void aSummedSquaredErrorAveragedOverTheBatchIsRefused() {
        // LossL2 with miniBatch(true) is the mean over rows of the summed error: neither mse nor sse.
        MultiLayerNetwork network = network(DataType.DOUBLE, new DenseLayer.Builder().nIn(2).nOut(2)
                .activation(org.nd4j.linalg.activations.Activation.TANH).build(),
                new OutputLayer.Builder(LossFunction.L2).nIn(2).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), true);

        assertThatThrownBy(() -> Dl4jModels.fromMultiLayerNetwork(network))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("with miniBatch(true) is not supported");
    }

    @Test
    void aLastLayerThatIsNotAnOutputLayerIsRefused() {
        MultiLayerNetwork network = network(DataType.DOUBLE, new DenseLayer.Builder().nIn(2).nOut(2)
                .activation(org.nd4j.linalg.activations.Activation.TANH).build(),
                new DenseLayer.Builder().nIn(2).nOut(1).activation(org.nd4j.linalg.activations.Activation.TANH).build(),
                true);

        assertThatThrownBy(() -> Dl4jModels.fromMultiLayerNetwork(network))
                .isInstanceOf(SpecException.class)
                .hasMessage("layer 1 (DenseLayer): not supported; expected an OutputLayer: Backprop holds dense layers"
                        + " followed by one output layer");
    }

    @Test
    void aFileThatIsNotAModelZipIsRefusedNamingIt() throws Exception {
        Path notZip = Files.writeString(dir.resolve("model.zip"), "not a zip");
        assertThatThrownBy(() -> zip.read(notZip))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(notZip + ": not a DL4J MultiLayerNetwork zip");
        assertThatThrownBy(() -> zip.read(dir.resolve("missing.zip")))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no such file");
    }

    private static MultiLayerNetwork network(DataType type, org.deeplearning4j.nn.conf.layers.Layer first,
                                             org.deeplearning4j.nn.conf.layers.Layer second, boolean miniBatch) {
        Nd4jRuntime.start();
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder().dataType(type)
                .updater(new Sgd(0.1)).miniBatch(miniBatch).list().layer(first).layer(second).build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
