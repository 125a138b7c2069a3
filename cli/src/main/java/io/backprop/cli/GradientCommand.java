package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.model.Model;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.LayerSpec;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The loss and its gradient over every row of a CSV file, taken as one batch. */
@Command(name = "gradient", mixinStandardHelpOptions = true,
        description = "The loss and ∂L/∂θ over all rows of the data as one batch; with --json "
                + "{\"loss\": L, \"layers\": [{\"weights\": [[...]], \"biases\": [...]}, ...]}.")
final class GradientCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelAndData input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelAndData.Opened opened = input.openTrained(common, "gradient", true);
        Model model = opened.model();
        Network network = opened.network();
        DataSet data = opened.data();
        double loss = network.loss(data);
        Parameters gradients = network.gradients(data);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("loss", loss);
            json.set("layers", Json.layers(gradients));
            out.println(Json.text(json));
            return 0;
        }
        out.printf("loss (%s over %d rows): %s%n", model.spec().loss().id(), data.rows(), loss);
        for (int l = 0; l < model.spec().depth(); l++) {
            LayerSpec layer = model.spec().layer(l);
            LayerParameters g = gradients.layer(l);
            out.printf("layer %d (%s):%n", l + 1, layer);
            for (int j = 0; j < g.units(); j++) {
                out.printf("  neuron %d  ∂L/∂weights %s%s%n", j + 1, Arrays.toString(g.weights()[j]),
                        g.hasBiases() ? "  ∂L/∂bias " + g.bias(j) : "");
            }
        }
        if (ArticleNames.apply(gradients)) {
            out.println("in the article's names:");
            ArticleNames.toMap(gradients).forEach((name, value) -> out.printf("  ∂L/∂%s = %s%n", name, value));
        }
        return 0;
    }
}
