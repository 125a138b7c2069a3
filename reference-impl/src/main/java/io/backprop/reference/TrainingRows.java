package io.backprop.reference;

import io.backprop.data.DataSet;

/**
 * The rows of the small data set a network is trained on per sample, one array per row, so that a
 * step hands its row to the kernels in place rather than first copying it out of the
 * {@link DataSet}: on the article's 2-2-1 network that copy was a tenth of the step. Only a data set
 * of at most {@link #MAX_VALUES} values is held, so the copy costs at most 2 MiB; a larger one is
 * read row by row as before. The held data set is recognised by identity, which is safe because a
 * {@code DataSet} never changes; it is held strongly until the network trains on another (a weak
 * reference's {@code get()} on every step cost the 2-2-1 step 8 ns, against 2 MiB at most kept).
 */
final class TrainingRows {
    /** The most features and targets held: 2 MiB of float64. */
    static final int MAX_VALUES = 1 << 18;

    private DataSet heldData;
    private double[][] features;
    private double[][] targets;

    /** Whether the rows of {@code data} are held (now copied, when they were not yet and fit). */
    boolean hold(DataSet data) {
        if (heldData == data) {
            return true;
        }
        long values = (long) data.rows() * (data.featureCount() + data.targetCount());
        if (values > MAX_VALUES || !data.hasTargets()) {
            return false;
        }
        features = new double[data.rows()][];
        targets = new double[data.rows()][];
        for (int r = 0; r < data.rows(); r++) {
            features[r] = data.featureRow(r);
            targets[r] = data.targetRow(r);
        }
        heldData = data;
        return true;
    }

    /** The features of {@code row} of the held data set; not to be written. */
    double[] features(int row) {
        return features[row];
    }

    /** The targets of {@code row} of the held data set; not to be written. */
    double[] targets(int row) {
        return targets[row];
    }
}
