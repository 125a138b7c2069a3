package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.error.DataException;
import io.backprop.error.ModelFileException;
import io.backprop.explain.Explanation;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.Parameters;
import io.backprop.train.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The article's worked example for one row through any small network: feedforward, the chain rule
 * and, with --lr, the step.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {
            "The article's worked example for one row: each neuron's weighted sum z and output, and with "
                    + "--target the loss, every partial derivative along the chain rule (∂L/∂ŷ, ∂ŷ/∂h1, ∂h1/∂w1, …) "
                    + "and for each weight and bias the product that gives ∂L/∂w, next to the backend's gradient.",
            "Names: inputs x1, x2, …; with one hidden layer its neurons h1, h2, …; with several, hL_j is "
                    + "neuron j of hidden layer L; output neurons o1, o2, … with values ŷ (ŷ1, ŷ2, …); weights "
                    + "w1, w2, … layer by layer, neuron by neuron, input by input (the article's w1 = x1→h1, "
                    + "w2 = x2→h1, w3 = x1→h2); biases b1, b2, … in the same order.",
            "Numbers are printed to 3 significant figures and each derivative is worked from the printed "
                    + "numbers, as the article does; the exact values stand beside them. A network with more "
                    + "than 12 inputs or neurons in a layer, or more than 60 weights and biases, is summarised "
                    + "per layer.",
            "The feedforward values, the loss and the gradients come from the chosen backend; the chain "
                    + "rule's factors are worked from them. With --json: the same values as data.",
            "With --lr η, the step the article ends with: each weight and bias after one step of the optimizer "
                    + "(sgd: w1 ← w1 − η·∂L/∂w1; or --optimizer and its options, as train takes them) from a fresh "
                    + "state, its quantities (adam's m, v, α and u; L2 and weight decay) by the optimizer's "
                    + "definition, next to the value the backend's own step gives (one fit epoch of batch size 1 "
                    + "on the row)."})
final class ExplainCommand implements Callable<Integer> {
    private static final int FIGURES = Explanation.FIGURES;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "M.json", required = true,
            description = "A backprop-model/1 JSON file with weights.")
    Path model;

    @Option(names = "--input", paramLabel = "x", required = true, split = ",",
            description = "One value per input, such as -2,-1 for the article's Alice.")
    List<Double> input;

    @Option(names = "--target", paramLabel = "y", split = ",",
            description = "One value per output; adds the loss and the chain rule.")
    List<Double> target;

    @Option(names = "--lr", paramLabel = "η", description = "Adds one step of the optimizer with this learning "
            + "rate after the gradients; needs --target.")
    Double learningRate;

    @Mixin
    OptimizerOptions optimizer;

    @Spec
    CommandSpec spec;

    /** The step --lr asks for, or null; the optimizer's options are refused without it rather than ignored. */
    private TrainingOptions step() {
        if (learningRate == null) {
            if (optimizer.anyGiven()) {
                throw new ParameterException(spec.commandLine(), "--optimizer and its options set the step that"
                        + " --lr asks for; expected --lr η with them");
            }
            return null;
        }
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "--lr takes a step on the row's loss; expected --target"
                    + " with it");
        }
        TrainingOptions.Builder options = TrainingOptions.builder();
        optimizer.apply(spec, options);
        OptionValues.check(spec, "--lr", () -> options.learningRate(learningRate));
        return options.build();
    }

    @Override
    public Integer call() {
        TrainingOptions step = step();
        Model read = ModelFile.read(model);
        Parameters parameters = read.parameters().orElseThrow(() -> new ModelFileException(model
                + ": a spec only (its layers have no \"weights\"); `explain` needs a model with weights: train one"
                + " first with `backprop train`"));
        double[] given = values("--input", input, read.spec().inputs(), "input");
        // The network sees what predict would give it: the features as the model's standardization scales them.
        double[] x = read.standardization().map(s -> s.apply(given)).orElse(given);
        double[] y = target == null ? null : values("--target", target, read.spec().outputs(), "output");
        Explanation explanation = step == null ? Explanation.of(common.selected(), read.spec(), parameters, x, y)
                : Explanation.of(common.selected(), read.spec(), parameters, x, y, step);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = ExplanationJson.of(explanation);
            if (read.standardization().isPresent()) {
                json.set("given", Json.vector(given));
            }
            out.println(Json.text(json));
        } else {
            read.standardization().ifPresent(s -> out.printf(Locale.ROOT,
                    "the model standardizes its inputs (x − mean) / std: --input %s becomes %s%n",
                    Arrays.toString(given), Arrays.toString(x)));
            new ExplanationText(explanation, out).print();
        }
        return 0;
    }

    private double[] values(String option, List<Double> given, int expected, String unit) {
        if (given.size() != expected) {
            throw new DataException(option + ": found " + given.size() + " value" + (given.size() == 1 ? "" : "s")
                    + "; expected " + expected + ", one per " + unit + " of " + model);
        }
        return given.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
