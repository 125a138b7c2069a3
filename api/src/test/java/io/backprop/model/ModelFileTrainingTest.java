package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.ModelFileException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Parameters;
import io.backprop.params.TwoTwoOne;
import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional "training" entry: written and read back bit for bit, and every bad one refused naming its field. */
class ModelFileTrainingTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(2)
            .layer(new LayerSpec(2, Activation.SIGMOID, true))
            .layer(new LayerSpec(1, Activation.SIGMOID, true))
            .loss(io.backprop.spec.Loss.MSE)
            .build();
    private static final Parameters PARAMETERS = TwoTwoOne.of(0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9);

    @TempDir
    Path dir;

    private static Model adamModel() {
        Parameters m = TwoTwoOne.of(1e-3, -2e-17, 0.1 / 3, 4, 5, 6, 7, 8, 9);
        Parameters v = TwoTwoOne.of(Math.PI, Math.E, 1e-300, 4.9e-324, 5, 6, 7, 8, 9);
        TrainingState state = new TrainingState(new Optimizer.Adam(0.8, 0.99, 1e-7), 600, 60, List.of(m, v));
        SavedTraining training = new SavedTraining(state, 0.003, LearningRateSchedule.parse("step:0.5:10"),
                Regularization.l2(1e-4).withWeightDecayBias(0.01).withWeightDecayWithLearningRate(false));
        return Model.of(SPEC, PARAMETERS).withTraining(Optional.of(training));
    }

    @Test
    void theTrainingEntryReadsBackBitForBit() {
        Model model = adamModel();
        Path file = dir.resolve("m.json");
        ModelFile.write(file, model);

        Model read = ModelFile.read(file);
        assertThat(read).isEqualTo(model);
        assertThat(read.training().get().state().state("v").layer(0).weight(1, 1)).isEqualTo(4.9e-324);
    }

    @Test
    void aFileWithoutTheEntryStaysValidAndNewParametersDropTheState() {
        Model plain = Model.of(SPEC, PARAMETERS);
        assertThat(ModelFile.parse(ModelFile.toJson(plain), "m.json").training()).isEmpty();
        assertThat(adamModel().withParameters(PARAMETERS).training()).isEmpty();
    }

    @Test
    void badEntriesAreRefusedNamingTheField() {
        String json = ModelFile.toJson(adamModel());
        refused(json.replace("\"iteration\" : 600", "\"iteration\" : -1"),
                "m.json: training.iteration: found -1; expected a whole number from 0 to 9223372036854775807");
        refused(json.replace("\"epoch\" : 60", "\"epoch\" : 60, \"momentum\" : 1"),
                "m.json: training.momentum: unknown field; expected only epoch, iteration, learningRate, optimizer,"
                        + " regularization, schedule, state");
        refused(json.replace("\"name\" : \"adam\"", "\"name\" : \"adma\""),
                "m.json: training.optimizer: optimizer: found \"adma\" (did you mean adam?); expected one of sgd,"
                        + " nesterov, adam, rmsprop, adagrad");
        refused(json.replace("\"beta1\" : 0.8", "\"beta1\" : 1.5"),
                "m.json: training.optimizer: adam beta1: found 1.5; expected a number in [0, 1)");
        refused(json.replace("\"schedule\" : \"step:0.5:10.0\"", "\"schedule\" : \"cosine\""),
                "m.json: training.schedule: learning-rate schedule: found \"cosine\"; expected step:DECAY:EVERY,"
                        + " exponential:GAMMA or map:COUNT=RATE,… (for example step:0.5:10), optionally ending in"
                        + " :epoch (the default) or :iteration");
        refused(json.replace("\"v\" : [", "\"w\" : ["),
                "m.json: training.state.w: unknown field; expected only m, v");
    }

    @Test
    void aStateWhoseShapeDoesNotMatchTheLayersIsRefusedNamingIt() {
        String json = ModelFile.toJson(adamModel());
        String shorter = json.replaceFirst("\"weights\" : \\[ \\[ 3.141592653589793, 2.718281828459045 \\], ",
                "\"weights\" : [ ");
        assertThat(shorter).isNotEqualTo(json);
        refused(shorter, "m.json: training.state.v[0].weights: found an array of 1; expected 2 rows (one per unit) of"
                + " 2 numbers (one per input)");
    }

    @Test
    void aSpecOnlyCannotCarryATrainingState() {
        refused("""
                {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
                 "layers": [{"units": 2, "activation": "sigmoid"}, {"units": 1, "activation": "sigmoid"}],
                 "training": {"optimizer": {"name": "sgd"}, "learningRate": 0.1, "iteration": 0, "epoch": 0,
                              "state": {}}}
                """, "m.json: training: present in a spec only; expected a training state only beside the weights"
                + " it belongs to");
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> ModelFile.parse(json, "m.json")).isInstanceOf(ModelFileException.class)
                .hasMessage(message);
    }
}
