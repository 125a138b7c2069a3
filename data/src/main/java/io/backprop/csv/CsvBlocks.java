package io.backprop.csv;

import io.backprop.error.DataException;
import io.backprop.error.IoFailure;
import io.backprop.model.ClassLabels;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * A CSV file read a block of rows at a time, for a file larger than the memory its table would take: each
 * {@link #block} is a {@link CsvTable} of whole rows, read again from the file each time it is asked for,
 * in any order.
 *
 * <p>{@link #open} reads the header as {@link CsvTable#read(Path, CsvFormat)} does (the same delimiter, the
 * same column names, {@code c1, c2, …} without a header, the same errors), then makes one pass over the
 * file's bytes that parses nothing, to find where each block of about {@code blockBytes} bytes starts: at a
 * line start outside quoted values, so that a block holds whole rows. What it keeps is a long and an int a
 * block. The pass runs at about 3 GB/s over a file of numbers in the page cache (a 1 GB file in 0.3 s),
 * where parsing runs at about 0.1 GB/s a thread: opening costs little beside reading the blocks. Each block is then parsed as
 * {@link CsvTable} parses a file, and carries the file's line numbers: its rows, and any problem in them,
 * are named exactly as reading the whole file names them. A file whose lines end in a lone carriage return
 * (old Mac line ends) is refused; one of {@code \n} or {@code \r\n} line ends is read.
 *
 * <p>The file must stay as it is while it is read: a block read from a file whose size has changed is
 * refused. Nothing is held open between reads, so there is nothing to close, and blocks may be read on
 * several threads at once.
 */
public final class CsvBlocks {
    /** The size of a block by default, in bytes: 16 MiB, a few times that much memory once parsed. */
    public static final long DEFAULT_BLOCK_BYTES = 16L << 20;

    /** The most blocks read at once to find the classes: memory holds each while it is read. */
    private static final int MAX_AT_ONCE = 4;

    private final Path file;
    private final CsvFormat format;
    private final CsvTable columns; // the header and delimiter, without rows
    private final BlockIndex index;

    private CsvBlocks(Path file, CsvFormat format, CsvTable columns, BlockIndex index) {
        this.file = file;
        this.format = format;
        this.columns = columns;
        this.index = index;
    }

    /**
     * Opens a UTF-8 CSV file laid out as {@code format} says, in blocks of about {@link #DEFAULT_BLOCK_BYTES}.
     *
     * @throws DataException as {@link CsvTable#read(Path, CsvFormat)} does for the header, for a file without
     *     rows, and for a file that is not a regular file or holds a carriage return without a line feed
     */
    public static CsvBlocks open(Path file, CsvFormat format) {
        return open(file, format, DEFAULT_BLOCK_BYTES);
    }

    /**
     * Opens a UTF-8 CSV file laid out as {@code format} says, in blocks of about {@code blockBytes} bytes:
     * each runs from a line start to the first line start at least {@code blockBytes} further on outside
     * quoted values, so that a block holds a line longer than that whole.
     *
     * @throws DataException as {@link #open(Path, CsvFormat)} does
     * @throws IllegalArgumentException when {@code blockBytes} is below 1
     */
    public static CsvBlocks open(Path file, CsvFormat format, long blockBytes) {
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes: found " + blockBytes + "; expected at least 1");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a device or a pipe cannot be read again from a block's start
            throw new DataException(file + ": not a regular file; expected a file that can be read again, block by"
                    + " block");
        }
        CsvTable columns = CsvTable.readHeader(file, format);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            BlockIndex index = BlockIndex.scan(channel, channel.size(), file.toString(), columns.delimiter(),
                    format.hasHeader(), blockBytes);
            if (index.count() == 0) {
                throw CsvTable.noRows(file.toString());
            }
            return new CsvBlocks(file, format, columns, index);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file, as error messages and {@link CsvTable#source()} name it. */
    public String source() {
        return file.toString();
    }

    /** The column names, in order: the header's, or {@code c1, c2, …} without one. */
    public List<String> header() {
        return columns.header();
    }

    /** The number of blocks, at least 1. */
    public int blockCount() {
        return index.count();
    }

    /**
     * Reads block {@code index}: its rows, at least one, in the file's order, under the file's header, each
     * with its line number in the file.
     *
     * @throws DataException naming the file, line and column of the first problem in the block, as reading
     *     the whole file would name it; or when the file has changed since it was opened
     * @throws IndexOutOfBoundsException when {@code index} is not below {@link #blockCount()}
     */
    public CsvTable block(int index) {
        Objects.checkIndex(index, this.index.count());
        long from = this.index.start(index);
        long to = this.index.end(index);
        int firstLine = this.index.firstLine(index);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != this.index.size()) {
                throw changed(channel.size());
            }
            Optional<CsvTable> plain = CsvTable.readPlainRows(channel, from, to, source(), format, header(),
                    columns.delimiter(), firstLine);
            if (plain.isPresent() && channel.size() == this.index.size()) {
                return plain.get();
            }
            FileSlice slice = new FileSlice(channel, from, to, new AtomicBoolean());
            CsvTable table = CsvTable.readRows(slice, source(), format, header(), columns.delimiter(), to - from,
                    firstLine);
            if (table.rowCount() == 0 || !slice.whole()) {
                throw changed(channel.size());
            }
            return table;
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (UncheckedIOException e) {
            throw unreadable(file, e.getCause());
        } catch (DataException e) {
            if (e.getCause() instanceof LineCountingReader.NotUtf8Exception) {
                // as CsvTable.read does: the reader's line may be short of the bad bytes; a second look finds them
                throw CsvTable.notUtf8(source() + ":" + Utf8Position.ofFirstBadByte(file, from, firstLine), e);
            }
            throw e;
        }
    }

    /**
     * The classes of the class column the names choose as the target, found in every block, for training:
     * what {@code CsvTable.read(file, format).toLabelledData(spec, featureNames, targetNames, true,
     * Optional.empty()).classes()} gives, without holding the file. It reads every block once; the feature
     * cells are not parsed.
     *
     * @return the classes, sorted by name; empty when the targets are numbers
     * @throws DataException as {@link CsvTable#toLabelledData} does for names that do not fit the header or
     *     the network, a class name among several target columns, a class column with more or fewer classes
     *     than the network tells apart or an empty cell, and numeric targets that do not fit its outputs
     */
    public Optional<ClassLabels> classes(NetworkSpec spec, List<String> featureNames, List<String> targetNames) {
        return classes(spec, columns(spec, featureNames, targetNames, true), true);
    }

    /** The columns {@link CsvTable#toLabelledData} would choose for these names in a block of this file. */
    ColumnChoice columns(NetworkSpec spec, List<String> featureNames, List<String> targetNames, boolean targetsRequired) {
        return columns.columns(spec, featureNames, targetNames, targetsRequired);
    }

    /** {@link #classes(NetworkSpec, List, List)} for columns already chosen. */
    Optional<ClassLabels> classes(NetworkSpec spec, ColumnChoice choice, boolean targetsRequired) {
        List<Integer> targets = choice.targets();
        if (targets.size() == 1) {
            int column = targets.get(0);
            FoundClasses found = new FoundClasses(spec.outputs());
            boolean classColumn = false;
            // Every block is read, as reading the whole file reads every line before it looks at a class:
            // the first block that cannot be read gives its error, before any problem with the classes.
            int atOnce = Math.max(1, Math.min(MAX_AT_ONCE, Runtime.getRuntime().availableProcessors()));
            for (int from = 0; from < blockCount(); from += atOnce) {
                for (BlockClasses block : blockClasses(from, Math.min(blockCount(), from + atOnce), column,
                        found.needed())) {
                    classColumn |= block.hasClassName();
                    block.addTo(found);
                }
            }
            if (classColumn) {
                return Optional.of(found.classes(columns.columnName(column)));
            }
        } else if (!targets.isEmpty()) {
            checkNoClassNames(choice);
        }
        choice.checkNumericTargets(spec, targetsRequired);
        return Optional.empty();
    }

    /**
     * The class cells of blocks {@code from} to {@code to} (exclusive), in file order, read at once on the
     * common pool; of those that cannot be read, the first one's error, which reading them in order gives.
     */
    private List<BlockClasses> blockClasses(int from, int to, int column, int needed) {
        Object[] read = new Object[to - from];
        IntStream.range(from, to).parallel().forEach(b -> {
            try {
                read[b - from] = BlockClasses.of(block(b), column, needed);
            } catch (DataException e) {
                read[b - from] = e;
            }
        });
        List<BlockClasses> blocks = new ArrayList<>(read.length);
        for (Object block : read) {
            if (block instanceof DataException e) {
                throw e;
            }
            blocks.add((BlockClasses) block);
        }
        return blocks;
    }

    /**
     * Refuses a class name in any of several target columns as reading the whole file does: naming the first
     * class name of the first of those columns, in their order, that holds one.
     */
    private void checkNoClassNames(ColumnChoice choice) {
        List<Integer> targets = choice.targets();
        DataException[] first = new DataException[targets.size()];
        for (int b = 0; b < blockCount(); b++) {
            CsvTable block = block(b);
            for (int t = 0; t < targets.size(); t++) {
                int row = first[t] == null ? block.firstClassName(targets.get(t)) : -1;
                if (row >= 0) {
                    first[t] = choice.classNameAmongTargets(block.where(row, targets.get(t)),
                            block.cell(row, targets.get(t)));
                }
            }
        }
        for (DataException problem : first) {
            if (problem != null) {
                throw problem;
            }
        }
    }

    private DataException changed(long size) {
        return new DataException(source() + ": changed since it was opened for reading in blocks (" + index.size()
                + " bytes then, " + size + " now); expected it unchanged while it is read");
    }

    private static DataException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(file + ": no such file; expected a CSV file with a header line");
        }
        return new DataException(file + ": cannot be read (" + IoFailure.reason(e) + ")", e);
    }
}
