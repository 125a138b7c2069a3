package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.model.Model;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Feeds every row of a CSV file through a trained model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "The network's outputs for every row of a CSV file: one CSV line per row, or with --json "
                + "{\"outputs\": [[...], ...]}. A model with classes adds the predicted class of each row: a `class` "
                + "column, or \"classes\": [...] in JSON. A model with a standardization applies it to the features "
                + "first.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelAndData input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Targets would be parsed and then ignored: predict computes no loss to use them in; evaluate does.
        if (!input.targets.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--targets is not used by predict, which computes the"
                    + " outputs only, never a loss; expected no --targets (to compare the outputs with targets, use"
                    + " `backprop evaluate` with the same options)");
        }
        ModelAndData.Opened opened = input.openTrained(common, "predict", false);
        Model model = opened.model();
        double[][] outputs = opened.network().predict(opened.data());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            ArrayNode rows = json.putArray("outputs");
            for (double[] row : outputs) {
                rows.add(Json.vector(row));
            }
            model.classes().ifPresent(classes -> {
                ArrayNode predicted = json.putArray("classes");
                for (double[] row : outputs) {
                    predicted.add(classes.predicted(row));
                }
            });
            out.println(Json.text(json));
        } else {
            int k = model.spec().outputs();
            StringBuilder header = new StringBuilder();
            for (int j = 1; j <= k; j++) {
                header.append(j > 1 ? "," : "").append(k == 1 ? "output" : "output" + j);
            }
            model.classes().ifPresent(classes -> header.append(",class"));
            out.println(header);
            for (double[] row : outputs) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < row.length; j++) {
                    line.append(j > 0 ? "," : "").append(row[j]);
                }
                model.classes().ifPresent(classes -> line.append(',').append(csvCell(classes.predicted(row))));
                out.println(line);
            }
        }
        return 0;
    }

    /** A class name as a CSV cell: quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
    private static String csvCell(String name) {
        return name.matches("[^,\"\r\n]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
