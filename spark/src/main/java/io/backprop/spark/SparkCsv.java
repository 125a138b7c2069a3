package io.backprop.spark;

import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.spec.NetworkSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows Spark reads in parallel from a CSV path (a file or a folder of files, at any Hadoop URI:
 * {@code file:}, {@code hdfs:}, …), by the API's CSV rules: a header line naming the columns, the
 * features and targets chosen by name (by default the first {@code inputs} columns are the features
 * and the rest the targets), a target column of class names when there are classes, and the features
 * standardized with a standardization given (a model's) or fitted in one pass over the rows. Fields
 * are separated by commas, without quotes; a line equal to the header (each part file's) and a blank
 * line are skipped. The driver never holds the rows: it receives the header, the count, the class
 * names and the per-column sums of a standardization.
 *
 * @param path where Spark reads the rows
 * @param features the feature columns' names, in the network's order; empty for the first {@code inputs} columns
 * @param targets the target columns' names; empty for the columns after the features
 * @param classes how a target column of class names becomes one-hot targets
 * @param scaling whether and how the features are standardized
 */
public record SparkCsv(String path, List<String> features, List<String> targets, Classes classes, Scaling scaling) {
    /** How class names in a target column become targets. */
    public sealed interface Classes extends Serializable {
        /** Targets are numbers. */
        record None() implements Classes {
        }

        /** The one target column holds these class names. */
        record Named(ClassLabels labels) implements Classes {
        }

        /** The one target column holds class names, found by Spark and sorted. */
        record Found() implements Classes {
        }
    }

    /** Whether and how features are standardized. */
    public sealed interface Scaling {
        /** Features as read. */
        record None() implements Scaling {
        }

        /** Features standardized with this (a model's). */
        record Given(Standardization standardization) implements Scaling {
        }

        /** Features standardized with the population mean and standard deviation of the rows, found in one pass. */
        record Fitted() implements Scaling {
        }
    }

    public SparkCsv {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
    }

    /** The rows at {@code path}, the first {@code inputs} columns as features, the rest numeric targets, unscaled. */
    public static SparkCsv of(String path) {
        return new SparkCsv(path, List.of(), List.of(), new Classes.None(), new Scaling.None());
    }

    /** These rows with the features and targets of the columns so named. */
    public SparkCsv withColumns(List<String> featureNames, List<String> targetNames) {
        return new SparkCsv(path, featureNames, targetNames, classes, scaling);
    }

    /** These rows with the one target column holding these class names. */
    public SparkCsv withClasses(ClassLabels labels) {
        return new SparkCsv(path, features, targets, new Classes.Named(labels), scaling);
    }

    /** These rows with the one target column holding class names, found in the data and sorted. */
    public SparkCsv withClassesFound() {
        return new SparkCsv(path, features, targets, new Classes.Found(), scaling);
    }

    /** These rows with features standardized by {@code standardization}. */
    public SparkCsv standardizedWith(Standardization standardization) {
        return new SparkCsv(path, features, targets, classes, new Scaling.Given(standardization));
    }

    /** These rows with features standardized by their own mean and standard deviation. */
    public SparkCsv standardized() {
        return new SparkCsv(path, features, targets, classes, new Scaling.Fitted());
    }

    /**
     * Rows as read for a network, kept by Spark in memory (and on disk past it) until closed; what a
     * model trained on them keeps beside its parameters: the standardization and the class names.
     *
     * @param rdd one DL4J data set of one row per element
     * @param count how many rows
     * @param standardization the standardization applied, if any
     * @param classes the class names of the targets, if any
     */
    public record Rows(JavaRDD<org.nd4j.linalg.dataset.DataSet> rdd, long count,
                       Optional<Standardization> standardization, Optional<ClassLabels> classes)
            implements AutoCloseable {
        /** Lets Spark drop the rows it keeps. */
        @Override
        public void close() {
            rdd.unpersist(false);
        }
    }

    /**
     * Reads the rows for {@code spec} with {@code spark}'s context: one pass to count them (and one
     * more to find the class names, or to fit the standardization, when asked for).
     *
     * @throws DataException naming the path, and the column and line, of what cannot be read
     */
    public Rows read(SparkTraining spark, NetworkSpec spec) {
        return DataFailures.rethrown(() -> rows(spark, spec));
    }

    private Rows rows(SparkTraining spark, NetworkSpec spec) {
        JavaRDD<String> lines = spark.context().textFile(path, spark.options().workers());
        String headerLine;
        try {
            headerLine = lines.first();
        } catch (RuntimeException e) {
            throw new DataException(path + ": cannot be read: " + rootMessage(e) + "; expected a CSV file or folder");
        }
        List<String> header = Arrays.stream(headerLine.split(",", -1)).map(String::trim).toList();
        int[] featureColumns;
        int[] targetColumns;
        if (features.isEmpty() && targets.isEmpty()) {
            if (header.size() <= spec.inputs()) {
                throw new DataException(path + ": found " + header.size() + " columns (" + String.join(", ", header)
                        + "); the network expects " + spec.inputs() + " inputs and at least one target column");
            }
            featureColumns = range(0, spec.inputs());
            targetColumns = range(spec.inputs(), header.size());
        } else {
            featureColumns = columns(header, features, "feature");
            targetColumns = columns(header, targets, "target");
        }
        if (featureColumns.length != spec.inputs()) {
            throw new DataException(path + ": found " + featureColumns.length + " feature columns; the network expects "
                    + spec.inputs() + " inputs");
        }
        boolean named = !(classes instanceof Classes.None);
        if (named && targetColumns.length != 1) {
            throw new DataException(path + ": found " + targetColumns.length + " target columns; expected one column of"
                    + " class names");
        }
        if (!named && targetColumns.length != spec.outputs()) {
            throw new DataException(path + ": found " + targetColumns.length + " target columns; the network expects "
                    + spec.outputs() + " outputs");
        }
        String where = path;
        JavaRDD<String> body = lines.filter(line -> !line.isBlank() && !line.equals(headerLine));
        Optional<ClassLabels> labels = Optional.empty();
        if (classes instanceof Classes.Named given) {
            labels = Optional.of(given.labels().checkFits(spec));
        } else if (classes instanceof Classes.Found) {
            int column = targetColumns[0];
            List<String> found = body.map(line -> field(line, column, where)).distinct().collect();
            labels = Optional.of(ClassLabels.sorted(found).checkFits(spec));
        }
        String[] names = labels.map(l -> l.names().toArray(String[]::new)).orElse(null);
        int outputs = spec.outputs();
        JavaRDD<double[]> parsed = body.map(line -> parse(line, where, header, featureColumns, targetColumns, names, outputs));
        Optional<Standardization> standardization = Optional.empty();
        if (scaling instanceof Scaling.Given given) {
            if (given.standardization().features() != spec.inputs()) {
                throw new DataException(path + ": the standardization has " + given.standardization().features()
                        + " features; the network expects " + spec.inputs());
            }
            standardization = Optional.of(given.standardization());
        } else if (scaling instanceof Scaling.Fitted) {
            standardization = Optional.of(fit(parsed, spec.inputs()));
        }
        double[] mean = standardization.map(Standardization::mean).orElse(null);
        double[] std = standardization.map(Standardization::std).orElse(null);
        int inputs = spec.inputs();
        JavaRDD<org.nd4j.linalg.dataset.DataSet> rdd = parsed.map(row -> dataSet(row, inputs, outputs, mean, std));
        rdd.persist(StorageLevel.MEMORY_AND_DISK_SER());
        long count = rdd.count();
        if (count == 0) {
            rdd.unpersist(false);
            throw new DataException(path + ": found no rows after the header; expected at least one");
        }
        return new Rows(rdd, count, standardization, labels);
    }

    /**
     * The mean and population standard deviation of each feature, in one pass: each partition's count,
     * mean and sum of squared deviations, merged pairwise (Chan et al.'s update) on the way to the driver.
     * A feature that never varies is divided by 1, as {@link Standardization#fit} does.
     */
    static Standardization fit(JavaRDD<double[]> rows, int inputs) {
        double[] zero = new double[1 + 2 * inputs];
        double[] moments = rows.treeAggregate(zero, (acc, row) -> merge(acc, single(row, inputs), inputs),
                (a, b) -> merge(a, b, inputs));
        double n = moments[0];
        if (n == 0) {
            throw new DataException("found no rows; expected at least one to standardize from");
        }
        double[] mean = Arrays.copyOfRange(moments, 1, 1 + inputs);
        double[] std = new double[inputs];
        for (int c = 0; c < inputs; c++) {
            std[c] = Math.sqrt(moments[1 + inputs + c] / n);
            if (std[c] == 0) {
                std[c] = 1;
            }
        }
        return Standardization.of(mean, std);
    }

    /** {count, means…, squared deviations…} of one row. */
    private static double[] single(double[] row, int inputs) {
        double[] m = new double[1 + 2 * inputs];
        m[0] = 1;
        System.arraycopy(row, 0, m, 1, inputs);
        return m;
    }

    /** The moments of two groups of rows together. */
    static double[] merge(double[] a, double[] b, int inputs) {
        double na = a[0];
        double nb = b[0];
        if (nb == 0) {
            return a;
        }
        if (na == 0) {
            return b.clone();
        }
        double n = na + nb;
        double[] m = new double[a.length];
        m[0] = n;
        for (int c = 0; c < inputs; c++) {
            double delta = b[1 + c] - a[1 + c];
            m[1 + c] = a[1 + c] + delta * nb / n;
            m[1 + inputs + c] = a[1 + inputs + c] + b[1 + inputs + c] + delta * delta * na * nb / n;
        }
        return m;
    }

    /** A row's features, then its targets (one-hot for a class name). */
    private static double[] parse(String line, String where, List<String> header, int[] featureColumns,
                                  int[] targetColumns, String[] classNames, int outputs) {
        String[] fields = line.split(",", -1);
        if (fields.length != header.size()) {
            throw new DataException(where + ": found " + fields.length + " fields in the line \"" + excerpt(line)
                    + "\"; expected " + header.size() + ", one per column of the header");
        }
        double[] row = new double[featureColumns.length + outputs];
        for (int i = 0; i < featureColumns.length; i++) {
            row[i] = number(fields, featureColumns[i], header, line, where);
        }
        if (classNames != null) {
            String name = fields[targetColumns[0]].trim();
            int index = Arrays.asList(classNames).indexOf(name);
            if (index < 0) {
                throw new DataException(where + ": column " + header.get(targetColumns[0]) + ": found the class \""
                        + name + "\" in the line \"" + excerpt(line) + "\"; expected one of " + Arrays.toString(classNames));
            }
            row[featureColumns.length + index] = 1;
        } else {
            for (int i = 0; i < targetColumns.length; i++) {
                row[featureColumns.length + i] = number(fields, targetColumns[i], header, line, where);
            }
        }
        return row;
    }

    private static double number(String[] fields, int column, List<String> header, String line, String where) {
        String text = fields[column].trim();
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line
        }
        throw new DataException(where + ": column " + header.get(column) + ": found \"" + text + "\" in the line \""
                + excerpt(line) + "\"; expected a finite number");
    }

    private static String field(String line, int column, String where) {
        String[] fields = line.split(",", -1);
        if (column >= fields.length) {
            throw new DataException(where + ": found " + fields.length + " fields in the line \"" + excerpt(line)
                    + "\"; expected at least " + (column + 1));
        }
        return fields[column].trim();
    }

    private static org.nd4j.linalg.dataset.DataSet dataSet(double[] row, int inputs, int outputs, double[] mean,
                                                          double[] std) {
        double[] features = Arrays.copyOf(row, inputs);
        if (mean != null) {
            for (int c = 0; c < inputs; c++) {
                features[c] = (features[c] - mean[c]) / std[c];
            }
        }
        double[] targets = Arrays.copyOfRange(row, inputs, inputs + outputs);
        return new org.nd4j.linalg.dataset.DataSet(Nd4j.create(features, new long[] {1, inputs}, 'c'),
                Nd4j.create(targets, new long[] {1, outputs}, 'c'));
    }

    private static int[] columns(List<String> header, List<String> names, String role) {
        int[] indices = new int[names.size()];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            indices[i] = header.indexOf(names.get(i));
            if (indices[i] < 0) {
                throw new DataException("found no column \"" + names.get(i) + "\" for a " + role + "; expected one of "
                        + String.join(", ", header));
            }
            if (seen.contains(names.get(i))) {
                throw new DataException("found the " + role + " column \"" + names.get(i) + "\" twice; expected each once");
            }
            seen.add(names.get(i));
        }
        return indices;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    private static String excerpt(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
