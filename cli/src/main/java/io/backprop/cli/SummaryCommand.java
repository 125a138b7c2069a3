package io.backprop.cli;

import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What a model file holds, as Keras's {@code model.summary()} and DL4J's {@code summary()} print a network. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "What a model file holds: one row per layer (units, inputs, activation, bias, weights, biases, "
                + "parameters), the totals, the loss, the classes and the feature scaling if it has them, and whether "
                + "it holds weights or is a spec only. Nothing is computed on a backend.")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M.json", required = true,
            description = "A backprop-model/1 JSON file, with weights or a spec only.")
    Path model;

    @Override
    public Integer call() {
        CurrentWork.isReading("model file", model);
        Model read = ModelFile.read(model);
        ModelSummary summary = ModelSummary.of(read);
        if (common.json) {
            spec.commandLine().getOut().println(Json.text(SummaryJson.of(summary)));
        } else {
            SummaryText.print(summary, model.toString(), spec.commandLine().getOut());
        }
        return 0;
    }
}
