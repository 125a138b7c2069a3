package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.data.DataSet;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * Every call leaves behind no native array: DJL frees an array only when its manager closes, and an
 * operation's result belongs to its receiver's manager, so one result attached to the network's own
 * manager would grow native memory by one tensor a step, for as long as the network lives (a long
 * run's 100,000 steps). Counted by DJL itself, so a leak of a single array fails.
 */
class NativeArraysTest {
    /** A network with every activation's backward path: softmax hidden, tanh, relu, sigmoid, and no-bias layers. */
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .layer(4, Activation.TANH)
            .layer(3, Activation.SOFTMAX, false)
            .layer(3, Activation.RELU)
            .layer(2, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    private static final DataSet DATA = DataSet.of(
            new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}, {-2.0, 1.0, 0.5}},
            new double[][] {{1, 0}, {0, 1}, {1, 1}});

    @Test
    void callsLeaveOnlyTheWeightsAndBiases() {
        PytorchNetwork network = (PytorchNetwork) new PytorchBackend().create(SPEC, parameters());
        int parameterTensors = 4 + 3; // four weight matrices, three bias vectors
        assertThat(network.nativeArrays()).isEqualTo(parameterTensors);

        for (int k = 0; k < 5; k++) {
            network.predict(DATA);
            network.loss(DATA);
            network.gradients(DATA);
        }
        network.fit(DATA, options(Optimizer.sgd(), 50));
        network.fit(DATA, options(Optimizer.adam(), 50));
        network.setParameters(parameters());

        assertThat(network.nativeArrays()).isEqualTo(parameterTensors);
    }

    private static TrainingOptions options(Optimizer optimizer, int epochs) {
        return TrainingOptions.builder()
                .optimizer(optimizer)
                .regularization(Regularization.NONE)
                .learningRate(0.01)
                .epochs(epochs)
                .batchSize(BatchSize.of(1))
                .build();
    }

    private static Parameters parameters() {
        return Parameters.of(
                layer(4, 3, true, 0.1),
                layer(3, 4, false, -0.2),
                layer(3, 3, true, 0.3),
                layer(2, 3, true, -0.1));
    }

    private static LayerParameters layer(int units, int inputs, boolean bias, double scale) {
        double[] w = new double[units * inputs];
        for (int k = 0; k < w.length; k++) {
            w[k] = scale * (k % 5 - 2);
        }
        double[] b = null;
        if (bias) {
            b = new double[units];
            for (int j = 0; j < units; j++) {
                b[j] = scale * j;
            }
        }
        return LayerParameters.ofFlat(units, inputs, w, b);
    }
}
