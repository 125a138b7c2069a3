package io.backprop.evaluation;

import io.backprop.model.ClassLabels;

import io.backprop.data.DataSet;

import io.backprop.error.DataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A data set split into rows to train on and rows held out to measure the trained network on,
 * with each class in the same proportion in both (a stratified split).
 *
 * @param training the rows to train on
 * @param heldOut the rows the network never sees while it trains
 */
public record HoldOut(DataSet training, DataSet heldOut) {
    /**
     * Holds out {@code fraction} of each class's rows, rounded to the nearest row, chosen by a shuffle
     * seeded with {@code seed} ({@link java.util.Random}, so the same on every JDK). Both parts keep
     * the order of the rows in the file.
     *
     * @param classes the classes of the targets (a row's class is the one its target row predicts)
     * @throws DataException when the data has no targets, the fraction is not between 0 and 1, or a part would be empty
     */
    public static HoldOut stratified(DataSet data, ClassLabels classes, double fraction, long seed) {
        if (!data.hasTargets()) {
            throw new DataException("data: found no targets; a stratified split needs the class of every row");
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new DataException("held-out fraction: found " + fraction + "; expected a number between 0 and 1");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            byClass.add(new ArrayList<>());
        }
        for (int r = 0; r < data.rows(); r++) {
            byClass.get(classes.predictedIndex(data.targetRow(r))).add(r);
        }
        Random random = new Random(seed);
        boolean[] held = new boolean[data.rows()];
        for (List<Integer> rows : byClass) {
            Collections.shuffle(rows, random);
            long count = Math.round(rows.size() * fraction);
            for (int k = 0; k < count; k++) {
                held[rows.get(k)] = true;
            }
        }
        List<Integer> training = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (int r = 0; r < data.rows(); r++) {
            (held[r] ? heldOut : training).add(r);
        }
        if (training.isEmpty() || heldOut.isEmpty()) {
            throw new DataException("data: holding out " + fraction + " of " + data.rows() + " rows leaves "
                    + training.size() + " to train on and " + heldOut.size() + " held out; expected some of each");
        }
        return new HoldOut(data.select(ints(training)), data.select(ints(heldOut)));
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
