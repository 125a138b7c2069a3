package io.backprop.conformance;

import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The oracle's SGD, as {@link TrainingOptions} defines it, trusting no backend: the API's batch
 * schedule, and after each batch {@code θ ← θ − η·∂L/∂θ} with the oracle's own closed-form
 * gradients ({@link OracleBackprop}) of that batch's loss, a mean over its rows for mse and xent and
 * a sum for sse.
 */
final class OracleTraining {
    private OracleTraining() {
    }

    /**
     * Where a run ends.
     *
     * @param parameters the parameters after the last epoch
     * @param losses the loss over the whole data set after every {@code lossEvery}-th epoch
     */
    record Trajectory(Parameters parameters, double[] losses) {
    }

    /**
     * The batches of a whole run, in order, as row indices of the data set: each epoch the rows in
     * order, or, with a seed, one {@code Random(seed)} for the run reshuffling the order at the start
     * of every epoch by Fisher–Yates from the last position down; then batches of
     * {@code batchSize.rowsFor(rows)} rows, the last one smaller when the rows do not divide evenly.
     */
    static List<int[]> schedule(int rows, TrainingOptions options) {
        int[] order = new int[rows];
        Arrays.setAll(order, r -> r);
        Random shuffler = options.shuffleSeed().isPresent() ? new Random(options.shuffleSeed().getAsLong()) : null;
        int size = options.batchSize().rowsFor(rows);
        List<int[]> batches = new ArrayList<>();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            if (shuffler != null) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = shuffler.nextInt(i + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
            }
            for (int from = 0; from < rows; from += size) {
                batches.add(Arrays.copyOfRange(order, from, Math.min(from + size, rows)));
            }
        }
        return batches;
    }

    /** Trains from {@code start} as {@code options} say (the listener aside: the run is never stopped). */
    static Trajectory fit(NetworkSpec spec, Parameters start, DataSet data, TrainingOptions options) {
        List<int[]> batches = schedule(data.rows(), options);
        int perEpoch = batches.size() / options.epochs();
        double[] losses = new double[options.epochs() / options.lossEvery()];
        Parameters parameters = start;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            for (int b = 0; b < perEpoch; b++) {
                DataSet batch = data.select(batches.get((epoch - 1) * perEpoch + b));
                parameters = step(parameters, OracleBackprop.gradients(spec, parameters, batch), options.learningRate());
            }
            if (epoch % options.lossEvery() == 0) {
                losses[epoch / options.lossEvery() - 1] = Oracle.loss(spec, parameters, data);
            }
        }
        return new Trajectory(parameters, losses);
    }

    /** {@code θ − η·g}, every weight and bias. */
    static Parameters step(Parameters theta, Parameters g, double learningRate) {
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < theta.layers().size(); l++) {
            LayerParameters p = theta.layer(l);
            LayerParameters d = g.layer(l);
            double[] w = new double[p.units() * p.inputs()];
            double[] dw = new double[w.length];
            p.copyWeightsTo(w, 0);
            d.copyWeightsTo(dw, 0);
            for (int k = 0; k < w.length; k++) {
                w[k] -= learningRate * dw[k];
            }
            double[] b = null;
            if (p.hasBiases()) {
                b = p.biases();
                double[] db = d.biases();
                for (int j = 0; j < b.length; j++) {
                    b[j] -= learningRate * db[j];
                }
            }
            layers.add(LayerParameters.ofFlat(p.units(), p.inputs(), w, b));
        }
        return Parameters.of(layers);
    }
}
