package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.teaching.Xor;
import io.backprop.teaching.XorLoops;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training runs: XOR with per-sample SGD and XOR with full-batch gradient descent against loops
 * written as their sources write them ({@link XorLoops}), and trajectories for batch sizes 1, 3 and
 * all, with and without shuffling, against SGD done by hand from the backend's own gradients on the
 * batches the API's schedule defines.
 */
final class RunCases {
    private RunCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(new SimpleCase("xor.per-sample-sgd", "XOR with per-sample SGD: 2-2-1 sigmoid, mse, η = 0.1,"
                + " 100 epochs, against the hand-unrolled loop", List.of(Xor.PER_SAMPLE_NETWORK),
                RunCases::xorPerSample).notes(
                        "100 epochs of per-sample SGD on XOR (2-2-1 sigmoid, mse, η = 0.1) against the loop written "
                        + "as its source writes it (XorLoops.perSampleSgd)",
                        Notes.allowed("parameters", Kind.TRAJECTORY),
                        "the update after each row, in order; the sigmoid's derivative; biases stepped with the "
                        + "weights"));
        cases.add(new SimpleCase("xor.full-batch-sse", "XOR with full-batch gradient descent: no biases, summed squared"
                + " error, η = 1, 1 and 20 steps against its matrix loop (longer runs amplify last-bit rounding)",
                List.of(Xor.FULL_BATCH_NETWORK), RunCases::xorFullBatch).notes(
                        "full-batch gradient descent on XOR without biases under the summed squared error, η = 1: the "
                        + "parameters after 1 and after 20 steps against a matrix loop "
                        + "(XorLoops.fullBatchWithoutBiases)",
                        Notes.allowed("parameters", Kind.TRAJECTORY),
                        "sse's gradient, not averaged over rows (Loss.averagesRows); layers without bias; batch size "
                        + "all, one step per epoch"));
        NetworkSpec small = NetworkSpec.builder(3).layer(4, Activation.TANH).layer(2, Activation.SIGMOID)
                .loss(Loss.MSE).build();
        NetworkSpec classifier = NetworkSpec.builder(3).layer(5, Activation.RELU).layer(3, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        for (NetworkSpec spec : List.of(small, classifier)) {
            for (BatchSize batch : List.of(BatchSize.of(1), BatchSize.of(3), BatchSize.ALL)) {
                for (boolean shuffle : new boolean[] {false, true}) {
                    String id = "trajectory." + (spec == small ? "mse" : "xent") + ".batch-" + batch
                            + (shuffle ? ".shuffled" : ".in-order");
                    cases.add(new SimpleCase(id, "5 epochs of batch size " + batch + (shuffle ? ", shuffled with seed 7" : "")
                            + " on " + spec + " equal SGD by hand on the scheduled batches", List.of(spec),
                            backend -> trajectory(backend, spec, batch, shuffle)).notes(
                        "fit() with this batch size, in order or shuffled with seed 7, against SGD done by hand with "
                        + "the backend's own gradients on the batches the API's schedule defines: the parameters after "
                        + "5 epochs, and each epoch's reported loss",
                        Notes.allowed("parameters, losses", Kind.TRAJECTORY),
                        "the batch schedule (TrainingLoop): rows in order, or one Random(seed) reshuffling the order "
                        + "by Fisher–Yates from the last position at the start of each epoch; a last batch smaller than "
                        + "the others; the gradient averaged over each batch's rows; the loss reported over all rows "
                        + "after each epoch"));
                }
            }
        }
        return cases;
    }

    private static void xorPerSample(Backend backend) {
        Network network = backend.create(Xor.PER_SAMPLE_NETWORK, Xor.PER_SAMPLE_START);
        network.fit(Xor.DATA, Xor.perSampleTraining(100));
        Check.parameters("parameters after 100 epochs", network.parameters(),
                XorLoops.perSampleSgd(Xor.PER_SAMPLE_START, 100), Tolerances.TRAJECTORY);
    }

    private static void xorFullBatch(Backend backend) {
        for (int steps : new int[] {1, 20}) {
            Network network = backend.create(Xor.FULL_BATCH_NETWORK, Xor.FULL_BATCH_START);
            network.fit(Xor.DATA, Xor.fullBatchTraining(steps));
            Check.parameters("parameters after " + steps + " full-batch steps", network.parameters(),
                    XorLoops.fullBatchWithoutBiases(Xor.FULL_BATCH_START, steps), Tolerances.TRAJECTORY);
        }
    }

    /**
     * fit against SGD by hand: the API's schedule (rows in order, or one {@code Random(seed)}
     * reshuffling the order by Fisher–Yates from the last position at the start of each epoch),
     * and after each batch {@code θ ← θ − η·∂L/∂θ} with the backend's own gradients of that batch.
     */
    private static void trajectory(Backend backend, NetworkSpec spec, BatchSize batch, boolean shuffle) {
        double learningRate = 0.05;
        int epochs = 5;
        Random random = new Random(11);
        double[][] x = new double[7][spec.inputs()];
        double[][] y = new double[7][spec.outputs()];
        for (int r = 0; r < 7; r++) {
            for (int i = 0; i < spec.inputs(); i++) {
                x[r][i] = random.nextGaussian();
            }
            y[r][r % spec.outputs()] = 1;
        }
        DataSet data = DataSet.of(x, y);
        Parameters start = Initializer.XAVIER_UNIFORM.initialize(spec, 5);

        TrainingOptions.Builder options = TrainingOptions.builder().learningRate(learningRate).epochs(epochs)
                .batchSize(batch);
        if (shuffle) {
            options.shuffle(7);
        }
        Network fitted = backend.create(spec, start);
        TrainingResult result = fitted.fit(data, options.build());

        Network byHand = backend.create(spec, start);
        int[] order = new int[data.rows()];
        Arrays.setAll(order, r -> r);
        Random shuffler = shuffle ? new Random(7) : null;
        int size = batch.rowsFor(data.rows());
        double[] losses = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (shuffler != null) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = shuffler.nextInt(i + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
            }
            for (int from = 0; from < order.length; from += size) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(from + size, order.length));
                byHand.setParameters(OracleTraining.step(byHand.parameters(), byHand.gradients(data.select(rows)), learningRate));
            }
            losses[epoch] = byHand.loss(data);
        }
        Check.parameters("parameters after " + epochs + " epochs", fitted.parameters(), byHand.parameters(),
                Tolerances.TRAJECTORY);
        double[] reported = result.losses();
        for (int epoch = 0; epoch < epochs; epoch++) {
            Check.value("loss reported after epoch " + (epoch + 1), reported[epoch], losses[epoch], Tolerances.TRAJECTORY);
        }
    }
}
