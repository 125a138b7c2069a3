package io.backprop.csv;

import java.util.List;

/**
 * Which columns of a table are the features and which the targets, by position, as
 * {@link CsvTable#toLabelledData} chooses them from the names given: chosen once from a file's header,
 * it holds for every block of the file.
 *
 * @param features the feature columns, in the order of the network's inputs
 * @param targets the target columns, in the order of its outputs; empty for rows without targets
 */
record ColumnChoice(List<Integer> features, List<Integer> targets) {
    ColumnChoice {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
    }
}
