package io.backprop.csv;

import io.backprop.model.ClassLabels;

import io.backprop.data.DataSet;

import java.util.Objects;
import java.util.Optional;

/**
 * A data set read from a table, with the classes its targets stand for when the target column held
 * class names.
 *
 * @param data the features and numeric targets
 * @param classes the classes, in target order, when the targets were class names; else empty
 */
public record LabelledData(DataSet data, Optional<ClassLabels> classes) {
    public LabelledData {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(classes, "classes");
    }
}
