package io.backprop.cli;

import io.backprop.cli.picture.NetworkDiagram;
import io.backprop.cli.picture.PictureFormat;
import io.backprop.cli.picture.PictureTarget;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Draws a model's network as the article draws it, to an SVG or a PNG. */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = "Draws the model's network as the article does: inputs, neurons and outputs as named circles, "
                + "each weight as an edge coloured by its sign (blue positive, red negative) and as wide as its size, "
                + "weights and biases labelled when the network is small, and beside each input its column's name "
                + "(--features) and the model's standardization of it, if any. The extension of --out (.svg or .png) "
                + "chooses the format; the file is written atomically.")
final class DrawCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M.json", required = true,
            description = "A backprop-model/1 JSON file; a spec only is drawn without values.")
    Path model;

    @Option(names = "--out", paramLabel = "NET.svg|NET.png", required = true, description = "Where to draw it.")
    Path out;

    @Option(names = "--features", paramLabel = "a,b", split = ",",
            description = "The feature columns the inputs read, one name per input, as given to train and predict; "
                    + "drawn beside the inputs (a model file does not name its columns, so without this they are "
                    + "x1, x2, … alone).")
    List<String> features = new ArrayList<>();

    @Override
    public Integer call() {
        PictureTarget target = PictureTarget.of("--out", out, PictureFormat.SVG, PictureFormat.PNG);
        Model read = ModelFile.read(model);
        checkFeatures(read.spec().inputs());
        NetworkDiagram.write(read, features, target);
        if (common.json) {
            spec.commandLine().getOut().println(Json.text(Json.object().put("out", out.toString())
                    .put("format", target.format().name().toLowerCase(java.util.Locale.ROOT))));
        } else {
            spec.commandLine().getOut().printf("drew %s (%s) to %s%n", read.spec(),
                    read.parameters().isPresent() ? "with its weights and biases" : "a spec only, without values", out);
        }
        return 0;
    }

    /** One name per input, none blank, or no names at all. */
    private void checkFeatures(int inputs) {
        if (features.isEmpty()) {
            return;
        }
        if (features.size() != inputs || features.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--features': found "
                    + features.size() + (features.size() == 1 ? " name " : " names ") + features + "; " + model + " has " + inputs
                    + " inputs; expected one name per input, none empty");
        }
    }
}
