package io.backprop.csv;

import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.model.ClassLabels;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rows of a {@link DataFile} as a network takes them: the chosen columns, row after row, a class
 * column's codes turned into the targets of the classes as {@link CsvTable#toLabelledData} gives them.
 * Everything about the columns is checked when this is made; the values as each run of rows is read.
 */
final class DataFileRows {
    /** The rows copied from a column at once: few enough that the run stays in the processor's cache. */
    private static final int TILE = 4096;

    private final String name;
    private final DataFileHeader header;
    private final MappedColumns values;
    private final int[] features;
    private final int[] targets; // numeric target columns; empty for a class column
    private final int classColumn; // -1 when the targets are numbers
    private final Optional<ClassLabels> classes;
    private final double[][] targetOfCode; // a class column's code → its target row
    private final int targetCount;

    DataFileRows(ColumnChoice choice, DataFileHeader header, MappedColumns values, NetworkSpec spec,
                 boolean targetsRequired, Optional<ClassLabels> known) {
        this.name = choice.source();
        this.header = header;
        this.values = values;
        this.features = choice.features().stream().mapToInt(Integer::intValue).toArray();
        for (int c : features) {
            DataFileHeader.Column column = header.columns().get(c);
            if (column.hasClasses()) {
                throw new DataException(where(0, c) + ": found " + Excerpt.quote(column.classes().get(0))
                        + ", a class name, in a feature column (its classes: " + CsvTable.listed(column.classes())
                        + "); expected a number");
            }
        }
        List<Integer> chosen = choice.targets();
        int classAt = -1;
        for (int c : chosen) {
            DataFileHeader.Column column = header.columns().get(c);
            if (column.hasClasses() && chosen.size() > 1) {
                // codes are numbered as the names were first found: code 0 is row 1's
                throw choice.classNameAmongTargets(where(0, c), column.classes().get(0));
            }
            if (column.hasClasses()) {
                classAt = c;
            }
        }
        this.classColumn = classAt;
        if (classAt < 0) {
            choice.checkNumericTargets(spec, targetsRequired);
            this.targets = chosen.stream().mapToInt(Integer::intValue).toArray();
            this.classes = Optional.empty();
            this.targetOfCode = new double[0][];
            this.targetCount = targets.length;
        } else {
            int outputs = spec.outputs();
            List<String> found = header.columns().get(classAt).classes();
            ClassLabels labels = known.isPresent() ? known.get() : sorted(found, outputs, classAt);
            if (!labels.fits(outputs)) {
                throw new DataException(name + ": column " + (classAt + 1) + " (" + header.names().get(classAt)
                        + "): the classes " + labels + " are " + labels.size() + "; the network has " + outputs
                        + " output" + (outputs == 1 ? "" : "s") + "; expected " + ClassLabels.expectedFor(outputs));
            }
            this.targets = new int[0];
            this.classes = Optional.of(labels);
            this.targetCount = outputs;
            this.targetOfCode = new double[found.size()][];
            for (int code = 0; code < found.size(); code++) {
                int index = labels.indexOf(found.get(code));
                targetOfCode[code] = index < 0 ? null : labels.target(index, outputs);
            }
            checkCodes(labels);
        }
    }

    /** The file's classes sorted, as a CSV file's are, when their number fits the network. */
    private ClassLabels sorted(List<String> found, int outputs, int column) {
        List<String> names = new ArrayList<>(new TreeSet<>(found));
        int needed = outputs == 1 ? 2 : outputs;
        if (names.size() != needed) {
            throw new DataException(name + ": column " + (column + 1) + " (" + header.names().get(column) + "): found "
                    + names.size() + " class" + (names.size() == 1 ? "" : "es") + " (" + CsvTable.listed(names)
                    + "); the network has " + outputs + " output" + (outputs == 1 ? "" : "s") + "; expected "
                    + ClassLabels.expectedFor(outputs) + "; name them all with --classes");
        }
        return ClassLabels.of(names);
    }

