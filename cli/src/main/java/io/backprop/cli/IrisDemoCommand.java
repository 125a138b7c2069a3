package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Network;
import io.backprop.cli.picture.LossPlotOption;
import io.backprop.cli.progress.ProgressOption;
import io.backprop.cli.progress.TrainingFeedback;
import io.backprop.model.ClassLabels;
import io.backprop.evaluation.ConfusionMatrix;
import io.backprop.data.DataSet;
import io.backprop.evaluation.HoldOut;
import io.backprop.csv.LabelledData;
import io.backprop.model.Standardization;
import io.backprop.optimizer.Optimizer;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A small softmax network on Fisher's Iris flowers, measured on flowers it never trained on. */
@Command(name = "iris", mixinStandardHelpOptions = true,
        description = "Trains a 4-8-3 tanh/softmax network on the Iris data that ships inside deeplearning4j-core "
                + "(offline) and reports its accuracy on a held-out, stratified fifth of the flowers. With --json "
                + "{\"backend\", \"seed\", \"trainingRows\", \"heldOutRows\", \"loss\": [...], \"accuracy\": {\"training\", \"heldOut\"}, "
                + "\"confusion\": {\"classes\": [...], \"counts\": [[...]]}}.")
final class IrisDemoCommand implements Callable<Integer> {
    static final NetworkSpec NETWORK = NetworkSpec.builder(4)
            .layer(8, Activation.TANH)
            .layer(3, Activation.SOFTMAX)
            .loss(Loss.XENT)
            .build();
    /** One flower in five held out: 10 of each species. */
    private static final double HELD_OUT = 0.2;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seed of the held-out choice, the starting parameters (Xavier uniform) "
            + "and the shuffle (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--epochs", description = "Passes over the training flowers (default: ${DEFAULT-VALUE}).")
    int epochs = 30;

    /** The rate the demo's SGD run is tuned for; another optimizer starts from its own default. */
    private static final double SGD_LEARNING_RATE = 0.2;

    @Option(names = "--lr", paramLabel = "η", description = "Learning rate (default: 0.2 with sgd, else the "
            + "optimizer's default).")
    Double learningRate;

    @Mixin
    OptimizerOptions optimizer = new OptimizerOptions();

    @Option(names = "--batch-size", paramLabel = "B|all", converter = TrainCommand.BatchSizeConverter.class,
            description = "Flowers per SGD step (default: ${DEFAULT-VALUE}).")
    BatchSize batchSize = BatchSize.of(10);

    @Option(names = "--every", description = "Print the loss every this many epochs (default: ${DEFAULT-VALUE}).")
    int every = 5;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    LossPlotOption plot = new LossPlotOption();

    @Override
    public Integer call() {
        // Every option is checked before the flowers are read; --batch-size is checked by its converter.
        TrainingOptions.Builder checked = TrainingOptions.builder();
        boolean sgd = optimizer.apply(spec, checked) instanceof Optimizer.Sgd;
        double rate = learningRate != null ? learningRate : sgd ? SGD_LEARNING_RATE : Double.NaN;
        if (!Double.isNaN(rate)) {
            OptionValues.check(spec, "--lr", () -> checked.learningRate(rate));
        }
        OptionValues.check(spec, "--epochs", () -> checked.epochs(epochs));
        OptionValues.atLeastOne(spec, "--every", every);
        plot.checkBeforeTraining(epochs, 1);
        common.selected(); // an unknown --backend too
        PrintWriter out = spec.commandLine().getOut();
        try (TrainingFeedback feedback = progress.start(common.json, epochs, every, (epoch, loss) ->
                String.format(Locale.ROOT, "  %5d  %.6f", epoch, loss), out, spec.commandLine().getErr())) {
            return demo(checked, out, feedback);
        }
    }

    private int demo(TrainingOptions.Builder checked, PrintWriter out, TrainingFeedback feedback) {
        boolean text = !common.json;
        LabelledData iris = IrisData.read(IrisDemoCommand.class.getClassLoader(), NETWORK);
        ClassLabels species = iris.classes().orElseThrow();
        HoldOut split = HoldOut.stratified(iris.data(), species, HELD_OUT, seed);
        // Fitted on the training flowers only, so nothing about the held-out ones leaks into training.
        Standardization scaling = Standardization.fit(split.training());
        DataSet training = scaling.apply(split.training());
        DataSet heldOut = scaling.apply(split.heldOut());
        Network network = common.create(NETWORK, Initializer.XAVIER_UNIFORM.initialize(NETWORK, seed));
        TrainingOptions options = checked
                .batchSize(batchSize)
                .shuffle(seed)
                .listener(feedback.listener())
                .build();
        if (text) {
            out.printf("Iris on the %s backend: %d flowers (%s), 4 measurements in cm each%n", network.backend(),
                    iris.data().rows(), species);
            out.printf("Held out: %d flowers, a fifth of each species chosen with seed %d; training on the other %d%n",
                    heldOut.rows(), seed, training.rows());
            out.printf("Features standardized with the mean and std of the training flowers only%n");
            out.printf("Network: %s, weights Xavier uniform from seed %d%n", NETWORK, seed);
            out.printf("Training: mini-batch %s%s; the loss (xent over the training flowers) after epoch:%n",
                    options.optimizer() instanceof Optimizer.Sgd ? "SGD, " : "", options);
        }
        TrainingResult result = network.fit(training, options);
        if (feedback.interrupted(result.epochs(), null)) {
            return TrainingFeedback.EXIT_INTERRUPTED;
        }
        plot.draw(result, NETWORK.loss().id(), network.backend());
        ConfusionMatrix onTraining = ConfusionMatrix.of(species, training, network.predict(training));
        ConfusionMatrix onHeldOut = ConfusionMatrix.of(species, heldOut, network.predict(heldOut));
        if (text) {
            out.printf(Locale.ROOT, "%nAccuracy: training %d/%d = %.1f%%, held out %d/%d = %.1f%%%n",
                    onTraining.correct(), onTraining.total(), 100 * onTraining.accuracy(),
                    onHeldOut.correct(), onHeldOut.total(), 100 * onHeldOut.accuracy());
            printConfusion(out, onHeldOut);
        } else {
            ObjectNode json = Json.object();
            json.put("backend", network.backend());
            json.put("seed", seed);
            json.put("trainingRows", training.rows());
            json.put("heldOutRows", heldOut.rows());
            json.set("loss", Json.vector(result.losses()));
            json.putObject("accuracy").put("training", onTraining.accuracy()).put("heldOut", onHeldOut.accuracy());
            ObjectNode confusion = json.putObject("confusion");
            ArrayNode names = confusion.putArray("classes");
            species.names().forEach(names::add);
            ArrayNode counts = confusion.putArray("counts");
            for (int actual = 0; actual < species.size(); actual++) {
                ArrayNode row = counts.addArray();
                for (int predicted = 0; predicted < species.size(); predicted++) {
                    row.add(onHeldOut.count(actual, predicted));
                }
            }
            out.println(Json.text(json));
        }
        return 0;
    }

    private static void printConfusion(PrintWriter out, ConfusionMatrix confusion) {
        ClassLabels classes = confusion.classes();
        out.printf("Held-out flowers, actual species (rows) against predicted (columns):%n");
        StringBuilder header = new StringBuilder(String.format("  %-12s", ""));
        classes.names().forEach(name -> header.append(String.format(" %11s", name)));
        out.println(header);
        for (int actual = 0; actual < classes.size(); actual++) {
            StringBuilder line = new StringBuilder(String.format("  %-12s", classes.name(actual)));
            for (int predicted = 0; predicted < classes.size(); predicted++) {
                line.append(String.format(" %11d", confusion.count(actual, predicted)));
            }
            out.println(line);
        }
    }
}
