package io.backprop.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.backprop.error.DataException;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV file of numbers under a header line, read whole, that knows where each value came from.
 *
 * <p>Every value must be a finite number; a bad cell is refused with its file, line and column:
 * {@code people.csv:3:2 (height): found "tall"; expected a number}. Blank lines are skipped and
 * spaces around values are ignored.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    /** A decimal number, or NaN or infinity, which are numbers but refused as not finite. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|NaN|Infinity)");

    private final String source;
    private final List<String> header;
    private final List<double[]> rows;

    private CsvTable(String source, List<String> header, List<double[]> rows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    /**
     * Reads a CSV file.
     *
     * @throws DataException naming the file, line and column of the first problem
     */
    public static CsvTable read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file; expected a CSV file with a header line");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads CSV text; {@code source} names it in error messages.
     *
     * @throws DataException naming the source, line and column of the first problem
     */
    public static CsvTable read(Reader reader, String source) throws IOException {
        try (CsvParser parser = (CsvParser) MAPPER.createParser(reader)) {
            List<String> header = null;
            List<double[]> rows = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            List<JsonLocation> places = new ArrayList<>();
            // WRAP_AS_ARRAY puts every line's array (depth 2) inside one array for the file (depth 1),
            // whose end is not a line.
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    depth++;
                    cells.clear();
                    places.clear();
                } else if (token == JsonToken.VALUE_STRING) {
                    cells.add(parser.getText());
                    places.add(parser.currentTokenLocation());
                } else if (token == JsonToken.END_ARRAY) {
                    if (depth-- != 2) {
                        continue;
                    }
                    if (header == null) {
                        header = header(cells, places, source);
                    } else {
                        rows.add(row(cells, places, header, source));
                    }
                }
            }
            if (header == null) {
                throw new DataException(source + ": empty; expected a header line naming the columns, then rows");
            }
            if (rows.isEmpty()) {
                throw new DataException(source + ": has a header but no rows; expected at least one row of numbers");
            }
            return new CsvTable(source, header, rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataException(source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": malformed CSV (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static List<String> header(List<String> cells, List<JsonLocation> places, String source) {
        Set<String> seen = new LinkedHashSet<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c);
            int line = places.get(c).getLineNr(); // not always 1: blank lines before the header are skipped
            if (name.isEmpty()) {
                throw new DataException(source + ":" + line + ":" + (c + 1) + ": empty column name; expected a header line"
                        + " naming every column");
            }
            if (!seen.add(name)) {
                throw new DataException(source + ":" + line + ":" + (c + 1) + ": column \"" + name
                        + "\" is named twice; expected distinct names");
            }
        }
        return List.copyOf(cells);
    }

    private static double[] row(List<String> cells, List<JsonLocation> places, List<String> header, String source) {
        int line = places.isEmpty() ? -1 : places.get(0).getLineNr();
        if (cells.size() != header.size()) {
            throw new DataException(source + ":" + line + ": found " + cells.size() + " values; expected "
                    + header.size() + ", one per column of the header (" + String.join(", ", header) + ")");
        }
        double[] values = new double[cells.size()];
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String where = source + ":" + line + ":" + (c + 1) + " (" + header.get(c) + ")";
            // Double.parseDouble alone would also take Java's "1d", "2f" and hexadecimal "0x1p3".
            if (!DECIMAL.matcher(cell).matches()) {
                throw new DataException(where + ": found \"" + cell + "\"; expected a number");
            }
            values[c] = Double.parseDouble(cell);
            if (!Double.isFinite(values[c])) {
                throw new DataException(where + ": found " + cell + "; expected a finite number");
            }
        }
        return values;
    }

    /** Where the table came from, as used in error messages. */
    public String source() {
        return source;
    }

    /** The column names, in order. */
    public List<String> header() {
        return header;
    }

    /** The number of data rows (the header not counted). */
    public int rowCount() {
        return rows.size();
    }

    /**
     * The data set {@code spec} needs from this table.
     *
     * <p>With no names given, the first {@code spec.inputs()} columns are the features and the rest
     * are the targets. Naming only the features makes every other column a target, and naming only
     * the targets makes every other column a feature.
     *
     * @param featureNames the feature columns, or empty for the default
     * @param targetNames the target columns, or empty for the default
     * @param targetsRequired whether the rows must carry targets (training) or may not (prediction)
     * @throws DataException naming a column that does not exist, or a count that does not fit the network
     */
    public DataSet toDataSet(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                             boolean targetsRequired) {
        List<Integer> features;
        List<Integer> targets;
        if (featureNames.isEmpty() && targetNames.isEmpty()) {
            if (header.size() < spec.inputs()) {
                throw new DataException(source + ": found " + header.size() + " columns (" + String.join(", ", header)
                        + "); the network expects " + spec.inputs() + " inputs");
            }
            features = range(0, spec.inputs());
            targets = range(spec.inputs(), header.size());
        } else {
            features = featureNames.isEmpty() ? null : indices(featureNames, "feature");
            targets = targetNames.isEmpty() ? null : indices(targetNames, "target");
            if (features == null) {
                features = others(targets);
            }
            if (targets == null) {
                targets = others(features);
            }
            for (int c : features) {
                if (targets.contains(c)) {
                    throw new DataException(source + ": column \"" + header.get(c) + "\" is named both as a feature"
                            + " and as a target; expected each column in one role");
                }
            }
        }
        if (features.size() != spec.inputs()) {
            throw new DataException(source + ": found " + features.size() + " feature columns ("
                    + names(features) + "); the network expects " + spec.inputs() + " inputs");
        }
        if ((targetsRequired || !targets.isEmpty()) && targets.size() != spec.outputs()) {
            throw new DataException(source + ": found " + targets.size() + " target columns (" + names(targets)
                    + "); the network has " + spec.outputs() + " outputs"
                    + (targetsRequired ? "" : ", or give none"));
        }
        double[] f = new double[rows.size() * features.size()];
        double[] t = new double[rows.size() * targets.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int c = 0; c < features.size(); c++) {
                f[r * features.size() + c] = row[features.get(c)];
            }
            for (int c = 0; c < targets.size(); c++) {
                t[r * targets.size() + c] = row[targets.get(c)];
            }
        }
        return DataSet.ofFlat(rows.size(), features.size(), f, targets.size(), t);
    }

    private List<Integer> indices(List<String> names, String role) {
        List<Integer> indices = new ArrayList<>();
        for (String name : names) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new DataException(source + ": no " + role + " column \"" + name + "\"; the header has "
                        + String.join(", ", header));
            }
            if (indices.contains(index)) {
                throw new DataException(source + ": " + role + " column \"" + name + "\" is named twice;"
                        + " expected each column once");
            }
            indices.add(index);
        }
        return indices;
    }

    private List<Integer> others(List<Integer> taken) {
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

    private String names(List<Integer> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(header.get(c)));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
