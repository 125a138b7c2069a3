package io.backprop.cli;

import io.backprop.Network;
import io.backprop.model.ClassLabels;
import io.backprop.csv.CsvFormat;
import io.backprop.csv.CsvSource;
import io.backprop.csv.DataFile;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.csv.LabelledData;
import io.backprop.error.DataException;
import io.backprop.error.ModelFileException;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    /** The rows of --data a block at a time, and the classes of a target column of class names. */
    record Blocks(DataSource rows, Optional<ClassLabels> classes) {
    }

    /**
     * --data a block at a time, not standardized, with the classes its targets stand for: the model's when it
     * names them, else {@code named}, else the names found in a pass over the file of their own, sorted.
     */
    Blocks openBlocks(Model model, boolean targetsRequired, Optional<ClassLabels> named, long blockBytes) {
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
}
