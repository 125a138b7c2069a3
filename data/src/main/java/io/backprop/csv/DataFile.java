package io.backprop.csv;

import io.backprop.data.DataSource;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.error.IoFailure;
import io.backprop.model.AtomicFile;
import io.backprop.model.ClassLabels;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A table of numbers stored as {@code backprop-data/1} ({@code .bpd}): read again without parsing text,
 * for data trained on more than once. {@code backprop convert} writes one from a CSV file; every command
 * that reads {@code --data} reads one too, and gives the same rows, bit for bit, as from the CSV file.
 *
 * <p>The layout (see {@code docs/data-format.md}): the 8 bytes {@code BPDATA01}; the header's length L,
 * 4 bytes little-endian; L bytes of UTF-8 JSON, the {@link DataFileHeader}; zero bytes up to a multiple
 * of 8; then each column's values, rows × float64 little-endian, column after column. A column of class
 * names holds codes 0, 1, … standing for the header's {@code "classes"} of that column, in the order the
 * names were first found in the rows. Columnar, because a network takes some of the columns: the others
 * are never read, and each column read is one run of bytes.
 *
 * <p>The values are mapped into memory, not read: opening costs the header alone, and the rows are
 * copied from the page cache as they are taken.
 */
public final class DataFile {
    /** The size in bytes a block of a {@link #source} holds by default (its rows' features and targets). */
    public static final int DEFAULT_BLOCK_BYTES = 16 << 20;

    private final String name;
    private final DataFileHeader header;
    private final MappedColumns values;

    private DataFile(String name, DataFileHeader header, MappedColumns values) {
        this.name = name;
        this.header = header;
        this.values = values;
    }

    /**
     * Writes {@code table} to {@code out} as a data file, atomically.
     *
     * @return the header written
     * @throws DataException for a cell that is not a finite number in a column of numbers, or an empty cell
     *     in a column of class names, naming the file, line and column; or when {@code out} cannot be written
     * @see DataFileWriter
     */
    public static DataFileHeader write(Path out, CsvTable table) {
        try (DataFileWriter writer = DataFileWriter.create(out, table.header())) {
            writer.append(table);
            return writer.finish();
        }
    }

    /**
     * Checks now, before the work of reading what goes in it, that a data file could be written at {@code out}.
     *
     * @throws DataException naming what stands in the way (see {@link AtomicFile#checkWritable})
     */
    public static void checkWritable(Path out) {
        try {
            AtomicFile.checkWritable(out);
        } catch (IOException e) {
            throw new DataException(out + ": cannot be written (" + IoFailure.reason(e) + ")", e);
        }
    }

