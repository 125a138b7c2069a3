package io.backprop.csv;

import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.model.ClassLabels;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The class names of a class column, gathered cell by cell in file order, from one table or from the
 * blocks of a file one after another, with the first problem a single pass over the column meets: an
 * empty cell, or one class more than the network tells apart. Once there is a problem nothing more is
 * kept, so that a column of numbers, which may never turn out to be a class column, costs at most a
 * few names.
 */
final class FoundClasses {
    private final int outputs;
    private final int needed;
    private final Set<String> found = new TreeSet<>();
    private DataException problem;

    /** Classes for a network with {@code outputs} outputs: 2 classes for one, else one a output. */
    FoundClasses(int outputs) {
        this.outputs = outputs;
        this.needed = outputs == 1 ? 2 : outputs;
    }

    /** How many classes the network tells apart: one more is a problem. */
    int needed() {
        return needed;
    }

    /** Whether a problem was met, so that no later cell changes what {@link #classes} gives. */
    boolean settled() {
        return problem != null;
    }

    /** Adds the next cell of the column; {@code where} names its place ({@code file:line:column (name)}) for errors. */
    void add(String cell, Supplier<String> where) {
        if (problem != null) {
            return;
        }
        if (cell.isEmpty()) {
            problem = emptyName(where.get());
        } else if (found.add(cell) && found.size() > needed) {
            problem = new DataException(where.get() + ": found " + Excerpt.quote(cell) + ", class number " + found.size()
                    + " (" + String.join(", ", found) + "); the network has " + outputs + " output"
                    + (outputs == 1 ? "" : "s") + "; expected " + ClassLabels.expectedFor(outputs)
                    + "; name them all with --classes");
        }
    }

    /**
     * The classes found, sorted by name.
     *
     * @param column names the column for errors: {@code file: column 3 (name)}
     * @throws DataException for the first problem met, or when fewer classes were found than the network needs
     */
    ClassLabels classes(String column) {
        if (problem != null) {
            throw problem;
        }
        if (found.size() < needed) {
            throw new DataException(column + ": found " + found.size() + " class" + (found.size() == 1 ? "" : "es")
                    + " (" + String.join(", ", found) + "); the network has " + outputs + " output"
                    + (outputs == 1 ? "" : "s") + "; expected " + ClassLabels.expectedFor(outputs)
                    + "; name them all with --classes");
        }
        return ClassLabels.of(new ArrayList<>(found));
    }

    /** The error for an empty cell at {@code where} in a class column. */
    static DataException emptyName(String where) {
        return new DataException(where + ": found \"\"; expected a class name");
    }
}
