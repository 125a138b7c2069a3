package io.backprop.dl4j;

import static io.backprop.dl4j.OneLine.assertOneLine;
import static io.backprop.dl4j.Trajectories.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.error.ModelFileException;
import io.backprop.model.Model;
import io.backprop.model.SavedTraining;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A model with a training entry, exported with {@link Dl4jModelFile}, carries its updater, schedule,
 * regularization, state and counts into DL4J's zip: plain DL4J goes on from there as Backprop would,
 * and import gives the entry back.
 */
class ExportedUpdaterStateTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final DataSet DATA = Trajectories.data(SPEC, 6, 29);

    @TempDir
    Path dir;

    private static TrainingOptions.Builder adamWithL2() {
        return TrainingOptions.builder().optimizer(Optimizer.adam()).learningRate(0.01)
                .schedule(new LearningRateSchedule.StepDecay(LearningRateSchedule.Unit.EPOCH, 0.5, 10))
                .regularization(Regularization.l2(0.01).withL2Bias(0.002)).batchSize(BatchSize.of(3))
                .lossEvery(Integer.MAX_VALUE);
    }

    private static Model trained(Network network, TrainingOptions options) {
        return Model.of(SPEC, network.parameters())
                .withTraining(Optional.of(SavedTraining.of(network.trainingState(), options)));
    }

    private Path exported(Model model) {
        Path zip = dir.resolve("model-" + System.nanoTime() + ".zip");
        new Dl4jModelFile().write(model, zip);
        return zip;
    }

    @Test
    void adamWithL2ExportedMidTrainingGoesOnInPlainDl4jAsBackpropWould() throws Exception {
        TrainingOptions options = adamWithL2().epochs(30).build();
        Network network = Backends.create("dl4j", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 5));
        network.fit(DATA, options);
        Path zip = exported(trained(network, options));

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        assertThat(restored.getIterationCount()).isEqualTo(60);
        assertThat(restored.getEpochCount()).isEqualTo(30);
        INDArray features = Nd4j.create(DATA.features());
        INDArray targets = Nd4j.create(DATA.targets());
        for (int epoch = 0; epoch < 20; epoch++) {
            for (int from = 0; from < DATA.rows(); from += 3) {
                restored.fit(features.get(NDArrayIndex.interval(from, from + 3)),
                        targets.get(NDArrayIndex.interval(from, from + 3)));
            }
            // fit(features, labels) counts iterations only; the schedule is by epoch.
            restored.incrementEpochCount();
        }
        network.fit(DATA, adamWithL2().epochs(20).build());

        // DL4J's own LossMSE and activations against the backend's exact ones: rounding only.
        assertClose(ParameterLayout.unflatten(SPEC, restored.params(), 1.0), network.parameters(),
                Tolerances.TRAJECTORY, "30 epochs in Backprop, 20 more in plain DL4J");
    }

    @Test
    void exportThenImportGivesBackTheModelWithItsTrainingEntryBitForBit() {
        TrainingOptions options = adamWithL2().epochs(7).build();
        Network network = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 6));
        network.fit(DATA, options);
        Model model = trained(network, options);

        Model back = Dl4jModels.read(exported(model));

        assertThat(back.training()).isPresent();
        assertThat(back.training().get().state().iteration()).isEqualTo(14);
        assertThat(back).isEqualTo(model);
    }

    @Test
    void everyOptimizerAndScheduleComesBackBitForBit() {
        Optimizer[] optimizers = {Optimizer.sgd(), new Optimizer.Nesterov(0.8), new Optimizer.Adam(0.8, 0.99, 1e-7),
                new Optimizer.RmsProp(0.9, 1e-6), new Optimizer.AdaGrad(1e-5)};
        LearningRateSchedule[] schedules = {LearningRateSchedule.FIXED,
                new LearningRateSchedule.Exponential(LearningRateSchedule.Unit.ITERATION, 0.99),
                new LearningRateSchedule.Mapped(LearningRateSchedule.Unit.ITERATION,
                        new java.util.TreeMap<>(Map.of(3, 0.02, 8, 0.005)))};
        for (int k = 0; k < optimizers.length; k++) {
            TrainingOptions options = TrainingOptions.builder().optimizer(optimizers[k]).learningRate(0.03)
                    .schedule(schedules[k % schedules.length])
                    .regularization(Regularization.weightDecay(0.01).withWeightDecayWithLearningRate(k % 2 == 0))
                    .batchSize(BatchSize.of(2)).epochs(3).lossEvery(Integer.MAX_VALUE).build();
            Network network = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, k));
            network.fit(DATA, options);
            Model model = trained(network, options);

            assertThat(Dl4jModels.read(exported(model))).as("%s", optimizers[k]).isEqualTo(model);
        }
    }

    @Test
    void anImportedMidTrainingZipResumedOnReferenceGoesOnAsUninterrupted() {
        TrainingOptions options = adamWithL2().epochs(30).build();
        Network interrupted = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 7));
        Network uninterrupted = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 7));
        interrupted.fit(DATA, options);
        uninterrupted.fit(DATA, adamWithL2().epochs(50).build());

        Model imported = Dl4jModels.read(exported(trained(interrupted, options)));
        SavedTraining training = imported.training().orElseThrow();
        Network resumed = Backends.create("reference", SPEC, imported.parameters().orElseThrow());
        resumed.setTrainingState(training.state());
        resumed.fit(DATA, training.options().batchSize(BatchSize.of(3)).epochs(20).lossEvery(Integer.MAX_VALUE).build());

        // One backend, and the state bit for bit through the zip: the same steps, the same numbers.
        assertThat(resumed.parameters()).isEqualTo(uninterrupted.parameters());
        assertThat(resumed.trainingState()).isEqualTo(uninterrupted.trainingState());
    }

    @Test
    void anAdamZipWithoutItsUpdaterStateImportsWithAFreshStateAsDl4jRestoresIt() throws Exception {
        TrainingOptions options = adamWithL2().epochs(4).build();
        Network network = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 8));
        network.fit(DATA, options);
        Map<String, byte[]> entries = new LinkedHashMap<>(ModelZips.entries(
                Files.readAllBytes(exported(trained(network, options)))));
        entries.remove(Dl4jZip.UPDATER_STATE);
        Path zip = ModelZips.write(dir, "stateless.zip", entries);

        TrainingState state = Dl4jModels.read(zip).training().orElseThrow().state();

        assertThat(state).isEqualTo(TrainingState.starting(Optimizer.adam(), SPEC, 8, 4));
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        assertThat(Dl4jModels.trainingState(restored, SPEC)).as("what DL4J restores").isEqualTo(state);
    }

    @Test
    void aTamperedUpdaterStateIsRefusedOnOneLineNamingTheEntry() throws Exception {
        TrainingOptions options = adamWithL2().epochs(2).build();
        Network network = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 9));
        network.fit(DATA, options);
        Map<String, byte[]> entries = ModelZips.entries(Files.readAllBytes(exported(trained(network, options))));
        byte[] state = entries.get(Dl4jZip.UPDATER_STATE);
        int count = SPEC.parameterCount();
        Map<String, String> tampered = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("short", ModelZips.coefficients(count, count, new double[count]));
        tampered.put("short", "shape [" + count + "] holds " + count + " values; adam keeps 2 values (m, v) per"
                + " weight and bias, " + 2 * count + " in all");
        contents.put("declared", ModelZips.coefficients(2 * count, count, new double[count]));
        tampered.put("declared", "declares " + count + " values; adam keeps 2 values (m, v) per weight and bias, "
                + 2 * count + " in all");
        contents.put("truncated", java.util.Arrays.copyOf(state, state.length - 5));
        tampered.put("truncated", "ends after");
        contents.put("longer", java.util.Arrays.copyOf(state, state.length + 8));
        tampered.put("longer", "goes on after its " + 2 * count + " values");
        byte[] header = state.clone();
        header[2] = 'X';
        contents.put("header", header);
        tampered.put("header", "allocation mode");
        for (Map.Entry<String, byte[]> c : contents.entrySet()) {
            Path zip = ModelZips.write(dir, c.getKey() + ".zip", ModelZips.with(entries, Dl4jZip.UPDATER_STATE,
                    c.getValue()));

            assertThatThrownBy(() -> Dl4jModels.read(zip)).as(c.getKey())
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith(zip + ": updaterState.bin: ")
                    .hasMessageContaining(tampered.get(c.getKey()))
                    .satisfies(e -> assertOneLine(e.getMessage()));
        }
    }

    @Test
    void aFloat32AdamNetworkSavedByPlainDl4jImportsWithItsStateWidened() throws Exception {
        Nd4jRuntime.start();
        org.deeplearning4j.nn.conf.MultiLayerConfiguration configuration =
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                        .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT).seed(3)
                        .updater(new org.nd4j.linalg.learning.config.Adam(0.02)).l2(1e-3).list()
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(3).nOut(4)
                                .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                        .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                                .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                        .build();
        MultiLayerNetwork theirs = new MultiLayerNetwork(configuration);
        theirs.init();
        for (int step = 0; step < 5; step++) {
            theirs.fit(Nd4j.create(DATA.features()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                    Nd4j.create(DATA.targets()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        }
        Path zip = dir.resolve("theirs.zip");
        ModelSerializer.writeModel(theirs, zip.toFile(), true);

        SavedTraining training = Dl4jModels.read(zip).training().orElseThrow();

        assertThat(training.optimizer()).isEqualTo(new Optimizer.Adam(0.9, 0.999, 1e-8));
        assertThat(training.learningRate()).isEqualTo(0.02);
        assertThat(training.regularization()).isEqualTo(Regularization.l2(1e-3));
        assertThat(training.state().iteration()).isEqualTo(5);
        // float32 values widened to double exactly, so the state is the network's own.
        assertThat(training.state()).isEqualTo(Dl4jModels.trainingState(theirs, SPEC));
    }

    @Test
    void trainingSettingsOutOfRangeAreRefusedAsTheConfigurationsOnOneLine() throws Exception {
        TrainingOptions options = adamWithL2().schedule(new LearningRateSchedule.Exponential(
                LearningRateSchedule.Unit.ITERATION, 0.99)).epochs(2).build();
        Network network = Backends.create("reference", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 10));
        network.fit(DATA, options);
        Map<String, byte[]> entries = ModelZips.entries(Files.readAllBytes(exported(trained(network, options))));
        String configuration = new String(entries.get(Dl4jZip.CONFIGURATION), java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String[]> hostile = new LinkedHashMap<>();
        hostile.put("\"iterationCount\" : 4", new String[] {"\"iterationCount\" : -4", "iterationCount -4"});
        hostile.put("\"gamma\" : 0.99", new String[] {"\"gamma\" : -0.99", "layer 1 (OutputLayer): "});
        hostile.put("\"initialValue\" : 0.01", new String[] {"\"initialValue\" : 0.0", "learning rate 0.0"});
        for (Map.Entry<String, String[]> h : hostile.entrySet()) {
            assertThat(configuration).contains(h.getKey());
            Path zip = ModelZips.write(dir, "hostile.zip", ModelZips.with(entries, Dl4jZip.CONFIGURATION,
                    ModelZips.utf8(configuration.replace(h.getKey(), h.getValue()[0]))));

            assertThatThrownBy(() -> Dl4jModels.read(zip)).as(h.getValue()[0])
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith(zip + ": configuration.json: ")
                    .hasMessageContaining(h.getValue()[1])
                    .satisfies(e -> assertOneLine(e.getMessage()));
        }
    }

    @Test
    void plainSgdThatTookStepsComesBackWithItsCountsUnlessItsRatesDifferByLayer() throws Exception {
        Nd4jRuntime.start();
        for (boolean perLayer : new boolean[] {false, true}) {
            org.deeplearning4j.nn.conf.MultiLayerConfiguration configuration =
                    new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                            .updater(new org.nd4j.linalg.learning.config.Sgd(0.1)).list()
                            .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(3).nOut(4)
                                    .updater(perLayer ? new org.nd4j.linalg.learning.config.NoOp()
                                            : new org.nd4j.linalg.learning.config.Sgd(0.1))
                                    .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                            .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                                    org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                                    .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                            .build();
            MultiLayerNetwork theirs = new MultiLayerNetwork(configuration);
            theirs.init();
            theirs.fit(Nd4j.create(DATA.features()), Nd4j.create(DATA.targets()));
            Path zip = dir.resolve("sgd-" + perLayer + ".zip");
            ModelSerializer.writeModel(theirs, zip.toFile(), true);

            Optional<SavedTraining> training = Dl4jModels.read(zip).training();

            if (perLayer) {
                // A frozen layer the API cannot express: read as it always was, without the rates.
                assertThat(training).isEmpty();
            } else {
                assertThat(training.orElseThrow().state()).isEqualTo(TrainingState.starting(Optimizer.sgd(), SPEC, 1, 0));
                assertThat(training.orElseThrow().learningRate()).isEqualTo(0.1);
            }
        }
    }
}
