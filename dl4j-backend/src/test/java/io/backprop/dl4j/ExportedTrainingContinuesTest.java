package io.backprop.dl4j;

import static io.backprop.dl4j.Trajectories.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network taken to plain DL4J mid-training, with its updater, state and counts, and saved with
 * {@code ModelSerializer}, goes on in DL4J's own {@code fit} as it would have in Backprop.
 */
class ExportedTrainingContinuesTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final DataSet DATA = Trajectories.data(SPEC, 6, 23);

    @Test
    void adamSavedWithItsUpdaterGoesOnInPlainDl4jAsInBackprop(@TempDir Path dir) throws Exception {
        // By iteration: DL4J's fit of one batch counts iterations itself, not epochs.
        TrainingOptions options = TrainingOptions.builder().optimizer(Optimizer.adam()).learningRate(0.01)
                .schedule(LearningRateSchedule.parse("exponential:0.99:iteration"))
                .regularization(Regularization.l2(0.01).withWeightDecay(0.02)).batchSize(BatchSize.of(3))
                .epochs(10).lossEvery(Integer.MAX_VALUE).build();
        Network network = Backends.create("dl4j", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 3));
        network.fit(DATA, options);

        File file = dir.resolve("going.zip").toFile();
        ModelSerializer.writeModel(Dl4jModels.toMultiLayerNetwork(network, options), file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertThat(restored.getIterationCount()).isEqualTo(20);
        assertThat(restored.getEpochCount()).isEqualTo(10);
        assertThat(Dl4jModels.trainingState(restored, SPEC)).isEqualTo(network.trainingState());
        INDArray features = Nd4j.create(DATA.features());
        INDArray targets = Nd4j.create(DATA.targets());
        for (int epoch = 0; epoch < 10; epoch++) {
            for (int from = 0; from < DATA.rows(); from += 3) {
                restored.fit(features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + 3)),
                        targets.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + 3)));
            }
        }
        network.fit(DATA, options);

        // DL4J's own LossMSE and activations against the backend's exact ones: rounding only.
        assertClose(ParameterLayout.unflatten(SPEC, restored.params(), 1.0), network.parameters(),
                Tolerances.TRAJECTORY, "10 more epochs in plain DL4J");
    }

    @Test
    void theStateOfAPlainDl4jNetworkCarriesItsTrainingIntoBackprop() {
        TrainingOptions options = TrainingOptions.builder().optimizer(new Optimizer.RmsProp(0.9, 1e-6))
                .learningRate(0.02).batchSize(BatchSize.of(2)).epochs(4).lossEvery(Integer.MAX_VALUE).build();
        Network network = Backends.create("dl4j", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 4));
        network.fit(DATA, options);
        MultiLayerNetwork plain = Dl4jModels.toMultiLayerNetwork(network, options);
        Network carried = Backends.create("reference", SPEC, network.parameters());

        carried.setTrainingState(Dl4jModels.trainingState(plain, SPEC));
        carried.fit(DATA, options);
        network.fit(DATA, options);

        assertClose(carried.parameters(), network.parameters(), Tolerances.TRAJECTORY, "4 more epochs on reference");
    }

    @Test
    void anUpdaterTheApiHasNoOptimizerForIsNamed() {
        MultiLayerNetwork plain = Dl4jModels.toMultiLayerNetwork(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 4));
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) plain.getLayer(1).conf().getLayer())
                .setIUpdater(new org.nd4j.linalg.learning.config.Nadam());

        assertThatThrownBy(() -> Dl4jModels.trainingState(plain, SPEC)).isInstanceOf(TrainingException.class)
                .hasMessageContaining("layer 1").hasMessageContaining("Nadam")
                .hasMessageContaining("expected one of Sgd, Nesterovs, Adam, RmsProp, AdaGrad");
    }
}
