package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Network;
import io.backprop.cli.picture.LossPlotOption;
import io.backprop.cli.progress.EpochLine;
import io.backprop.cli.progress.ProgressOption;
import io.backprop.cli.progress.TrainingFeedback;
import io.backprop.model.ClassLabels;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.csv.DataFile;
import io.backprop.csv.LabelledData;
import io.backprop.evaluation.HoldOut;
import io.backprop.model.Standardization;
import io.backprop.error.BackpropException;
import io.backprop.error.DataException;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.model.SavedTraining;
import io.backprop.error.ModelFileException;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.train.BatchSize;
import io.backprop.train.EpochFigures;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Mini-batch training on a CSV file, with any of the API's optimizers, writing the trained model atomically. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains the model on the data with mini-batch SGD (or --optimizer) and writes the trained model "
                + "to --out (atomically; nothing is written when training fails). With --json {\"loss\": [...]}, the "
                + "loss over the whole data after each epoch, and with regularization, validation data or early "
                + "stopping \"penalty\", \"validation_loss\", \"validation_accuracy\", \"epochs\", "
                + "\"stopped_early\" and \"kept_epoch\". A target column of class names trains on classes "
                + "(0/1 for one output, one-hot for several) and keeps their names in --out.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelAndData input;

    @Mixin
    BlockReading blocks;

    @Mixin
    ProgressOption progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--lr", paramLabel = "η", description = "Learning rate (default: the optimizer's, 0.1 for sgd).")
    Double learningRate;

    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--validation", paramLabel = "FRACTION", description = "Hold out this fraction of the rows "
            + "(chosen from --seed; of each class alike when the targets have class names) and compute their loss, and "
            + "accuracy for classes, beside the training loss; --standardize is then fitted on the rest only.")
    Double validationFraction;

    @Option(names = "--validation-data", paramLabel = "V.csv", description = "Compute the loss (and accuracy) of "
            + "these rows beside the training loss: the same columns as --data, standardized as the model is (a CSV "
            + "file or a .bpd file, as --data).")
    Path validationData;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", description = "Stop when the validation loss has "
            + "not improved for PATIENCE computed losses in a row, and keep the parameters of the best epoch.")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "D", description = "How much the validation loss must fall to count "
            + "as an improvement for --early-stopping (default: 0).")
    Double minDelta;

    @Option(names = "--epochs", description = "Passes over the data (default: ${DEFAULT-VALUE}); with --resume, "
            + "how many more.")
    int epochs = 1000;

    @Option(names = "--resume", description = "Go on from the training state --model holds (its \"training\" entry, "
            + "which train writes): the optimizer with its state, the learning rate, schedule and regularization, and "
            + "the epoch and iteration counts, on any backend; --lr may change the rate. Give the same --batch-size, "
            + "--shuffle and --seed to go on as one run would.")
    boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Write the model with its training state "
            + "to --out after every N-th epoch (atomically: a run killed at any moment leaves the last checkpoint "
            + "whole, which --resume goes on from).")
    Integer checkpointEvery;

    @Option(names = "--batch-size", paramLabel = "B|all", converter = BatchSizeConverter.class,
            description = "Rows per SGD step: 1 is the article's per-sample SGD, `all` is full-batch descent "
                    + "(default: ${DEFAULT-VALUE}).")
    BatchSize batchSize = BatchSize.of(1);

    @Option(names = "--out", paramLabel = "OUT.json", required = true, description = "Where to write the trained model.")
    Path out;

    @Option(names = "--seed", description = "Seed of the starting parameters when --model is a spec only, and of "
            + "--shuffle (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--shuffle", description = "Shuffle the rows before every epoch (from --seed).")
    boolean shuffle;

    @Option(names = "--init", paramLabel = "NAME", description = "How a spec-only model is initialised: "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Initializer init = Initializer.STANDARD_NORMAL;

    @Option(names = "--classes", paramLabel = "a,b", split = ",",
            description = "The classes of a target column of class names, in target order: with one output the first "
                    + "is 0 and the second 1; with k outputs, one per output (default: the model's \"classes\", else "
                    + "the names found, sorted).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--standardize", description = "Scale each feature to mean 0 and standard deviation 1, fitted on "
            + "this data, and keep the scaling in --out so that predict applies it (a model that has one keeps it).")
    boolean standardize;

    @Option(names = "--every", description = "Print the loss every this many epochs (default: a tenth of --epochs), "
            + "rounded up to a multiple of --loss-every.")
    Integer every;

    @Option(names = "--loss-every", paramLabel = "N", description = "Compute the loss over the whole data only after "
            + "every N-th epoch (default: ${DEFAULT-VALUE}); on a small network that pass costs as much as the "
            + "epoch's training. The training is the same; --json's \"loss\" then holds epochs N, 2N, … and "
            + "\"loss_every\" says N.")
    int lossEvery = 1;

    @Mixin
    LossPlotOption plot;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Apache Spark with DL4J's parameter "
            + "averaging: local[N] on this machine, or spark://host:port for a standalone cluster (the launcher then "
            + "adds the spark module's jars). Runs on the dl4j backend, with sgd; Spark reads the CSV rows of --data "
            + "on its workers (this JVM never holds them). See the README's \"Beyond one machine\".")
    String sparkMaster;

    @Option(names = "--workers", paramLabel = "N", description = "With --spark: workers training side by side, each "
            + "on its own rows (default: N of local[N], else 2).")
    Integer workers;

    @Option(names = "--batch-per-worker", paramLabel = "B", description = "With --spark: rows in each worker's "
            + "mini-batch (default: 32); --batch-size is refused with --spark.")
    Integer batchPerWorker;

    @Option(names = "--averaging-frequency", paramLabel = "K", description = "With --spark: mini-batches each worker "
            + "fits between two averagings of the parameters (default: 1, every step).")
    Integer averagingFrequency;

    /**
     * Above this magnitude a float64 weight cannot take a step below 0.1 (its ulp is 0.125 at 1e15):
     * parameters this large mean the training has diverged, even while they are still finite.
     */
    static final double LARGEST_SENSIBLE_PARAMETER = 1e15;

    @Override
    public Integer call() {
        // Every option and every file to be written is checked before any training is spent.
        TrainingOptions.Builder options = checkedOptions();
        plot.checkBeforeTraining(epochs, lossEvery);
        ModelFile.checkWritable(out);
        PrintWriter printer = spec.commandLine().getOut();
        int printEvery = roundUpToMultiple(every != null ? every : Math.max(epochs / 10, 1),
                Math.max(lossEvery, 1));
        try (TrainingFeedback feedback = progress.start(common.json, epochs, printEvery, new ProgressLine(), printer,
                spec.commandLine().getErr())) {
            return train(printer, feedback, options);
        }
    }

    private TrainingOptions.Builder checkedOptions() {
        TrainingOptions.Builder options = TrainingOptions.builder();
        optimizer.apply(spec, options);
        if (learningRate != null) {
            OptionValues.check(spec, "--lr", () -> options.learningRate(learningRate));
        }
        OptionValues.check(spec, "--epochs", () -> options.epochs(epochs));
        OptionValues.check(spec, "--loss-every", () -> options.lossEvery(lossEvery));
        if (every != null) {
            OptionValues.atLeastOne(spec, "--every", every);
        }
        if (checkpointEvery != null) {
            OptionValues.atLeastOne(spec, "--checkpoint-every", checkpointEvery);
        }
        if (resume && optimizer.anyGiven()) {
            throw new ParameterException(spec.commandLine(), "--resume goes on with the optimizer, schedule and"
                    + " regularization --model was trained with; expected no --optimizer, its hyperparameters, --l2,"
                    + " --weight-decay or --lr-schedule with it (--lr may change the rate), or no --resume to start"
                    + " a new optimizer state");
        }
        checkValidation();
        checkSpark();
        return options;
    }

    /** The --spark options make sense together, before anything is read. */
    private void checkSpark() {
        if (sparkMaster == null) {
            for (Object[] option : new Object[][] {{"--workers", workers}, {"--batch-per-worker", batchPerWorker},
                    {"--averaging-frequency", averagingFrequency}}) {
                if (option[1] != null) {
                    throw new ParameterException(spec.commandLine(), option[0] + " is a setting of training on Spark;"
                            + " expected --spark MASTER with it, or no " + option[0]);
                }
            }
            return;
        }
        if (workers != null) {
            OptionValues.atLeastOne(spec, "--workers", workers);
        }
        if (batchPerWorker != null) {
            OptionValues.atLeastOne(spec, "--batch-per-worker", batchPerWorker);
        }
        if (averagingFrequency != null) {
            OptionValues.atLeastOne(spec, "--averaging-frequency", averagingFrequency);
        }
        if (validationFraction != null || validationData != null || patience != null) {
            throw new ParameterException(spec.commandLine(), "--spark computes the training loss only; expected no"
                    + " --validation, --validation-data or --early-stopping with it");
        }
        ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--batch-size")) {
            throw new ParameterException(spec.commandLine(), "--batch-size is not used with --spark, where each"
                    + " worker steps on its own mini-batch; expected --batch-per-worker B instead (a round of"
                    + " --workers W then steps on W·B rows)");
        }
        // The optimizer first: its hyperparameters are refused below for the same reason.
        if (given.hasMatchedOption("--optimizer") && !"sgd".equalsIgnoreCase(optimizer.optimizer.trim())) {
            throw new ParameterException(spec.commandLine(), "--optimizer " + optimizer.optimizer + " is not honoured"
                    + " with --spark (only sgd is proven equal to single-machine training on Spark); expected"
                    + " --optimizer sgd, or no --optimizer");
        }
        // Each refused option is one the Spark training does not honour or no test proves on it.
        for (String[] refused : new String[][] {
                {"--resume", "a saved training state is not handed to Spark's workers"},
                {"--checkpoint-every", "the model is written only when Spark's training ends"},
                {"--momentum", "only sgd is proven equal to single-machine training on Spark"},
                {"--beta1", "only sgd is proven equal to single-machine training on Spark"},
                {"--beta2", "only sgd is proven equal to single-machine training on Spark"},
                {"--epsilon", "only sgd is proven equal to single-machine training on Spark"},
                {"--decay", "only sgd is proven equal to single-machine training on Spark"},
                {"--l2", "regularization is not proven on Spark"},
                {"--l2-bias", "regularization is not proven on Spark"},
                {"--weight-decay", "regularization is not proven on Spark"},
                {"--weight-decay-bias", "regularization is not proven on Spark"},
                {"--lr-schedule", "a schedule is not proven on Spark, whose workers count their own steps"},
                {"--stream", "Spark reads --data on its workers, never whole here"},
                {"--no-stream", "Spark reads --data on its workers, never whole here"},
                {"--block-size", "Spark reads --data on its workers, in its own splits"},
                {"--no-header", "Spark reads the columns' names from the header line"},
                {"--max-line-length", "Spark reads the lines, whatever their length"}}) {
            if (given.hasMatchedOption(refused[0])) {
                throw new ParameterException(spec.commandLine(), refused[0] + " is not honoured with --spark ("
                        + refused[1] + "); expected no " + refused[0] + " with --spark");
            }
        }
        if (given.hasMatchedOption("--delimiter") && given.matchedOptionValue("--delimiter", ',') != ',') {
            throw new ParameterException(spec.commandLine(), "--delimiter " + given.matchedOptionValue("--delimiter",
                    ',') + " is not honoured with --spark (Spark reads comma-separated fields); expected a file"
                    + " separated by commas, and no --delimiter or --delimiter ,");
        }
        if (common.backend == null) {
            // Spark training runs DL4J's own network on the workers: dl4j is the backend, not merely the default.
            common.backend = "dl4j";
        }
    }

    /** The validation options make sense together, before anything is read. */
    private void checkValidation() {
        if (validationFraction != null && validationData != null) {
            throw new ParameterException(spec.commandLine(), "--validation and --validation-data both give validation"
                    + " data; expected one of them");
        }
        if (validationFraction != null && !(validationFraction > 0 && validationFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--validation': found "
                    + validationFraction + "; expected a fraction of the rows between 0 and 1, such as 0.2");
        }
        if (patience != null) {
            if (validationFraction == null && validationData == null) {
                throw new ParameterException(spec.commandLine(), "--early-stopping watches the validation loss and"
                        + " found no validation data; expected --validation FRACTION or --validation-data V.csv");
            }
            OptionValues.check(spec, "--early-stopping", () -> TrainingOptions.builder().earlyStopping(patience, 0));
        }
        if (minDelta != null) {
            if (patience == null) {
                throw new ParameterException(spec.commandLine(), "--min-delta is early stopping's; expected"
                        + " --early-stopping PATIENCE with it, or no --min-delta");
            }
            OptionValues.check(spec, "--min-delta", () -> TrainingOptions.builder().earlyStopping(1, minDelta));
        }
    }

    private int train(PrintWriter printer, TrainingFeedback feedback, TrainingOptions.Builder options) {
        boolean text = !common.json;
        options.batchSize(batchSize).listener(feedback.listener());
        if (shuffle) {
            options.shuffle(seed);
        }

        Model model = input.readModel();
        Optional<SavedTraining> saved = model.training();
        if (resume) {
            SavedTraining from = saved.orElseThrow(() -> new ModelFileException(input.model + ": holds no"
                    + " \"training\" entry; expected a model written by train, which keeps where training stands,"
                    + " to --resume from"));
            options.optimizer(from.optimizer()).schedule(from.schedule()).regularization(from.regularization())
                    .learningRate(learningRate != null ? learningRate : from.learningRate());
        }
        Optional<ClassLabels> named = namedClasses(model);
        CurrentWork.is(String.format(Locale.ROOT, "setting up %,d weights and biases", model.spec().parameterCount()));
        Parameters start = model.parameters().orElseGet(() -> init.initialize(model.spec(), seed));
        if (sparkMaster != null) {
            return trainOnSpark(printer, feedback, options, model.withClasses(model.classes().or(() -> named)), start);
        }
        Prepared prepared = blocks.inBlocks(input.data) ? inBlocks(model, named, options) : whole(model, named, options);
        Model trained = prepared.model();
        Optional<Standardization> scaling = trained.standardization();
        Rows data = prepared.rows();
        if (patience != null) {
            options.earlyStopping(patience, minDelta == null ? 0 : minDelta);
        }
        TrainingOptions settings = options.build();
        Network network = common.create(model.spec(), start);
        if (resume) {
            network.setTrainingState(saved.get().state());
        }
        Checkpoints checkpoints = checkpointEvery == null ? null : new Checkpoints(feedback.listener(),
                checkpointEvery, out, () -> withTrainingState(trained, network, settings));
        TrainingOptions training = checkpoints == null ? settings : settings.toBuilder().listener(checkpoints).build();
        if (text) {
            printer.printf("training %s on the %s backend%n  %s, %s%s%n", model.spec(), network.backend(), training, data.count(), model.parameters().isPresent() ? ""
                            : "; parameters initialised " + init.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " from seed " + seed);
            if (resume) {
                TrainingState state = saved.get().state();
                printer.printf("  resumed after epoch %d (iteration %d) of %s%n", state.epoch(), state.iteration(),
                        input.model);
            } else if (saved.isPresent()) {
                printer.printf("  %s holds a training state; starting a new one (--resume goes on from it)%n",
                        input.model);
            }
            trained.classes().ifPresent(c -> printer.printf("  classes: %s%n", classTargets(c, model.spec().outputs())));
            scaling.ifPresent(s -> printer.printf("  standardized%s: mean %s, std %s%n",
                    model.standardization().isPresent() ? " as the model says" : " from this data",
                    Arrays.toString(s.mean()), Arrays.toString(s.std())));
        }
        CurrentWork.is(String.format(Locale.ROOT, "training for %,d epochs on %s", epochs, data.countForWork()));
        TrainingResult result;
        try {
            result = data.fit(network, training);
        } finally {
            data.close();
        }
        return finish(printer, feedback, trained, network, settings, training, checkpoints, result);
    }

    /**
     * {@code --spark}: Spark reads --data on its workers, finds the classes and fits the standardization
     * there, and trains; this JVM holds no rows, only what {@code onRead} reports.
     */
    private int trainOnSpark(PrintWriter printer, TrainingFeedback feedback, TrainingOptions.Builder options,
                             Model model, Parameters start) {
        if (DataFile.isDataFile(input.data)) {
            throw new DataException(input.data + ": found a .bpd data file; expected a CSV file with --spark, which"
                    + " Spark reads as text on its workers (give the CSV file convert read it from)");
        }
        // Spark and Hadoop log a failed task (a bad field) over many lines, and start-up notes besides; the
        // command's one line says what failed. Set before Spark's loggers exist; a -D given wins.
        for (String logger : List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "off");
            }
        }
        TrainingOptions settings = options.build();
        Network network = common.create(model.spec(), start);
        Model[] trained = new Model[1];
        String path = input.data.toAbsolutePath().toString();
        CurrentWork.is("training on Spark (" + sparkMaster + ") on the rows it reads from " + input.data);
        TrainingResult result = SparkBridge.fit(sparkMaster, workers, batchPerWorker, averagingFrequency, network,
                path, input.features, input.targets, model, standardize, settings, (read, rows) -> {
                    trained[0] = read;
                    if (!common.json) {
                        printer.printf("training %s on the %s backend on Spark (%s)%n  %s, %d rows read by Spark"
                                        + " from %s%s%n", model.spec(), network.backend(), sparkMaster, sparkSettings(settings), rows,
                                input.data, model.parameters().isPresent() ? "" : "; parameters initialised "
                                        + init.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " from seed " + seed);
                        read.classes().ifPresent(c -> printer.printf("  classes: %s%n",
                                classTargets(c, model.spec().outputs())));
                        read.standardization().ifPresent(s -> printer.printf("  standardized%s: mean %s, std %s%n",
                                model.standardization().isPresent() ? " as the model says" : " from this data",
                                Arrays.toString(s.mean()), Arrays.toString(s.std())));
                        printer.flush();
                    }
                });
        return finish(printer, feedback, trained[0], network, settings, settings, null, result);
    }

    /**
     * The options as the first lines print them, with Spark's mini-batch in place of --batch-size, which
     * Spark does not use (the values left out are the spark module's defaults).
     */
    private String sparkSettings(TrainingOptions settings) {
        String perWorker = (batchPerWorker == null ? "the default" : batchPerWorker) + " rows a mini-batch per worker"
                + (workers == null ? "" : ", " + workers + " workers")
                + (averagingFrequency == null ? "" : ", averaging every " + averagingFrequency + " steps");
        return settings.toString().replace("batch size " + settings.batchSize(), perWorker);
    }

    /** After training: the model written (or not, when interrupted), and the closing lines or the JSON document. */
    private int finish(PrintWriter printer, TrainingFeedback feedback, Model trained, Network network,
                       TrainingOptions settings, TrainingOptions training, Checkpoints checkpoints,
                       TrainingResult result) {
        boolean text = !common.json;
        if (feedback.interrupted(result.epochs(), checkpoints == null || checkpoints.written() == 0
                ? "nothing written to " + out : out + " holds the last checkpoint")) {
            return TrainingFeedback.EXIT_INTERRUPTED;
        }
        Parameters end = network.parameters();
        warnIfDiverged(end, training.learningRate());
        // The picture first: if it fails, the command fails with --out untouched.
        boolean drawn = plot.draw(result, trained.spec().loss().id(), network.backend());
        ModelFile.write(out, withTrainingState(trained, network, settings));
        if (text) {
            keptEpoch(result).ifPresent(printer::println);
            printer.printf("wrote %s%s%n", out, drawn ? " and the loss curve " + plot.path() : "");
        } else {
            ObjectNode json = Json.object();
            json.set("loss", Json.vector(result.losses()));
            if (result.lossEvery() != 1) {
                json.put("loss_every", result.lossEvery());
            }
            if (!training.regularization().isNone()) {
                json.set("penalty", Json.vector(result.penalties()));
            }
            if (training.validation().isPresent()) {
                json.set("validation_loss", Json.vector(result.validationLosses()));
                if (result.validationAccuracies().length > 0) {
                    json.set("validation_accuracy", Json.vector(result.validationAccuracies()));
                }
            }
            if (training.patience() > 0) {
                json.put("epochs", result.epochs());
                json.put("stopped_early", result.stoppedEarly());
                json.put("kept_epoch", result.keptEpoch());
            }
            printer.println(Json.text(json));
        }
        return 0;
    }

    /** The model as training leaves it but for its parameters (its classes and scaling), and the rows to train on. */
    private record Prepared(Model model, Rows rows) {
    }

    /** The rows training runs on: held whole, or read a block at a time. */
    private record Rows(DataSet whole, DataSource blocks) {
        TrainingResult fit(Network network, TrainingOptions options) {
            return whole != null ? network.fit(whole, options) : network.fit(blocks, options);
        }

        String count() {
            return whole != null ? whole.rows() + " rows" : "rows read a block at a time from " + blocks.name();
        }

        void close() {
            if (blocks != null) {
                blocks.close();
            }
        }

        String countForWork() {
            return whole != null ? String.format(Locale.ROOT, "%,d rows", whole.rows())
                    : "rows read a block at a time from " + blocks.name();
        }
    }

    /** --data read whole: the classes found, the validation rows held out, then the scaling fitted on the rest. */
    private Prepared whole(Model model, Optional<ClassLabels> named, TrainingOptions.Builder options) {
        LabelledData raw = input.readLabelled(model, true, named);
        if (named.isPresent() && raw.classes().isEmpty()) {
            throw numbersNamedAsClasses();
        }
        Optional<ClassLabels> classes = model.classes().or(raw::classes);
        // Held out before the scaling is fitted, so that nothing about the validation rows leaks into training.
        DataSet rows = raw.data();
        DataSet heldOut = null;
        if (validationFraction != null) {
            HoldOut split = ValidationSplit.of(rows, classes, validationFraction, seed);
            rows = split.training();
            heldOut = split.heldOut();
        }
        DataSet fitted = rows;
        Optional<Standardization> scaling = model.standardization()
                .or(() -> standardize ? Optional.of(Standardization.fit(fitted)) : Optional.empty());
        Model trained = model.withClasses(classes).withStandardization(scaling);
        if (heldOut != null) {
            options.validation(input.standardized(trained, heldOut));
        } else if (validationData != null) {
            options.validation(validationRows(trained));
        }
        return new Prepared(trained, new Rows(input.standardized(trained, rows), null));
    }

    /**
     * --data read a block at a time: the classes found in a pass of their own when a class column has none
     * named, the scaling fitted in two passes, each block standardized as it is read.
     */
    private Prepared inBlocks(Model model, Optional<ClassLabels> named, TrainingOptions.Builder options) {
        if (validationFraction != null) {
            throw new DataException(input.data + ": read a block at a time (" + blocks.why(input.data) + "), so --validation"
                    + " cannot hold out a fraction of its rows, which needs them all at once; expected --validation-data"
                    + " V.csv with rows held out beforehand");
        }
        ModelAndData.Blocks raw = input.openBlocks(model, true, named, blocks.blockBytes);
        if (named.isPresent() && raw.classes().isEmpty()) {
            throw numbersNamedAsClasses();
        }
        Optional<ClassLabels> classes = model.classes().or(raw::classes);
        Optional<Standardization> scaling = model.standardization();
        if (scaling.isEmpty() && standardize) {
            CurrentWork.isReading("data file, to standardize from (two passes)", input.data);
            scaling = Optional.of(Standardization.fit(raw.rows()));
        }
        Model trained = model.withClasses(classes).withStandardization(scaling);
        if (validationData != null) {
            options.validation(validationRows(trained));
        }
        DataSource rows = scaling.isPresent() ? scaling.get().apply(raw.rows()) : raw.rows();
        return new Prepared(trained, new Rows(null, rows));
    }

    private DataException numbersNamedAsClasses() {
        return new DataException(input.data + ": the target columns hold numbers; --classes names the classes of a"
                + " target column of class names (leave it out for numeric targets)");
    }

    /** The model with the network's parameters and training state as they are now, to resume from. */
    private static Model withTrainingState(Model trained, Network network, TrainingOptions settings) {
        return trained.withParameters(network.parameters())
                .withTraining(Optional.of(SavedTraining.of(network.trainingState(), settings)));
    }

    /** The rows of --validation-data, read as --data is and standardized as the trained model is. */
    private DataSet validationRows(Model trained) {
        CurrentWork.isReading("validation data file", validationData);
        LabelledData rows = DataInput.read(validationData, input.format()).toLabelledData(trained.spec(),
                input.features, input.targets, true, trained.classes());
        try {
            return trained.standardization().map(s -> s.apply(rows.data())).orElse(rows.data());
        } catch (DataException e) {
            throw new DataException(validationData + ": " + e.getMessage(), e);
        }
    }

    /** The line saying that early stopping went back to an earlier epoch, if it did. */
    private static Optional<String> keptEpoch(TrainingResult result) {
        if (result.keptEpoch() == result.epochs() && !result.stoppedEarly()) {
            return Optional.empty();
        }
        return Optional.of((result.stoppedEarly() ? "stopped early after epoch " + result.epochs()
                + ": the validation loss stopped improving; " : "")
                + (result.keptEpoch() == result.epochs() ? "kept the last epoch"
                : "kept epoch " + result.keptEpoch() + ", the one of the lowest validation loss"));
    }

    /** One line on stderr when the parameters grew so large that float64 steps no longer move them. */
    private void warnIfDiverged(Parameters parameters, double learningRate) {
        double largest = parameters.largestMagnitude();
        if (largest > LARGEST_SENSIBLE_PARAMETER) {
            spec.commandLine().getErr().printf(Locale.ROOT, "backprop: warning: a weight or bias reached %.3g; at that"
                    + " size float64 cannot tell apart values closer than %.3g, so the training has likely diverged"
                    + " (a smaller learning rate than %s may help)%n", largest, Math.ulp(largest), learningRate);
        }
    }

    private static int roundUpToMultiple(int value, int of) {
        return (value + of - 1) / of * of;
    }

    /** The classes --classes names, checked against the network and the model's own. */
    private Optional<ClassLabels> namedClasses(Model model) {
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        ClassLabels named;
        try {
            named = ClassLabels.of(classes).checkFits(model.spec());
        } catch (DataException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--classes': "
                    + e.getMessage(), e);
        }
        if (model.classes().isPresent() && !model.classes().get().equals(named)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--classes': " + named
                    + "; " + input.model + " already names its classes (" + model.classes().get()
                    + "); expected the same, or no --classes");
        }
        return Optional.of(named);
    }

    /** How each class is coded, e.g. {@code M = 0, F = 1} or {@code a = [1, 0, 0], ...}. */
    private static String classTargets(ClassLabels classes, int outputs) {
        List<String> codes = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            double[] target = classes.target(k, outputs);
            codes.add(classes.name(k) + " = " + (outputs == 1 ? String.valueOf((int) target[0])
                    : Arrays.toString(Arrays.stream(target).mapToInt(v -> (int) v).toArray())));
        }
        return String.join(", ", codes);
    }

    /**
     * The periodic line: the loss, then the penalty when regularization is on and the validation loss
     * (and accuracy, for classes) when there is validation data.
     */
    static final class ProgressLine implements EpochLine {
        @Override
        public String format(int epoch, double loss) {
            return String.format(Locale.ROOT, "  epoch %6d  loss %.6g", epoch, loss);
        }

        @Override
        public String format(EpochFigures figures) {
            StringBuilder line = new StringBuilder(format(figures.epoch(), figures.loss()));
            if (figures.penalty() != 0) {
                line.append(String.format(Locale.ROOT, "  penalty %.6g", figures.penalty()));
            }
            if (figures.validated()) {
                line.append(String.format(Locale.ROOT, "  validation loss %.6g", figures.validationLoss()));
                if (!Double.isNaN(figures.validationAccuracy())) {
                    line.append(String.format(Locale.ROOT, "  accuracy %.1f%%", 100 * figures.validationAccuracy()));
                }
            }
            return line.toString();
        }
    }

    /** Parses {@code --batch-size}: a whole number of rows, or {@code all}. */
    static final class BatchSizeConverter implements ITypeConverter<BatchSize> {
        @Override
        public BatchSize convert(String value) {
            try {
                return BatchSize.parse(value);
            } catch (BackpropException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
