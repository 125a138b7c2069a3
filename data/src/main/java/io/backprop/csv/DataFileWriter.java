package io.backprop.csv;

import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.error.IoFailure;
import io.backprop.model.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DataFile} from tables of rows given one after another, so that a file too large to
 * read whole can be converted a block of rows at a time.
 *
 * <p>The file's header comes first and holds the number of rows and each class column's classes, which
 * are known only once the last rows are in; and its values are columnar, each column's rows together,
 * while rows arrive a block at a time. So the blocks go first to a staging file beside the target, each
 * block's columns one after another, and {@link #finish} writes the file itself from it: the header,
 * then for each column its part of every block, copied file to file by the kernel
 * ({@link FileChannel#transferTo}). That costs the values one more write and read, through the page
 * cache, against the alternatives: reading the source twice (parsing CSV is what this format exists to
 * avoid), a file per column (a wide file would open hundreds), or a header at the end (a reader could
 * no longer find the columns from the front).
 *
 * <p>A column's kind is set by the first table: numbers when each of its cells is a finite number, else
 * class names, coded 0, 1, … in the order each name is first found. A later table must agree: a class name
 * in a column of numbers is refused naming its line, since the numbers written before it could not become
 * class names again; in a class column every cell is a class name, numbers included.
 *
 * <p>The file appears, atomically, only when {@link #finish} succeeds; {@link #close} without it, or a
 * failure, leaves the target as it was and removes the staging file. A process killed while writing leaves
 * its staging file, {@code .backprop-data-*.staging} beside the target, which nothing else reads.
 */
public final class DataFileWriter implements AutoCloseable {
    /** The values written to the staging file at once: 1 MiB. */
    private static final int STAGE_VALUES = 1 << 17;

    private final Path target;
    private final List<String> names;
    private final Path staging;
    private final FileChannel stage;
    private final List<long[]> blocks = new ArrayList<>(); // each block's offset in the staging file and rows
    private boolean[] classColumn; // set by the first table
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private long rows;
    private long staged;
    private boolean finished;

    private DataFileWriter(Path target, List<String> names, Path staging, FileChannel stage) {
        this.target = target;
        this.names = List.copyOf(names);
        this.staging = staging;
        this.stage = stage;
    }

    /**
     * Starts a file of the given columns at {@code target}, checking first that it can be written there.
     *
     * @throws DataException naming what stands in the way of writing {@code target}
     */
    public static DataFileWriter create(Path target, List<String> columnNames) {
        try {
            AtomicFile.checkWritable(target);
            Path directory = target.toAbsolutePath().getParent();
            // beside the target, so that the space it takes is where the file goes, not in a small /tmp
            Path staging = Files.createTempFile(directory, ".backprop-data-", ".staging");
            try {
                return new DataFileWriter(target, columnNames, staging, FileChannel.open(staging,
                        StandardOpenOption.READ, StandardOpenOption.WRITE));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(staging);
                throw e;
            }
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /**
     * Adds the rows of {@code table}, whose columns must be this file's.
     *
     * @throws DataException for a cell that is not a finite number in a column of numbers, or an empty cell
     *     in a class column, naming its file, line and column; for a table of other columns; or when the
     *     staging file cannot be written
     */
    public void append(CsvTable table) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        if (!table.header().equals(names)) {
            throw new DataException(table.source() + ": found the columns " + CsvTable.listed(table.header())
                    + "; expected " + CsvTable.listed(names) + ", the columns of " + target);
        }
        int n = table.rowCount();
        if (n == 0) {
            return;
        }
        if (classColumn == null) {
            classColumn = new boolean[names.size()];
            for (int c = 0; c < names.size(); c++) {
                classColumn[c] = table.firstClassName(c) >= 0;
                codes.add(classColumn[c] ? new LinkedHashMap<>() : Map.of());
            }
        }
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (classColumn[c]) {
                continue;
            }
            numeric.add(c);
            int row = blocks.isEmpty() ? -1 : table.firstClassName(c);
            if (row >= 0) {
                throw new DataException(table.where(row, c) + ": found " + Excerpt.quote(table.cell(row, c))
                        + "; expected a number, as the rows before it in this column are (a column's first block of"
                        + " rows makes it a column of numbers or of class names)");
            }
        }
        double[] values = table.numbers(numeric); // row after row: the errors a CSV reading gives, in its order
        double[][] classCodes = new double[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            if (classColumn[c]) {
                classCodes[c] = codes(table, c, codes.get(c));
            }
        }
        try {
            long offset = staged;
            int width = numeric.size();
            double[] column = new double[n];
            int k = 0;
            for (int c = 0; c < names.size(); c++) {
                if (classColumn[c]) {
                    stage(classCodes[c]);
                } else {
                    for (int r = 0; r < n; r++) {
                        column[r] = values[r * width + k];
                    }
                    stage(column);
                    k++;
                }
            }
            blocks.add(new long[] {offset, n});
            rows += n;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Appends {@code values} to the staging file, little-endian. */
    private void stage(double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.min(values.length, STAGE_VALUES) * Double.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += STAGE_VALUES) {
            int count = Math.min(STAGE_VALUES, values.length - from);
            bytes.clear();
            bytes.asDoubleBuffer().put(values, from, count);
            bytes.limit(count * Double.BYTES);
            while (bytes.hasRemaining()) {
                staged += stage.write(bytes, staged);
            }
        }
    }

    /** The class codes of column {@code c}, adding the names not seen before. */
    private static double[] codes(CsvTable table, int c, Map<String, Integer> codes) {
        double[] column = new double[table.rowCount()];
        for (int r = 0; r < column.length; r++) {
            String cell = table.cell(r, c);
            table.checkClassName(cell, r, c);
            Integer code = codes.get(cell);
            if (code == null) {
                code = codes.size();
                codes.put(cell, code);
            }
            column[r] = code;
        }
        return column;
    }

    /**
     * Writes the file, atomically, from the rows added.
     *
     * @return the file's header
     * @throws DataException when no rows were added, or the file cannot be written
     */
    public DataFileHeader finish() {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        if (rows == 0) {
            throw new DataException(target + ": no rows to write; expected at least one");
        }
        List<DataFileHeader.Column> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            columns.add(new DataFileHeader.Column(names.get(c), List.copyOf(codes.get(c).keySet())));
        }
        DataFileHeader header = new DataFileHeader(rows, columns);
        try {
            AtomicFile.write(target, channel -> {
                ByteBuffer prelude = ByteBuffer.wrap(DataFileLayout.prelude(header));
                while (prelude.hasRemaining()) {
                    channel.write(prelude);
                }
                for (int c = 0; c < names.size(); c++) {
                    for (long[] block : blocks) {
                        long bytes = block[1] * Double.BYTES;
                        copy(block[0] + c * bytes, bytes, channel);
                    }
                }
            });
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        finished = true;
        close();
        return header;
    }

    private void copy(long from, long bytes, FileChannel to) throws IOException {
        for (long done = 0; done < bytes; ) {
            long n = stage.transferTo(from + done, bytes - done, to);
            if (n <= 0) {
                throw new IOException("the staging file " + staging + " ended early");
            }
            done += n;
        }
    }

    /** Removes the staging file; the target is written only by {@link #finish}. */
    @Override
    public void close() {
        try {
            stage.close();
        } catch (IOException e) {
            // the file is removed regardless below
        }
        try {
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // a staging file left in place holds nothing the target needs
        }
    }

    private static DataException cannotWrite(Path target, IOException e) {
        return new DataException(target + ": cannot be written (" + IoFailure.reason(e) + ")", e);
    }
}
