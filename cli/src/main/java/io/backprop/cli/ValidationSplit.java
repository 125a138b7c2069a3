package io.backprop.cli;

import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.evaluation.HoldOut;
import io.backprop.model.ClassLabels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/** The rows {@code train --validation} holds out. */
final class ValidationSplit {
    private ValidationSplit() {
    }

    /**
     * Holds out {@code fraction} of the rows, chosen with {@code seed}: of each class alike when the
     * targets are classes ({@link HoldOut#stratified}, as {@code demo iris} splits), else of all rows by
     * the same seeded shuffle, since numbers have no class to keep in proportion. Both parts keep the
     * file's order.
     *
     * @throws DataException when a part would be empty
     */
    static HoldOut of(DataSet data, Optional<ClassLabels> classes, double fraction, long seed) {
        if (classes.isPresent()) {
            return HoldOut.stratified(data, classes.get(), fraction, seed);
        }
        List<Integer> rows = new ArrayList<>(IntStream.range(0, data.rows()).boxed().toList());
        Collections.shuffle(rows, new Random(seed));
        int held = (int) Math.round(data.rows() * fraction);
        if (held == 0 || held == data.rows()) {
            throw new DataException("data: holding out " + fraction + " of " + data.rows() + " rows leaves "
                    + (data.rows() - held) + " to train on and " + held + " held out; expected some of each");
        }
        int[] heldOut = rows.subList(0, held).stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] training = rows.subList(held, rows.size()).stream().mapToInt(Integer::intValue).sorted().toArray();
        return new HoldOut(data.select(training), data.select(heldOut));
    }
}
