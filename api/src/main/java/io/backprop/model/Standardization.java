package io.backprop.model;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;

import io.backprop.error.DataException;
import java.util.Arrays;

/**
 * Feature scaling: each feature minus its mean, divided by its standard deviation, so that every
 * input of the network is centred on 0 with a spread of 1. The article's shift of the weights by
 * 135 lb and the heights by 66 in is the first half of this, with round numbers near the means.
 */
public final class Standardization {
    private final double[] mean;
    private final double[] std;

    private Standardization(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * A standardization with the given mean and standard deviation of each feature.
     *
     * @throws DataException when the lengths differ, a value is not finite, or a standard deviation is not positive
     */
    public static Standardization of(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new DataException("found " + mean.length + " means and " + std.length
                    + " standard deviations; expected one of each per feature");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new DataException("mean[" + c + "]: found " + mean[c] + "; expected a finite number");
            }
            if (!(Double.isFinite(std[c]) && std[c] > 0)) {
                throw new DataException("std[" + c + "]: found " + std[c] + "; expected a finite number above 0");
            }
        }
        return new Standardization(mean.clone(), std.clone());
    }

    /**
     * The mean and the population standard deviation (dividing by n) of each feature of the data.
     *
     * @throws DataException when the data has no rows
     */
    public static Standardization fit(DataSet data) {
        int n = data.rows();
        if (n == 0) {
            throw new DataException("data: found no rows; expected at least one to standardize from");
        }
        int width = data.featureCount();
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int c = 0; c < width; c++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += data.feature(r, c);
            }
            mean[c] = sum / n;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                double d = data.feature(r, c) - mean[c];
                squares += d * d;
            }
            std[c] = Math.sqrt(squares / n);
            // A feature that never varies carries no information; dividing by 1 keeps it at 0 instead of dividing by 0.
            if (std[c] == 0) {
                std[c] = 1;
            }
        }
        return new Standardization(mean, std);
    }

    /**
     * {@link #fit(DataSet)} of rows read a block at a time, in two passes over the blocks (the means, then
     * the deviations from them), each column's sums taken over the rows in the same order as when held
     * whole: the same mean and standard deviation, bit for bit, with a block in memory at a time.
     *
     * @throws DataException when a block cannot be read
     */
    public static Standardization fit(DataSource data) {
        int width = data.featureCount();
        double[] sum = new double[width];
        long n = 0;
        for (int b = 0; b < data.blockCount(); b++) {
            DataSet block = data.block(b);
            for (int c = 0; c < width; c++) {
                double s = sum[c];
                for (int r = 0; r < block.rows(); r++) {
                    s += block.feature(r, c);
                }
                sum[c] = s;
            }
            n += block.rows();
        }
        if (n == 0) {
            throw new DataException(data.name() + ": found no rows; expected at least one to standardize from");
        }
        double[] mean = new double[width];
        for (int c = 0; c < width; c++) {
            mean[c] = sum[c] / n;
        }
        double[] squares = new double[width];
        for (int b = 0; b < data.blockCount(); b++) {
            DataSet block = data.block(b);
            for (int c = 0; c < width; c++) {
                double s = squares[c];
                for (int r = 0; r < block.rows(); r++) {
                    double d = block.feature(r, c) - mean[c];
                    s += d * d;
                }
                squares[c] = s;
            }
        }
        double[] std = new double[width];
        for (int c = 0; c < width; c++) {
            std[c] = Math.sqrt(squares[c] / n);
            // As in fit(DataSet): a feature that never varies is divided by 1.
            if (std[c] == 0) {
                std[c] = 1;
            }
        }
        return new Standardization(mean, std);
    }

    /** The number of features this applies to. */
    public int features() {
        return mean.length;
    }

    /** A copy of the mean of each feature. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the standard deviation of each feature. */
    public double[] std() {
        return std.clone();
    }

    /**
     * One row of features, standardized.
     *
     * @throws DataException when the row has another number of features
     */
    public double[] apply(double[] features) {
        if (features.length != mean.length) {
            throw new DataException("found " + features.length + " features; the standardization expects "
                    + mean.length);
        }
        double[] scaled = new double[features.length];
        for (int c = 0; c < features.length; c++) {
            scaled[c] = scale(features[c], c, 0);
        }
        return scaled;
    }

    /**
     * The rows of {@code data} with their features standardized as {@link #apply(DataSet)} does, each block
     * as it is read.
     *
     * @throws DataException when the data has another number of features
     */
    public DataSource apply(DataSource data) {
        if (data.featureCount() != mean.length) {
            throw new DataException(data.name() + ": found " + data.featureCount() + " feature columns; the"
                    + " standardization expects " + mean.length);
        }
        return data.mapBlocks(this::apply);
    }

    /**
     * The data with its features standardized and its targets unchanged.
     *
     * @throws DataException when the data has another number of features
     */
    public DataSet apply(DataSet data) {
        if (data.featureCount() != mean.length) {
            throw new DataException("data: found " + data.featureCount() + " feature columns; the standardization"
                    + " expects " + mean.length);
        }
        int n = data.rows();
        int width = mean.length;
        double[] features = new double[n * width];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < width; c++) {
                features[r * width + c] = scale(data.feature(r, c), c, r);
            }
        }
        double[] targets = new double[n * data.targetCount()];
        int[] all = new int[n];
        Arrays.setAll(all, r -> r);
        data.copyTargets(all, 0, n, targets);
        return DataSet.adopting(n, width, features, data.targetCount(), targets);
    }

    /** One feature standardized; a value that overflows is refused, naming the row and the standardization. */
    private double scale(double feature, int column, int row) {
        double scaled = (feature - mean[column]) / std[column];
        if (!Double.isFinite(scaled)) {
            throw new DataException("row " + (row + 1) + ", feature " + (column + 1) + ": (" + feature + " − mean "
                    + mean[column] + ") / std " + std[column] + " is " + scaled + "; expected a standardization whose"
                    + " std[" + column + "] keeps the features finite");
        }
        return scaled;
    }

    /** Equal when every mean and standard deviation is bit-identical. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardization[mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }
}
