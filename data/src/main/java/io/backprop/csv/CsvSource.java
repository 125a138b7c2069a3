package io.backprop.csv;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A CSV file as a {@link DataSource}: the blocks of {@link CsvBlocks}, each turned into the data set
 * {@link CsvTable#toLabelledData} makes of it, so that the blocks' data sets, one after another, are the
 * data set of the whole file, value for value.
 *
 * <p>A class column is one column of the whole file, and its classes are the file's: a block holding only
 * some of them, or only cells that read as numbers, is still read with all of them, in the same order. They
 * are the classes given (from the model, or named by the user), or else those of the whole file, found when
 * the source is opened. Without classes given, whether the only target column of a network with one
 * output holds class names is told by the first block: a file of numeric targets then costs no pass of its
 * own, and a class name first met in a later block is refused, naming its line, rather than read as the
 * whole file would read it (as a class column), since the blocks before it were numbers; naming the classes
 * reads such a file.
 */
public final class CsvSource implements DataSource {
    private final CsvBlocks blocks;
    private final NetworkSpec spec;
    private final ColumnChoice columns;
    private final boolean targetsRequired;
    private final Optional<ClassLabels> classes;

    private CsvSource(CsvBlocks blocks, NetworkSpec spec, ColumnChoice columns, boolean targetsRequired,
                      Optional<ClassLabels> classes) {
        this.blocks = blocks;
        this.spec = spec;
        this.columns = columns;
        this.targetsRequired = targetsRequired;
        this.classes = classes;
    }

    /**
     * Opens a CSV file in blocks of about {@link CsvBlocks#DEFAULT_BLOCK_BYTES}.
     *
     * @see #open(Path, CsvFormat, NetworkSpec, List, List, boolean, Optional, long)
     */
    public static CsvSource open(Path file, CsvFormat format, NetworkSpec spec, List<String> featureNames,
                                 List<String> targetNames, boolean targetsRequired, Optional<ClassLabels> classes) {
        return open(file, format, spec, featureNames, targetNames, targetsRequired, classes,
                CsvBlocks.DEFAULT_BLOCK_BYTES);
    }

    /**
     * Opens a CSV file in blocks of about {@code blockBytes} bytes, whose columns are chosen by name as
     * {@link CsvTable#toLabelledData} chooses them, and reads its first block, so that names that do not fit
     * the file or the network, and a first block that cannot be read, are refused here.
     *
     * <p>When the only target column holds class names in the first block, or the network has several
     * outputs, which one column of numbers cannot fill, and no {@code classes} are given, the whole file is
     * read once more, here, to find them ({@link CsvBlocks#classes}): a pass that
     * parses every block, as long as reading every block once, holding one block at a time. Then, or when
     * {@code classes} are given, a single target column of class names is read with those classes in every
     * block. Given {@code classes}, that column is taken to hold class names throughout, so that a cell that
     * reads as a number is a class name too, and must be one of them.
     *
     * @param featureNames the feature columns, or empty for the default
     * @param targetNames the target columns, or empty for the default
     * @param targetsRequired whether the rows must carry targets (training) or may not (prediction)
     * @param classes the classes in target order, when the model or the user names them
     * @throws DataException as {@link CsvBlocks#open(Path, CsvFormat, long)} and {@link CsvTable#toLabelledData}
     *     do, naming the file, line and column
     */
    public static CsvSource open(Path file, CsvFormat format, NetworkSpec spec, List<String> featureNames,
                                 List<String> targetNames, boolean targetsRequired, Optional<ClassLabels> classes,
                                 long blockBytes) {
        CsvBlocks blocks = CsvBlocks.open(file, format, blockBytes);
        ColumnChoice columns = blocks.columns(spec, featureNames, targetNames, targetsRequired);
        CsvTable first = blocks.block(0);
        Optional<ClassLabels> fileClasses = Optional.empty(); // none, or class names among several targets: refused
        if (columns.targets().size() == 1 && classes.isPresent()) {
            fileClasses = classes;
        } else if (columns.targets().size() == 1
                && (spec.outputs() != 1 || first.firstClassName(columns.targets().get(0)) >= 0)) {
            // a class column: it has class names, or it must, one column of numbers not filling several outputs
            fileClasses = blocks.classes(spec, columns, targetsRequired);
        }
        CsvSource source = new CsvSource(blocks, spec, columns, targetsRequired, fileClasses);
        source.data(first);
        return source;
    }

    /** The file's path, as its errors name it. */
    @Override
    public String name() {
        return blocks.source();
    }

    @Override
    public int featureCount() {
        return columns.features().size();
    }

    /** The network's outputs, for targets of numbers or of classes; 0 for rows read without targets. */
    @Override
    public int targetCount() {
        // numeric targets are refused unless there are as many as outputs, so either way it is the outputs
        return columns.targets().isEmpty() ? 0 : spec.outputs();
    }

    @Override
    public int blockCount() {
        return blocks.blockCount();
    }

    /**
     * The classes the targets stand for, in target order: those given, or else those found in the whole
     * file; empty when the targets are numbers or there are none.
     */
    public Optional<ClassLabels> classes() {
        return classes;
    }

    /**
     * Reads block {@code index} and makes its data set.
     *
     * @throws DataException naming the file, line and column of the first problem in the block, as
     *     reading the whole file would
     * @throws IndexOutOfBoundsException when {@code index} is not below {@link #blockCount()}
     */
    @Override
    public DataSet block(int index) {
        return data(blocks.block(index));
    }

    private DataSet data(CsvTable block) {
        if (classes.isEmpty() && columns.targets().size() == 1) {
            // numeric targets, as the first block said: a class name here would make classes of this block's alone
            int column = columns.targets().get(0);
            int row = block.firstClassName(column);
            if (row >= 0) {
                throw block.classNameAmongNumbers(row, column);
            }
        }
        return block.toLabelledData(columns, spec, targetsRequired, classes, classes.isPresent()).data();
    }
}
