package io.backprop.csv;

import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which columns of a table are a network's features and which its targets, from the column names a user
 * gives (see {@link CsvTable#toLabelledData}): one rule, and one set of messages, for every kind of file a
 * table is read from, so that a CSV file and the same data converted to a {@link DataFile} are refused alike.
 *
 * @param source the file, as messages name it
 * @param header the column names, in order
 * @param features the feature columns' indices, in the order the network takes them
 * @param targets the target columns' indices, in the order the network gives them
 */
record ColumnChoice(String source, List<String> header, List<Integer> features, List<Integer> targets) {

    /**
     * The feature and target columns of a table, checked against the network's inputs.
     *
     * @param layout how the columns are laid out, for the message of a table too narrow for the network:
     *     "separated by commas"
     * @throws DataException naming a column that does not exist or is named twice or in both roles, or
     *     a count of columns that does not fit the network's inputs
     */
    static ColumnChoice of(String source, List<String> header, String layout, NetworkSpec spec,
                           List<String> featureNames, List<String> targetNames, boolean targetsRequired) {
        List<Integer> features;
        List<Integer> targets;
        if (featureNames.isEmpty() && targetNames.isEmpty()) {
            if (header.size() < spec.inputs()) {
                throw new DataException(source + ": found " + header.size() + " columns (" + CsvTable.listed(header)
                        + ") " + layout + "; the network expects " + spec.inputs() + " inputs");
            }
            features = range(0, spec.inputs());
            targets = range(spec.inputs(), header.size());
        } else {
            features = featureNames.isEmpty() ? null : indices(source, header, featureNames, "feature");
            targets = targetNames.isEmpty() ? null : indices(source, header, targetNames, "target");
            if (features == null) {
                features = others(header, targets);
            }
            if (targets == null) {
                targets = targetsRequired ? others(header, features) : List.of();
            }
            for (int c : features) {
                if (targets.contains(c)) {
                    throw new DataException(source + ": column \"" + header.get(c) + "\" is named both as a feature"
                            + " and as a target; expected each column in one role");
                }
            }
        }
        ColumnChoice choice = new ColumnChoice(source, List.copyOf(header), List.copyOf(features), List.copyOf(targets));
        if (features.size() != spec.inputs()) {
            throw new DataException(source + ": found " + features.size() + " feature columns ("
                    + choice.names(features) + "); the network expects " + spec.inputs() + " inputs");
        }
        return choice;
    }

    /**
     * Checks the number of numeric target columns against the network's outputs: none is fine for
     * prediction, any other number must be the outputs' (a class column is checked by its classes instead).
     *
     * @throws DataException naming the target columns and the outputs
     */
    void checkNumericTargets(NetworkSpec spec, boolean targetsRequired) {
        if ((targetsRequired || !targets.isEmpty()) && targets.size() != spec.outputs()) {
            throw new DataException(source + ": found " + targets.size() + " target columns (" + names(targets)
                    + "); the network has " + spec.outputs() + " outputs"
                    + (targetsRequired ? "" : ", or give none"));
        }
    }

    /**
     * The message for a class name found in one of several target columns.
     *
     * @param where the file, line (or row) and column of the cell
     */
    DataException classNameAmongTargets(String where, String cell) {
        return new DataException(where + ": found " + Excerpt.quote(cell) + ", a class name, in one of "
                + targets.size() + " target columns (" + names(targets) + "); expected numbers, or a class"
                + " column as the only target column");
    }

    /** The names of {@code columns}, for messages: "none" for no column. */
    String names(List<Integer> columns) {
        return names(header, columns);
    }

    /** The names in {@code header} of {@code columns}, for messages: "none" for no column. */
    static String names(List<String> header, List<Integer> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(header.get(c)));
        return names.isEmpty() ? "none" : CsvTable.listed(names);
    }

    private static List<Integer> indices(String source, List<String> header, List<String> names, String role) {
        List<Integer> indices = new ArrayList<>();
        for (String name : names) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new DataException(source + ": no " + role + " column \"" + name + "\"; the header has "
                        + CsvTable.listed(header));
            }
            if (indices.contains(index)) {
                throw new DataException(source + ": " + role + " column \"" + name + "\" is named twice;"
                        + " expected each column once");
            }
            indices.add(index);
        }
        return indices;
    }

    private static List<Integer> others(List<String> header, List<Integer> taken) {
        List<Integer> rest = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!taken.contains(c)) {
                rest.add(c);
            }
        }
        return rest;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int c = from; c < to; c++) {
            list.add(c);
        }
        return list;
    }
}