    /**
     * Whether {@code file} is a regular file that starts as a data file does, of any version: how a command
     * tells one from a CSV file, by its content rather than its name. A pipe or a device is never read here,
     * so that what it holds is left for the CSV reader.
     */
    public static boolean isDataFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(DataFileLayout.FAMILY);
            while (start.hasRemaining() && channel.read(start) > 0) {
                // read until the family's bytes are in or the file ends
            }
            return !start.hasRemaining()
                    && Arrays.equals(start.array(), Arrays.copyOf(DataFileLayout.MAGIC, DataFileLayout.FAMILY));
        } catch (IOException e) {
            return false; // the CSV reader says what is wrong with it
        }
    }

    /**
     * Opens a data file: reads and checks its header, and maps its values.
     *
     * @throws DataException naming the file and what is wrong: not a data file, of another version, cut
     *     short, a header that is not valid (naming its field), or a size that is not the header's rows ×
     *     columns
     */
    public static DataFile open(Path file) {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer prelude = read(channel, 0, (int) Math.min(size, DataFileLayout.PRELUDE));
            checkMagic(name, prelude.array(), size);
            long length = Integer.toUnsignedLong(prelude.order(ByteOrder.LITTLE_ENDIAN).getInt(8));
            if (length > DataFileLayout.MAX_HEADER) {
                throw new DataException(name + ": a header of " + length + " bytes; expected at most "
                        + DataFileLayout.MAX_HEADER + " (a " + DataFileHeader.FORMAT + " file written whole)");
            }
            if (DataFileLayout.PRELUDE + length > size) {
                throw new DataException(name + ": truncated: " + size + " bytes, too few for its header of " + length
                        + " bytes after the first " + DataFileLayout.PRELUDE + "; expected a " + DataFileHeader.FORMAT
                        + " file written whole");
            }
            DataFileHeader header = DataFileHeader.parse(name, read(channel, DataFileLayout.PRELUDE, (int) length).array());
            long offset = DataFileLayout.dataOffset(length);
            int columns = header.columns().size();
            long expected = expectedSize(name, header, offset);
            if (size != expected) {
                throw new DataException(name + ": " + size + " bytes; expected " + expected + ": " + offset
                        + " before the values and " + header.rows() + " rows × " + columns + " columns × 8 bytes"
                        + (size < expected ? " (truncated: a file not written whole?)" : " (more than its header says)"));
            }
            return new DataFile(name, header, MappedColumns.map(channel, offset, header.rows(), columns));
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": no such file; expected a " + DataFileHeader.FORMAT + " file");
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read (" + IoFailure.reason(e) + ")", e);
        }
    }

    private static long expectedSize(String name, DataFileHeader header, long offset) {
        try {
            return Math.addExact(offset, Math.multiplyExact(Math.multiplyExact(header.rows(),
                    (long) header.columns().size()), (long) Double.BYTES));
        } catch (ArithmeticException e) {
            throw new DataException(name + ": header field \"rows\": found " + header.rows() + ", with "
                    + header.columns().size() + " columns more values than any file holds; expected the file's rows");
        }
    }

    private static void checkMagic(String name, byte[] start, long size) {
        byte[] family = Arrays.copyOf(DataFileLayout.MAGIC, DataFileLayout.FAMILY);
        int n = Math.min(start.length, DataFileLayout.MAGIC.length);
        if (!Arrays.equals(Arrays.copyOf(start, Math.min(n, DataFileLayout.FAMILY)),
                Arrays.copyOf(family, Math.min(n, DataFileLayout.FAMILY)))) {
            throw new DataException(name + ": not a " + DataFileHeader.FORMAT + " file: it starts with "
                    + Excerpt.quote(new String(start, 0, n, StandardCharsets.ISO_8859_1)) + "; expected the 8 bytes "
                    + "BPDATA01 (a CSV file is read as CSV wherever --data is)");
        }
        if (start.length >= DataFileLayout.MAGIC.length
                && !Arrays.equals(Arrays.copyOf(start, DataFileLayout.MAGIC.length), DataFileLayout.MAGIC)) {
            throw new DataException(name + ": a backprop data file of version " + Excerpt.quote(new String(start,
                    DataFileLayout.FAMILY, 2, StandardCharsets.ISO_8859_1)) + "; expected version \"01\" ("
                    + DataFileHeader.FORMAT + "), the one this version of backprop reads");
        }
        if (start.length < DataFileLayout.PRELUDE) {
            throw new DataException(name + ": truncated: " + size + " bytes; expected at least "
                    + DataFileLayout.PRELUDE + ", the magic BPDATA01 and the header's length");
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("the file ended while being read");
            }
        }
        return bytes;
    }

    /** The file, as messages name it. */
    public String name() {
        return name;
    }

    /** The header: the rows and the columns. */
    public DataFileHeader header() {
        return header;
    }

    /** The number of rows. */
    public long rows() {
        return header.rows();
    }

    /**
     * The data set {@code spec} needs from this file, and the classes its targets stand for: the same, bit
     * for bit, as {@link CsvTable#toLabelledData} gives from the CSV file this was written from, for the same
     * arguments, and refused alike when the columns named do not fit (see {@link CsvTable#toLabelledData}
     * for the choice of columns). A class column's classes are {@code known} (mapped by name), else the
     * file's classes sorted, as the CSV file gives them.
     *
     * @throws DataException naming a column that does not exist, a count that does not fit the network, a
     *     feature column of class names, a value that is not finite or a class not known, with the file, row
     *     and column
     */
    public LabelledData toLabelledData(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                                       boolean targetsRequired, Optional<ClassLabels> known) {
        DataFileRows rows = rows(spec, featureNames, targetNames, targetsRequired, known);
        if (header.rows() == 0) {
            throw new DataException(name + ": has a header but no rows; expected at least one row of numbers");
        }
        if (header.rows() > Integer.MAX_VALUE) {
            throw new DataException(name + ": " + header.rows() + " rows; expected at most " + Integer.MAX_VALUE
                    + " in one data set (read it in blocks)");
        }
        return new LabelledData(rows.read(0, (int) header.rows()), rows.classes());
    }

    /**
     * The classes the targets {@link #source} gives stand for, when the target column holds class names:
     * {@code known}, else the file's classes sorted; empty for numeric targets.
     *
     * @throws DataException as {@link #toLabelledData} does for the columns
     */
    public Optional<ClassLabels> classes(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                                         boolean targetsRequired, Optional<ClassLabels> known) {
        return rows(spec, featureNames, targetNames, targetsRequired, known).classes();
    }

    /**
     * This file's rows, in blocks of about {@link #DEFAULT_BLOCK_BYTES} each, with the columns and classes
     * {@link #toLabelledData} chooses.
     *
     * @throws DataException as {@link #toLabelledData} does for the columns; a block as it does for its values
     */
    public DataSource source(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                             boolean targetsRequired, Optional<ClassLabels> known) {
        DataFileRows rows = rows(spec, featureNames, targetNames, targetsRequired, known);
        long rowBytes = (long) Double.BYTES * Math.max(1, rows.featureCount() + rows.targetCount());
        return new DataFileSource(name, rows, header.rows(), (int) Math.max(1, DEFAULT_BLOCK_BYTES / rowBytes));
    }

    /**
     * This file's rows in blocks of {@code rowsPerBlock} (the last may hold fewer), with the columns and
     * classes {@link #toLabelledData} chooses.
     *
     * @throws DataException as {@link #toLabelledData} does for the columns, or for fewer than 1 row a block
     */
    public DataSource source(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                             boolean targetsRequired, Optional<ClassLabels> known, int rowsPerBlock) {
        return new DataFileSource(name, rows(spec, featureNames, targetNames, targetsRequired, known), header.rows(),
                rowsPerBlock);
    }

    private DataFileRows rows(NetworkSpec spec, List<String> featureNames, List<String> targetNames,
                              boolean targetsRequired, Optional<ClassLabels> known) {
        ColumnChoice choice = ColumnChoice.of(name, header.names(), "in a " + DataFileHeader.FORMAT + " file", spec,
                featureNames, targetNames, targetsRequired);
        return new DataFileRows(choice, header, values, spec, targetsRequired, known);
    }

    @Override
    public String toString() {
        return name + " (" + header.rows() + " rows × " + header.columns().size() + " columns)";
    }
}
