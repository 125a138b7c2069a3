package io.backprop.cli;

import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.spi.NativeModelFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reads a backend's own model file back into a Backprop model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Reads a backend's own model file, such as a DL4J ModelSerializer zip, into a backprop-model/1 "
                + "file; a network Backprop cannot represent is refused, naming what is not supported.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to read, such as model.zip.")
    Path in;

    @Option(names = "--from", paramLabel = "BACKEND", defaultValue = "dl4j",
            description = "Whose format (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--out", paramLabel = "M.json", required = true, description = "The model file to write.")
    Path out;

    @Override
    public Integer call() {
        NativeModelFormat format = NativeFormats.of(from);
        ModelFile.checkWritable(out);
        CurrentWork.isReading("model file", in);
        Model model = format.read(in);
        ModelFile.write(out, model);
        // Whether `train --resume` can go on from it is worth saying: a zip saved without its training cannot.
        String training = model.training().map(t -> t.optimizer().name() + " at iteration " + t.state().iteration()
                + ", epoch " + t.state().epoch()).orElse("none");
        if (!common.json) {
            spec.commandLine().getOut().printf("wrote %s: %s; training: %s%n", out, model.spec(), training);
        } else {
            spec.commandLine().getOut().println(Json.text(Json.object().put("out", out.toString())
                    .put("spec", model.spec().toString()).put("training", training)));
        }
        return 0;
    }
}
