package io.backprop.cli;

import io.backprop.csv.CsvFormat;
import io.backprop.csv.CsvTable;
import io.backprop.csv.DataFile;
import io.backprop.csv.LabelledData;
import io.backprop.model.ClassLabels;
import io.backprop.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A data file as a command reads it: a CSV file, or a {@code backprop-data/1} file that {@code backprop
 * convert} wrote from one, told apart by its first bytes rather than its name, so that either works
 * wherever the other does and gives the same rows. The CSV options (header, delimiter, line length) say
 * nothing about a data file, whose header holds its columns, and are ignored for one.
 */
final class DataInput {
    private final CsvTable table;
    private final DataFile file;

    private DataInput(CsvTable table, DataFile file) {
        this.table = table;
        this.file = file;
    }

    /** Reads {@code path}: a data file is opened (mapped, not read), a CSV file read as {@code format} says. */
    static DataInput read(Path path, CsvFormat format) {
        return DataFile.isDataFile(path) ? new DataInput(null, DataFile.open(path))
                : new DataInput(CsvTable.read(path, format), null);
    }

    /** The column names, in order. */
    List<String> header() {
        return table != null ? table.header() : file.header().names();
    }

    /** The rows {@code spec} needs, as {@link CsvTable#toLabelledData} chooses them. */
    LabelledData toLabelledData(NetworkSpec spec, List<String> features, List<String> targets, boolean targetsRequired,
                                Optional<ClassLabels> known) {
        return table != null ? table.toLabelledData(spec, features, targets, targetsRequired, known)
                : file.toLabelledData(spec, features, targets, targetsRequired, known);
    }
}
