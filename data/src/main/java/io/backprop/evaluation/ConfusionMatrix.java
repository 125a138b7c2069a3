package io.backprop.evaluation;

import io.backprop.data.DataSet;

import io.backprop.model.ClassLabels;

import io.backprop.error.DataException;
import java.util.OptionalDouble;

/**
 * How often each class was predicted as each class: {@code count(actual, predicted)}. The diagonal
 * holds the right answers.
 */
public final class ConfusionMatrix {
    private final ClassLabels classes;
    private final int[][] counts;

    private ConfusionMatrix(ClassLabels classes, int[][] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /**
     * Counts the class each row's target stands for against the class its outputs predict.
     *
     * @param outputs the network's outputs for every row of {@code data}, in order
     * @throws DataException when the rows have no targets or the counts of rows differ
     */
    public static ConfusionMatrix of(ClassLabels classes, DataSet data, double[][] outputs) {
        if (!data.hasTargets()) {
            throw new DataException("data: found no targets; expected the class of every row");
        }
        if (outputs.length != data.rows()) {
            throw new DataException("found " + outputs.length + " rows of outputs for " + data.rows()
                    + " rows of data; expected one per row");
        }
        int[][] counts = new int[classes.size()][classes.size()];
        for (int r = 0; r < data.rows(); r++) {
            counts[classes.predictedIndex(data.targetRow(r))][classes.predictedIndex(outputs[r])]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    /** The classes, in the order of the rows and columns. */
    public ClassLabels classes() {
        return classes;
    }

    /** How many rows of class {@code actual} were predicted as class {@code predicted}. */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** The number of rows counted. */
    public int total() {
        int total = 0;
        for (int[] row : counts) {
            for (int c : row) {
                total += c;
            }
        }
        return total;
    }

    /** The number of rows predicted right. */
    public int correct() {
        int correct = 0;
        for (int k = 0; k < counts.length; k++) {
            correct += counts[k][k];
        }
        return correct;
    }

    /** The share of rows predicted right, from 0 to 1. */
    public double accuracy() {
        return (double) correct() / total();
    }

    /**
     * Of the rows predicted as class {@code k}, the share that are of class {@code k}: count(k, k) over the
     * column's sum. Empty when no row was predicted as {@code k} (0/0: no prediction to be right or wrong).
     */
    public OptionalDouble precision(int k) {
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[k];
        }
        return predicted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) counts[k][k] / predicted);
    }

    /**
     * Of the rows of class {@code k}, the share predicted as {@code k}: count(k, k) over the row's sum. Empty
     * when no row is of class {@code k} (0/0: no row to find).
     */
    public OptionalDouble recall(int k) {
        int actual = 0;
        for (int c : counts[k]) {
            actual += c;
        }
        return actual == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) counts[k][k] / actual);
    }
}