    /**
     * Checks every code of the class column once, now, so that reading rows later cannot fail on one: each
     * a code the header names, of a class the network knows.
     */
    private void checkCodes(ClassLabels labels) {
        double[] codes = new double[TILE];
        for (long from = 0; from < header.rows(); from += TILE) {
            int count = (int) Math.min(TILE, header.rows() - from);
            values.read(classColumn, from, codes, 0, count);
            for (int r = 0; r < count; r++) {
                double code = codes[r];
                if (!(code >= 0 && code < targetOfCode.length && code == Math.rint(code))) {
                    throw new DataException(where(from + r, classColumn) + ": found the class code " + code
                            + "; expected a whole number from 0 to " + (targetOfCode.length - 1) + ", one of the"
                            + " column's " + targetOfCode.length + " classes");
                }
                if (targetOfCode[(int) code] == null) {
                    throw new DataException(where(from + r, classColumn) + ": found " + Excerpt.quote(header.columns()
                            .get(classColumn).classes().get((int) code)) + "; expected one of the classes " + labels);
                }
            }
        }
    }

    int featureCount() {
        return features.length;
    }

    int targetCount() {
        return targetCount;
    }

    Optional<ClassLabels> classes() {
        return classes;
    }

    /**
     * Rows {@code from} to {@code from + count}, the chosen columns of each row after row.
     *
     * @throws DataException for a value that is not finite, naming its row and column, or for more values
     *     than one array holds
     */
    DataSet read(long from, int count) {
        try {
            return copy(from, count);
        } catch (InternalError e) {
            // what the JVM throws when a mapped page is gone: the file was cut short after it was opened
            throw new DataException(name + ": changed while being read (" + e.getMessage() + "); expected the file to"
                    + " stay as it was when opened", e);
        }
    }

    private DataSet copy(long from, int count) {
        double[] f = new double[length(count, features.length)];
        double[] t = new double[length(count, targetCount)];
        double[] run = new double[Math.min(TILE, Math.max(1, count))];
        for (int start = 0; start < count; start += TILE) {
            int n = Math.min(TILE, count - start);
            for (int j = 0; j < features.length; j++) {
                scatter(features[j], from, start, n, run, f, features.length, j);
            }
            for (int j = 0; j < targets.length; j++) {
                scatter(targets[j], from, start, n, run, t, targets.length, j);
            }
            if (classColumn >= 0) {
                values.read(classColumn, from + start, run, 0, n);
                for (int r = 0; r < n; r++) {
                    System.arraycopy(targetOfCode[(int) run[r]], 0, t, (start + r) * targetCount, targetCount);
                }
            }
        }
        return DataSet.adopting(count, features.length, f, targetCount, t);
    }

    /** Copies {@code n} values of {@code column} into column {@code j} of the row-major {@code into}. */
    private void scatter(int column, long from, int start, int n, double[] run, double[] into, int width, int j) {
        values.read(column, from + start, run, 0, n);
        for (int r = 0; r < n; r++) {
            double value = run[r];
            if (!Double.isFinite(value)) {
                throw new DataException(where(from + start + r, column) + ": found " + value
                        + "; expected a finite number");
            }
            into[(start + r) * width + j] = value;
        }
    }

    private int length(int rows, int width) {
        long count = (long) rows * width;
        if (count > Integer.MAX_VALUE - 8) {
            throw new DataException(name + ": " + rows + " rows × " + width + " columns = " + count + " values;"
                    + " expected at most " + (Integer.MAX_VALUE - 8) + " in one data set");
        }
        return (int) count;
    }

    /** The file, row (counted from 1) and column of a value, for messages. */
    private String where(long row, int column) {
        return name + ": row " + (row + 1) + ", column " + (column + 1) + " (" + header.names().get(column) + ")";
    }
}
