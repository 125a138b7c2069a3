package io.backprop.cli;

import io.backprop.cli.picture.NetworkDiagram;
import io.backprop.cli.picture.PictureFormat;
import io.backprop.cli.picture.PictureTarget;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Draws a model's network as the article draws it, to an SVG or a PNG. */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = "Draws the model's network as the article does: inputs, neurons and outputs as named circles, "
                + "each weight as an edge coloured by its sign (blue positive, red negative) and as wide as its size, "
                + "weights and biases labelled when the network is small. The extension of --out (.svg or .png) "
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

    @Override
    public Integer call() {
        PictureTarget target = PictureTarget.of("--out", out, PictureFormat.SVG, PictureFormat.PNG);
        Model read = ModelFile.read(model);
        NetworkDiagram.write(read, target);
        if (common.json) {
            spec.commandLine().getOut().println(Json.text(Json.object().put("out", out.toString())
                    .put("format", target.format().name().toLowerCase(java.util.Locale.ROOT))));
        } else {
            spec.commandLine().getOut().printf("drew %s (%s) to %s%n", read.spec(),
                    read.parameters().isPresent() ? "with its weights and biases" : "a spec only, without values", out);
        }
        return 0;
    }
}
