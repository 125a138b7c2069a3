package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Network;
import io.backprop.cli.picture.LossCurve;
import io.backprop.cli.picture.PictureFormat;
import io.backprop.cli.picture.PictureTarget;
import io.backprop.data.DataSet;
import io.backprop.error.BackpropException;
import io.backprop.error.TrainingException;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Mini-batch SGD on a CSV file, writing the trained model atomically. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains the model on the data with mini-batch SGD and writes the trained model to --out "
                + "(atomically; nothing is written when training fails). With --json {\"loss\": [...]}, the loss "
                + "over the whole data after each epoch.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelAndData input;

    @Spec
    CommandSpec spec;

    @Option(names = "--lr", paramLabel = "η", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.1;

    @Option(names = "--epochs", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs = 1000;

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

    @Option(names = "--every", description = "Print the loss every this many epochs (default: a tenth of --epochs).")
    Integer every;

    @Option(names = "--plot", paramLabel = "LOSS.png", description = "Also draw the loss per epoch as a PNG chart.")
    Path plot;

    @Override
    public Integer call() {
        if (plot != null) {
            PictureTarget.of("--plot", plot, PictureFormat.PNG);
        }
        PrintWriter printer = spec.commandLine().getOut();
        boolean text = !common.json;
        int printEvery = every != null ? Math.max(every, 1) : Math.max(epochs / 10, 1);
        TrainingOptions.Builder options = TrainingOptions.builder();
        try {
            options.learningRate(learningRate);
        } catch (TrainingException e) {
            throw invalid("--lr", e);
        }
        try {
            options.epochs(epochs);
        } catch (TrainingException e) {
            throw invalid("--epochs", e);
        }
        options.batchSize(batchSize)
                .listener((epoch, loss) -> {
                    if (text && (epoch == 1 || epoch % printEvery == 0 || epoch == epochs)) {
                        printer.printf(Locale.ROOT, "  epoch %6d  loss %.6g%n", epoch, loss);
                    }
                    return TrainingDecision.CONTINUE;
                });
        if (shuffle) {
            options.shuffle(seed);
        }
        TrainingOptions training = options.build();

        Model model = input.readModel();
        Parameters start = model.parameters().orElseGet(() -> init.initialize(model.spec(), seed));
        DataSet data = input.readData(model.spec(), true);
        Network network = common.create(model.spec(), start);
        if (text) {
            printer.printf("training %s on the %s backend%n  %s, %d rows%s%n", model.spec(), network.backend(),
                    training, data.rows(), model.parameters().isPresent() ? ""
                            : "; parameters initialised " + init.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " from seed " + seed);
        }
        TrainingResult result = network.fit(data, training);
        ModelFile.write(out, model.spec(), network.parameters());
        if (plot != null) {
            LossCurve.write(result.losses(), model.spec().loss().id(), network.backend(), plot);
        }
        if (text) {
            printer.printf("wrote %s%s%n", out, plot == null ? "" : " and the loss curve " + plot);
        } else {
            ObjectNode json = Json.object();
            json.set("loss", ModelFile.vector(result.losses()));
            printer.println(Json.text(json));
        }
        return 0;
    }

    /** A bad option value, reported like the ones picocli finds, naming the option. */
    private ParameterException invalid(String option, TrainingException e) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                + e.getMessage(), e);
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
