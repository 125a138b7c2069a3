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

/** Writes a trained model in a backend's own format, to leave Backprop with it. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a trained model as a backend's own model file, such as DL4J's ModelSerializer zip "
                + "(--to dl4j), atomically.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M.json", required = true, description = "A backprop-model/1 file with weights.")
    Path model;

    @Option(names = "--to", paramLabel = "BACKEND", required = true, description = "Whose format: dl4j.")
    String to;

    @Parameters(index = "0", paramLabel = "OUT", description = "The file to write, such as model.zip.")
    Path out;

    @Override
    public Integer call() {
        NativeModelFormat format = NativeFormats.of(to);
        Model trained = ModelFile.read(model);
        ModelFile.checkWritable(out);
        format.write(trained, out);
        if (!common.json) {
            spec.commandLine().getOut().printf("wrote %s (%s)%n", out, format.description());
        } else {
            spec.commandLine().getOut().println(Json.text(Json.object().put("out", out.toString())
                    .put("format", format.description())));
        }
        return 0;
    }
}
