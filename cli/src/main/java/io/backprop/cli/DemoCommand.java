package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Network;
import io.backprop.cli.picture.LossPlotOption;
import io.backprop.cli.progress.ProgressOption;
import io.backprop.cli.progress.TrainingFeedback;
import io.backprop.data.DataSet;
import io.backprop.model.Standardization;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.teaching.Person;
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

/**
 * The article end to end, its data and network built in: the numbers it works by hand, then the
 * four people, training, and the predictions for Emily and Frank.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = IrisDemoCommand.class,
        description = "The article end to end: its worked numbers, training on the four people, and the "
                + "predictions for Emily and Frank.")
final class DemoCommand implements Callable<Integer> {
    private static final NetworkSpec ARTICLE = Article.NETWORK;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seed of the N(0, 1) starting parameters (default: ${DEFAULT-VALUE}).")
    long seed = Article.START_SEED;

    @Option(names = "--epochs", description = "Epochs of per-sample SGD (default: ${DEFAULT-VALUE}).")
    int epochs = Article.EPOCHS;

    @Option(names = "--lr", description = "Learning rate η (default: ${DEFAULT-VALUE}).")
    double learningRate = Article.LEARN_RATE;

    @Option(names = "--every", description = "Print the loss every this many epochs (default: ${DEFAULT-VALUE}).")
    int every = 100;

    @Mixin
    LossPlotOption plot = new LossPlotOption();

    @Override
    public Integer call() {
        return run(common, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Runs the demo with these common options: its own, or those of {@code backprop} alone, which runs
     * the demo (see {@link BackpropCommand#call}).
     */
    int run(CommonOptions options, PrintWriter out, PrintWriter err) {
        // Every option is checked before the article's numbers are printed, so a bad one prints only its error.
        TrainingOptions.Builder training = TrainingOptions.builder();
        OptionValues.check(spec, "--lr", () -> training.learningRate(learningRate));
        OptionValues.check(spec, "--epochs", () -> training.epochs(epochs));
        OptionValues.atLeastOne(spec, "--every", every);
        plot.checkBeforeTraining(epochs, 1);
        Backend backend = options.selected();
        try (TrainingFeedback feedback = progress.start(options.json, epochs, every, (epoch, loss) ->
                String.format(Locale.ROOT, "  %5d  %.6f", epoch, loss), out, err)) {
            return demo(options, backend, training, out, feedback);
        }
    }

    private int demo(CommonOptions options, Backend backend, TrainingOptions.Builder training, PrintWriter out,
            TrainingFeedback feedback) {
        DataSet people = Article.PEOPLE;
        Parameters start = Initializer.STANDARD_NORMAL.initialize(ARTICLE, seed);
        Network network = backend.create(ARTICLE, start);
        boolean text = !options.json;
        if (text) {
            out.printf("Backprop demo: the article's network on the %s backend%n%n", network.backend());
            printWorkedNumbers(backend, out);
            printPeople(out);
            printStandardization(out);
            out.printf("%nNetwork: %s%nStart: every weight and bias drawn from N(0, 1) with seed %d%n", ARTICLE, seed);
            out.printf("Training: per-sample SGD, η = %s, %d epochs; the loss (MSE over the four people) after epoch:%n",
                    learningRate, epochs);
        }
        TrainingResult result = network.fit(people, training.listener(feedback.listener()).build());
        if (feedback.interrupted(result.epochs(), null)) {
            return TrainingFeedback.EXIT_INTERRUPTED;
        }
        boolean drawn = plot.draw(result, ARTICLE.loss().id(), network.backend());
        double emily = predict(network, Article.EMILY);
        double frank = predict(network, Article.FRANK);
        if (text) {
            out.printf("%nPredictions (1 = female):%n");
            printPrediction(out, Article.EMILY, emily);
            printPrediction(out, Article.FRANK, frank);
            if (drawn) {
                out.printf("%nThe loss curve: %s%n", plot.path());
            }
        } else {
            ObjectNode json = Json.object();
            json.put("backend", network.backend());
            json.put("seed", seed);
            json.set("loss", Json.vector(result.losses()));
            ObjectNode predictions = json.putObject("predictions");
            predictions.put(Article.EMILY.name(), emily);
            predictions.put(Article.FRANK.name(), frank);
            ObjectNode parameters = json.putObject("parameters");
            ArticleNames.toMap(network.parameters()).forEach(parameters::put);
            out.println(Json.text(json));
        }
        return 0;
    }

    /** The numbers the article works out before it trains, recomputed by the chosen backend. */
    private static void printWorkedNumbers(Backend backend, PrintWriter out) {
        NetworkSpec neuronSpec = NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
        Network neuron = backend.create(neuronSpec,
                Parameters.of(LayerParameters.of(new double[][] {{0, 1}}, new double[] {4})));
        Network feedforward = backend.create(ARTICLE, ArticleNames.of(0, 1, 0, 1, 0, 1, 0, 0, 0));
        NetworkSpec zeroSpec = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();
        Network alwaysZero = backend.create(zeroSpec,
                Parameters.of(LayerParameters.of(new double[][] {{0, 0}}, new double[] {0})));
        Network allOnes = backend.create(ARTICLE, ArticleNames.of(1, 1, 1, 1, 1, 1, 0, 0, 0));
        double dLdw1 = ArticleNames.get(allOnes.gradients(Article.PEOPLE.select(0)), "w1");

        out.println("The article's worked numbers:");
        out.printf("  a neuron, w = [0, 1], b = 4, x = [2, 3]:           %s%n", neuron.predict(new double[] {2, 3})[0]);
        out.printf("  the network, every w = [0, 1], b = 0, x = [2, 3]:  %s%n",
                feedforward.predict(new double[] {2, 3})[0]);
        out.printf("  MSE when the network always says 0 (male):         %s%n", alwaysZero.loss(Article.PEOPLE));
        out.printf(Locale.ROOT, "  ∂L/∂w1 for Alice, weights 1, biases 0:             %.4f"
                + " (the article multiplies rounded factors: 0.0214)%n", dLdw1);
    }

    private static void printPeople(PrintWriter out) {
        out.printf("%nThe data: weight − %.0f lb, height − %.0f in, 1 = female%n", Article.WEIGHT_SHIFT_LB,
                Article.HEIGHT_SHIFT_IN);
        for (Person person : Article.TABLE) {
            double[] features = person.features();
            out.printf(Locale.ROOT, "  %-8s %4.0f %4.0f   %.0f%n", person.name(), features[0], features[1],
                    person.target());
        }
    }

    /** How the article's hand-picked shift relates to --standardize, with the numbers from the table itself. */
    private static void printStandardization(PrintWriter out) {
        Standardization raw = Standardization.fit(DataSet.of(Article.measured(), Article.PEOPLE.targets()));
        double[] mean = raw.mean();
        double[] std = raw.std();
        out.printf("%nThe shift by %.0f and %.0f is hand-picked near the means of the table. --standardize subtracts"
                + " the exact%nmeans and divides by the population standard deviations (÷ n, n = %d), fitted from the"
                + " table:%n", Article.WEIGHT_SHIFT_LB, Article.HEIGHT_SHIFT_IN, Article.TABLE.size());
        out.printf(Locale.ROOT, "  weight_lb  mean %s  std %.4f%n", mean[0], std[0]);
        out.printf(Locale.ROOT, "  height_in  mean %s   std %.4f%n", mean[1], std[1]);
        out.printf("To train on the raw table (pounds, inches, F/M), the model keeping the scaling and the class names"
                + " for predict:%n");
        out.printf("  ./backprop train --model examples/article/spec.json --data examples/article/people-raw.csv \\%n"
                + "      --features weight_lb,height_in --targets gender --classes M,F --standardize --out raw.json%n");
    }

    private static void printPrediction(PrintWriter out, Person newcomer, double output) {
        out.printf(Locale.ROOT, "  %-6s (%.0f lb, %.0f in): %.3f  %s%n", newcomer.name(), newcomer.weightLb(),
                newcomer.heightIn(), output, output > 0.5 ? "F" : "M");
    }

    private static double predict(Network network, Person newcomer) {
        return network.predict(newcomer.features())[0];
    }
}
