package io.backprop.cli;

import io.backprop.Network;
import io.backprop.model.ClassLabels;
import io.backprop.csv.CsvFormat;
import io.backprop.csv.CsvBlocks;
import io.backprop.csv.CsvSource;
import io.backprop.csv.DataFile;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.csv.LabelledData;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.error.ModelFileException;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --model}, {@code --data} and the choice of feature and target columns. */
final class ModelAndData {
    @Option(names = "--model", paramLabel = "M.json", required = true,
            description = "A backprop-model/1 JSON file.")
    Path model;

    @Option(names = "--data", paramLabel = "D.csv", required = true,
            description = "A CSV file: a header line naming the columns (or --no-header), values separated by "
                    + "commas, tabs or semicolons (or --delimiter); or a .bpd file `backprop convert` wrote from one, "
                    + "told by its first bytes, which gives the same rows faster.")
    Path data;

    @Mixin
    CsvOptions csv;

    @Option(names = "--features", paramLabel = "a,b", split = ",",
            description = "The feature columns (default: the model's first `inputs` columns).")
    List<String> features = new ArrayList<>();

    @Option(names = "--targets", paramLabel = "c", split = ",",
            description = "The target columns (default: the columns after the features); not for predict, which "
                    + "computes no loss (evaluate compares the outputs with them).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--stream", negatable = true,
            description = "Read --data a block at a time (--block-size of it each), never holding it whole: for files "
                    + "larger than memory. Without --stream or --no-stream, a file larger than an eighth of the heap "
                    + "is read so and a smaller one whole.")
    Boolean stream;

    @Option(names = "--block-size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "How much of --data each block holds when it is read a block at a time, such as 16m or "
                    + "512k (default: 16m). Larger blocks take more memory and shuffle coarser.")
    long blockBytes = CsvBlocks.DEFAULT_BLOCK_BYTES;

    /**
     * Files larger than this share of the heap are read a block at a time: held whole, a CSV file takes its
     * size as text while it is parsed and its values as float64 beside it, and the command needs room for
     * the network and its work besides.
     */
    static final int HEAP_SHARE = 8;

    /** Whether --data is read a block at a time: when --stream asks, or the file is too large to hold whole. */
    boolean readsInBlocks() {
        return stream != null ? stream : sizeOfData() > Runtime.getRuntime().maxMemory() / HEAP_SHARE;
    }

    /** Why --data is read a block at a time, for messages. */
    String whyInBlocks() {
        return Boolean.TRUE.equals(stream) ? "--stream" : String.format(Locale.ROOT, "%,d MB, more than an eighth of the heap's %,d MB",
                sizeOfData() / 1_000_000, Runtime.getRuntime().maxMemory() / 1_000_000);
    }

    private long sizeOfData() {
        try {
            return Files.size(data);
        } catch (IOException e) {
            return 0; // reading it will say what is wrong with it
        }
    }

    /** The rows of --data a block at a time, and the classes of a target column of class names. */
    record Blocks(DataSource rows, Optional<ClassLabels> classes) {
    }

    /**
     * --data a block at a time, not standardized, with the classes its targets stand for: the model's when it
     * names them, else {@code named}, else the names found in a pass over the file of their own, sorted.
     */
    Blocks openBlocks(Model model, boolean targetsRequired, Optional<ClassLabels> named) {
        CurrentWork.isReading("data file, a block at a time", data);
        Optional<ClassLabels> known = model.classes().or(() -> named);
        if (DataFile.isDataFile(data)) {
            DataFile file = DataFile.open(data);
            long rowBytes = (long) Double.BYTES * (model.spec().inputs() + model.spec().outputs());
            return new Blocks(file.source(model.spec(), features, targets, targetsRequired, known,
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, blockBytes / rowBytes))),
                    file.classes(model.spec(), features, targets, targetsRequired, known));
        }
        CsvSource source = CsvSource.open(data, format(), model.spec(), features, targets, targetsRequired, known,
                blockBytes);
        return new Blocks(source, source.classes());
    }

    /** A trained model, on the chosen backend, with the data it is to run on (standardized as the model says). */
    record Opened(Model model, Network network, DataSet data) {
    }

    /**
     * Reads a model that must hold weights and the data, and puts the model on the chosen backend.
     *
     * @param command names the command in the error for a spec-only model
     */
    Opened openTrained(CommonOptions common, String command, boolean targetsRequired) {
        Model model = readModel();
        Parameters parameters = weights(model, command);
        DataSet data = readData(model, targetsRequired);
        return new Opened(model, common.create(model.spec(), parameters), data);
    }

    /** The model's weights, or the error that {@code command} needs a trained model. */
    Parameters weights(Model model, String command) {
        return model.parameters().orElseThrow(() -> new ModelFileException(this.model
                + ": a spec only (its layers have no \"weights\"); `" + command
                + "` needs a model with weights: train one first with `backprop train`"));
    }

    /**
     * The data as the file holds it, with targets, which {@code command} cannot do without: a table whose
     * columns are all features is refused saying so, rather than as "0 target columns". The classes are
     * the model's when it names them, else those of a target column of class names (sorted).
     */
    LabelledData readLabelledWithTargets(Model model, String command) {
        CurrentWork.isReading("data file", data);
        DataInput table = DataInput.read(data, format());
        List<String> header = table.header();
        boolean allFeatures = targets.isEmpty()
                && (features.isEmpty() ? header.size() == model.spec().inputs() : features.containsAll(header));
        if (allFeatures) {
            throw new DataException(data + ": found no target column (the " + header.size() + " columns "
                    + String.join(", ", header) + " are all features); `" + command + "` needs a target column to"
                    + " compare the outputs with: a column after the features, or one named with --targets");
        }
        return table.toLabelledData(model.spec(), features, targets, true, model.classes());
    }

    Model readModel() {
        CurrentWork.isReading("model file", model);
        return ModelFile.read(model);
    }

    /** The data as the model's network sees it: class names in the model's order, features standardized. */
    DataSet readData(Model model, boolean targetsRequired) {
        return standardized(model, readLabelled(model, targetsRequired, Optional.empty()).data());
    }

    /**
     * The data as the file holds it, not standardized, with the classes its targets stand for: in the
     * model's order when the model names its classes, else in the order {@code named} gives, else sorted.
     */
    LabelledData readLabelled(Model model, boolean targetsRequired, Optional<ClassLabels> named) {
        CurrentWork.isReading("data file", data);
        return DataInput.read(data, format()).toLabelledData(model.spec(), features, targets, targetsRequired,
                model.classes().or(() -> named));
    }

    /** How a CSV --data is laid out, from --no-header, --delimiter and --max-line-length; a .bpd ignores it. */
    CsvFormat format() {
        return csv.format();
    }

    /** The one place a model's stored standardization is applied to features before its network. */
    DataSet standardized(Model model, DataSet rows) {
        try {
            return model.standardization().map(s -> s.apply(rows)).orElse(rows);
        } catch (DataException e) {
            throw new DataException(data + ": " + e.getMessage() + " (the standardization of " + this.model + ")", e);
        }
    }

    /** Parses a size such as {@code 16m}, {@code 512k} or {@code 1g}, or a number of bytes. */
    static final class ByteSizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)([0-9]{1,12})([kmg]?)").matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("found " + Excerpt.quote(value) + "; expected a size such as 16m,"
                        + " 512k or 1g");
            }
            long size = Long.parseLong(m.group(1)) << switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            if (size < 1 || size > (1L << 30)) {
                throw new TypeConversionException("found " + Excerpt.quote(value) + "; expected a size from 1 byte"
                        + " to 1g");
            }
            return size;
        }
    }

}
