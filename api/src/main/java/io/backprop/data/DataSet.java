package io.backprop.data;

import io.backprop.error.DataException;
import io.backprop.spec.NetworkSpec;
import java.util.Arrays;

/**
 * Rows of features and their targets, as an immutable value held in flat row-major arrays.
 *
 * <p>A data set for prediction alone has no target columns. Every value is finite; the
 * constructors refuse NaN and infinity, naming the row and column.
 */
public final class DataSet {
    private final int rows;
    private final int featureCount;
    private final int targetCount;
    private final double[] features; // [row * featureCount + column]
    private final double[] targets; // [row * targetCount + column]

    private DataSet(int rows, int featureCount, int targetCount, double[] features, double[] targets) {
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }

    /**
     * A data set from {@code features[row][column]} and {@code targets[row][column]}.
     *
     * @throws DataException when rows differ in length, the two matrices differ in rows, or a value is not finite
     */
    public static DataSet of(double[][] features, double[][] targets) {
        if (features.length != targets.length) {
            throw new DataException("data: found " + features.length + " feature rows and " + targets.length
                    + " target rows; expected as many of each");
        }
        return new DataSet(features.length, width(features, "features"), width(targets, "targets"),
                flatten(features, "features"), flatten(targets, "targets"));
    }

    /** A data set of features alone, for prediction. */
    public static DataSet ofFeatures(double[][] features) {
        return new DataSet(features.length, width(features, "features"), 0, flatten(features, "features"),
                new double[0]);
    }

    /** A data set from flat row-major arrays, which are copied. */
    public static DataSet ofFlat(int rows, int featureCount, double[] features, int targetCount, double[] targets) {
        if (features.length != rows * featureCount || targets.length != rows * targetCount) {
            throw new DataException("data: found " + features.length + " feature and " + targets.length
                    + " target values; expected " + rows * featureCount + " and " + rows * targetCount);
        }
        checkFinite(features, featureCount, "features");
        checkFinite(targets, targetCount, "targets");
        return new DataSet(rows, featureCount, targetCount, features.clone(), targets.clone());
    }

    /**
     * {@link #ofFlat} for arrays made for this data set alone, which it takes over rather than copies:
     * a large file's values are then held once, not twice, while it is read. The caller must not keep
     * or change the arrays afterwards; the values are checked as {@link #ofFlat} checks them.
     */
    public static DataSet adopting(int rows, int featureCount, double[] features, int targetCount, double[] targets) {
        if (features.length != (long) rows * featureCount || targets.length != (long) rows * targetCount) {
            throw new DataException("data: found " + features.length + " feature and " + targets.length
                    + " target values; expected " + (long) rows * featureCount + " and " + (long) rows * targetCount);
        }
        checkFinite(features, featureCount, "features");
        checkFinite(targets, targetCount, "targets");
        return new DataSet(rows, featureCount, targetCount, features, targets);
    }

    private static int width(double[][] matrix, String what) {
        return matrix.length == 0 ? 0 : matrix[0].length;
    }

    private static double[] flatten(double[][] matrix, String what) {
        int width = width(matrix, what);
        double[] flat = new double[matrix.length * width];
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r].length != width) {
                throw new DataException(what + "[" + r + "]: found " + matrix[r].length + " values; expected "
                        + width + ", like row 0");
            }
            System.arraycopy(matrix[r], 0, flat, r * width, width);
        }
        checkFinite(flat, width, what);
        return flat;
    }

    private static void checkFinite(double[] flat, int width, String what) {
        for (int k = 0; k < flat.length; k++) {
            if (!Double.isFinite(flat[k])) {
                throw new DataException(what + "[" + k / width + "][" + k % width + "]: found " + flat[k]
                        + "; expected a finite number");
            }
        }
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of feature columns. */
    public int featureCount() {
        return featureCount;
    }

    /** The number of target columns; 0 for a data set meant only for prediction. */
    public int targetCount() {
        return targetCount;
    }

    /** Whether the rows have targets. */
    public boolean hasTargets() {
        return targetCount > 0;
    }

    /** Feature {@code column} of {@code row}. */
    public double feature(int row, int column) {
        return features[row * featureCount + column];
    }

    /** Target {@code column} of {@code row}. */
    public double target(int row, int column) {
        return targets[row * targetCount + column];
    }

    /** A copy of one row's features. */
    public double[] featureRow(int row) {
        return Arrays.copyOfRange(features, row * featureCount, (row + 1) * featureCount);
    }

    /** A copy of one row's targets. */
    public double[] targetRow(int row) {
        return Arrays.copyOfRange(targets, row * targetCount, (row + 1) * targetCount);
    }

    /** A copy of the features as {@code [rows][featureCount]}. */
    public double[][] features() {
        double[][] copy = new double[rows][];
        for (int r = 0; r < rows; r++) {
            copy[r] = featureRow(r);
        }
        return copy;
    }

    /** A copy of the targets as {@code [rows][targetCount]}. */
    public double[][] targets() {
        double[][] copy = new double[rows][];
        for (int r = 0; r < rows; r++) {
            copy[r] = targetRow(r);
        }
        return copy;
    }

    /**
     * Copies the features of rows {@code order[from..to)} into {@code target}, row after row: how a
     * backend gathers one mini-batch without going through {@code double[][]}.
     */
    public void copyFeatures(int[] order, int from, int to, double[] target) {
        for (int k = from; k < to; k++) {
            System.arraycopy(features, order[k] * featureCount, target, (k - from) * featureCount, featureCount);
        }
    }

    /** Copies the targets of rows {@code order[from..to)} into {@code target}, row after row. */
    public void copyTargets(int[] order, int from, int to, double[] target) {
        for (int k = from; k < to; k++) {
            System.arraycopy(targets, order[k] * targetCount, target, (k - from) * targetCount, targetCount);
        }
    }

    /** The rows at the given indices, in that order. */
    public DataSet select(int... rowIndices) {
        double[] f = new double[rowIndices.length * featureCount];
        double[] t = new double[rowIndices.length * targetCount];
        copyFeatures(rowIndices, 0, rowIndices.length, f);
        copyTargets(rowIndices, 0, rowIndices.length, t);
        return new DataSet(rowIndices.length, featureCount, targetCount, f, t);
    }

    /**
     * Checks that these rows fit {@code spec}: one feature per input and, when
     * {@code targetsRequired}, one target per output.
     *
     * @throws DataException saying how many columns were found and how many the network expects
     */
    public DataSet checkFits(NetworkSpec spec, boolean targetsRequired) {
        if (rows == 0) {
            throw new DataException("data: found no rows; expected at least one");
        }
        if (featureCount != spec.inputs()) {
            throw new DataException("data: found " + featureCount + " feature columns; the network expects "
                    + spec.inputs() + " inputs");
        }
        if ((targetsRequired || targetCount > 0) && targetCount != spec.outputs()) {
            throw new DataException("data: found " + targetCount + " target columns; the network has "
                    + spec.outputs() + " outputs");
        }
        return this;
    }

    /** Equal when the shapes match and every value is bit-identical. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DataSet other
                && rows == other.rows
                && featureCount == other.featureCount
                && targetCount == other.targetCount
                && Arrays.equals(features, other.features)
                && Arrays.equals(targets, other.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "DataSet[" + rows + " rows, " + featureCount + " features, " + targetCount + " targets]";
    }
}
