package io.backprop.spark;

import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.spec.NetworkSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaHadoopRDD;
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
 * line are skipped. The driver never holds the rows: it receives the header, the count of lines of
 * each partition, the count of rows, the class names and the per-column sums of a standardization.
 * A field that cannot be read is a {@link DataException} naming the file, the line's number in it,
 * and the column.
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

        /**
         * Class names found by Spark and sorted when the one target column holds names (its first
         * row is no number), numbers otherwise: the command's rule for a file it has not read.
         */
        record FoundIfNamed() implements Classes {
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

    /** These rows with class names found, as {@link #withClassesFound()}, when the one target column holds names. */
    public SparkCsv withClassesFoundIfNamed() {
        return new SparkCsv(path, features, targets, new Classes.FoundIfNamed(), scaling);
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
        JavaRDD<Line> lines = numberedLines(spark);
        Line first;
        try {
            first = lines.first();
        } catch (RuntimeException e) {
            throw new DataException(path + ": cannot be read: " + rootMessage(e) + "; expected a CSV file or folder");
        }
        String headerLine = first.text();
        String headerWhere = first.where();
        checkCommas(headerLine, headerWhere);
        List<String> header = Arrays.stream(headerLine.split(",", -1)).map(String::trim).toList();
        int[] featureColumns;
        int[] targetColumns;
        if (features.isEmpty() && targets.isEmpty()) {
            if (header.size() <= spec.inputs()) {
                throw new DataException(headerWhere + ": found " + header.size() + " columns (" + String.join(", ", header)
                        + "); the network expects " + spec.inputs() + " inputs and at least one target column");
            }
            featureColumns = range(0, spec.inputs());
            targetColumns = range(spec.inputs(), header.size());
        } else {
            featureColumns = columns(header, features, "feature", headerWhere);
            targetColumns = columns(header, targets.isEmpty() ? others(header, features) : targets, "target",
                    headerWhere);
        }
        if (featureColumns.length != spec.inputs()) {
            throw new DataException(headerWhere + ": found " + featureColumns.length + " feature columns; the network"
                    + " expects " + spec.inputs() + " inputs");
        }
        // A header line again (each part file's first line) and blank lines are no rows.
        JavaRDD<Line> body = lines.filter(line -> !line.text().isBlank() && !line.text().equals(headerLine));
        Classes chosen = classes;
        if (chosen instanceof Classes.FoundIfNamed) {
            // As the command decides: a target column whose first row is no number holds class names.
            List<Line> firstRow = body.take(1);
            boolean names = targetColumns.length == 1 && !firstRow.isEmpty()
                    && !isNumber(field(firstRow.get(0), targetColumns[0]));
            chosen = names ? new Classes.Found() : new Classes.None();
        }
        boolean named = !(chosen instanceof Classes.None);
        if (named && targetColumns.length != 1) {
            throw new DataException(headerWhere + ": found " + targetColumns.length + " target columns; expected one"
                    + " column of class names");
        }
        if (!named && targetColumns.length != spec.outputs()) {
            throw new DataException(headerWhere + ": found " + targetColumns.length + " target columns; the network"
                    + " expects " + spec.outputs() + " outputs");
        }
        Optional<ClassLabels> labels = Optional.empty();
        if (chosen instanceof Classes.Named given) {
            labels = Optional.of(given.labels().checkFits(spec));
        } else if (chosen instanceof Classes.Found) {
            int column = targetColumns[0];
            List<String> found = body.map(line -> field(line, column)).distinct().collect();
            labels = Optional.of(ClassLabels.sorted(found).checkFits(spec));
        }
        String[] names = labels.map(l -> l.names().toArray(String[]::new)).orElse(null);
        int outputs = spec.outputs();
        JavaRDD<double[]> parsed = body.map(line -> parse(line, header, featureColumns, targetColumns, names, outputs));
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
    private static double[] parse(Line line, List<String> header, int[] featureColumns, int[] targetColumns,
                                  String[] classNames, int outputs) {
        String[] fields = fields(line);
        if (fields.length != header.size()) {
            throw new DataException(line.where() + ": found " + fields.length + " fields in the line \""
                    + excerpt(line.text()) + "\"; expected " + header.size() + ", one per column of the header");
        }
        double[] row = new double[featureColumns.length + outputs];
        for (int i = 0; i < featureColumns.length; i++) {
            row[i] = number(fields, featureColumns[i], header, line);
        }
        if (classNames != null) {
            String name = fields[targetColumns[0]].trim();
            int index = Arrays.asList(classNames).indexOf(name);
            if (index < 0) {
                throw new DataException(line.where() + ": column " + header.get(targetColumns[0]) + ": found the class \""
                        + name + "\" in the line \"" + excerpt(line.text()) + "\"; expected one of "
                        + Arrays.toString(classNames));
            }
            row[featureColumns.length + index] = 1;
        } else {
            for (int i = 0; i < targetColumns.length; i++) {
                row[featureColumns.length + i] = number(fields, targetColumns[i], header, line);
            }
        }
        return row;
    }

    private static double number(String[] fields, int column, List<String> header, Line line) {
        String text = fields[column].trim();
        if (isNumber(text)) {
            return Double.parseDouble(text);
        }
        throw new DataException(line.where() + ": column " + header.get(column) + ": found \"" + text
                + "\" in the line \"" + excerpt(line.text()) + "\"; expected a finite number");
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String field(Line line, int column) {
        String[] fields = fields(line);
        if (column >= fields.length) {
            throw new DataException(line.where() + ": found " + fields.length + " fields in the line \""
                    + excerpt(line.text()) + "\"; expected at least " + (column + 1));
        }
        return fields[column].trim();
    }

    /** The line's fields: commas only, and no quotes, which a split on commas would read wrong. */
    private static String[] fields(Line line) {
        if (line.text().indexOf('"') >= 0) {
            throw new DataException(line.where() + ": found a quoted value in the line \"" + excerpt(line.text())
                    + "\"; expected plain comma-separated fields (Spark's reading of CSV here takes no quotes)");
        }
        return line.text().split(",", -1);
    }

    /** The header must be comma-separated: the one delimiter read here. */
    private static void checkCommas(String header, String where) {
        long commas = header.chars().filter(c -> c == ',').count();
        for (char other : new char[] {'\t', ';'}) {
            long count = header.chars().filter(c -> c == other).count();
            if (count > commas) {
                throw new DataException(where + ": found the header line \"" + excerpt(header) + "\" separated by "
                        + (other == '\t' ? "tabs" : "semicolons") + "; expected commas, the one delimiter read on Spark");
            }
        }
    }

    /**
     * One line of the input with the file and line number it has there (from 1), for the messages.
     *
     * @param file the file as named to the user: the path given, or a part file of the folder given
     * @param number the line's number in that file
     * @param text the line
     */
    record Line(String file, long number, String text) implements Serializable {
        String where() {
            return file + ":" + number;
        }
    }

    /** Where one partition of the input starts, and how many lines it holds. */
    private record Split(String file, long start, long lines) implements Serializable {
    }

    /**
     * The lines at {@code path}, each with its number in its file. Hadoop splits a file at byte
     * offsets, so a partition knows where it starts but not at which line: one pass counts each
     * partition's lines (only counts reach the driver), and each partition then numbers its lines from
     * the sum of those before it in the same file.
     */
    private JavaRDD<Line> numberedLines(SparkTraining spark) {
        JavaHadoopRDD<LongWritable, Text> raw = (JavaHadoopRDD<LongWritable, Text>) spark.context()
                .hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, spark.options().workers());
        List<Split> splits;
        try {
            splits = raw.mapPartitionsWithInputSplit((split, lines) -> {
                long count = 0;
                for (; lines.hasNext(); lines.next()) {
                    count++;
                }
                FileSplit file = (FileSplit) split;
                return List.of(new Split(file.getPath().toString(), file.getStart(), count)).iterator();
            }, true).collect();
        } catch (RuntimeException e) {
            throw new DataException(path + ": cannot be read: " + rootMessage(e) + "; expected a CSV file or folder");
        }
        boolean oneFile = splits.stream().map(Split::file).distinct().count() <= 1;
        String[] files = new String[splits.size()];
        long[] firstLine = new long[splits.size()];
        for (int p = 0; p < splits.size(); p++) {
            Split split = splits.get(p);
            files[p] = oneFile ? path : split.file();
            firstLine[p] = 1;
            for (Split before : splits) {
                if (before.file().equals(split.file()) && before.start() < split.start()) {
                    firstLine[p] += before.lines();
                }
            }
        }
        // Hadoop reuses one Text object for every line: each is copied to a String at once.
        return raw.map(pair -> pair._2().toString())
                .mapPartitionsWithIndex((p, lines) -> numbered(files[p], firstLine[p], lines), true);
    }

    /** The lines numbered from {@code first}; static, so that the task's closure holds no {@code SparkCsv}. */
    private static Iterator<Line> numbered(String file, long first, Iterator<String> lines) {
        return new Iterator<>() {
            private long number = first;

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Line next() {
                return new Line(file, number++, lines.next());
            }
        };
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

    /** The header's columns other than {@code chosen}, in order. */
    private static List<String> others(List<String> header, List<String> chosen) {
        return header.stream().filter(name -> !chosen.contains(name)).toList();
    }

    private static int[] columns(List<String> header, List<String> names, String role, String where) {
        int[] indices = new int[names.size()];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            indices[i] = header.indexOf(names.get(i));
            if (indices[i] < 0) {
                throw new DataException(where + ": found no column \"" + names.get(i) + "\" for a " + role + "; expected one of "
                        + String.join(", ", header));
            }
            if (seen.contains(names.get(i))) {
                throw new DataException(where + ": found the " + role + " column \"" + names.get(i) + "\" twice; expected each once");
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
