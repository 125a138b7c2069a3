package io.backprop.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.spi.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cases kept as data, in the versioned layout {@code backprop-cases/1}: each case has an id, a
 * title, a model in the model file's shape, features (and targets), what to expect (outputs, a
 * loss, or one gradient) and a tolerance with its reason; optionally what it {@code "checks"} and
 * where to {@code "lookAt"} when it fails, for the catalog (by default its title, and a place found
 * from what it expects).
 */
final class DataCases {
    /** The layout this kit reads. */
    static final String FORMAT = "backprop-cases/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DataCases() {
    }

    /** The cases of a resource beside this class. */
    static List<ConformanceCase> read(String resource) {
        try (InputStream in = DataCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the kit's resource " + resource + " is missing");
            }
            JsonNode root = JSON.readTree(in);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IllegalStateException(resource + ": format " + root.path("format") + "; expected " + FORMAT);
            }
            List<ConformanceCase> cases = new ArrayList<>();
            for (JsonNode node : root.get("cases")) {
                cases.add(parse(node, resource));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot be read", e);
        }
    }

    private static ConformanceCase parse(JsonNode node, String resource) {
        String id = node.get("id").asText();
        Model model = ModelFile.parse(node.get("model").toString(), resource + " " + id);
        double[][] features = matrix(node.get("features"));
        DataSet data = node.has("targets") ? DataSet.of(features, matrix(node.get("targets")))
                : DataSet.ofFeatures(features);
        JsonNode expect = node.get("expect");
        JsonNode tolerance = node.get("tolerance");
        boolean relative = tolerance.has("relative");
        double bound = relative ? tolerance.get("relative").asDouble() : tolerance.get("absolute").asDouble();
        String allowed = Report.number(bound) + (relative ? " relative" : " absolute") + ": "
                + tolerance.path("why").asText();
        return new SimpleCase(id, node.get("title").asText(), List.of(model.spec()), backend -> {
            Network network = create(backend, model);
            if (expect.has("outputs")) {
                double[][] expected = matrix(expect.get("outputs"));
                double[][] actual = network.predict(data);
                for (int r = 0; r < expected.length; r++) {
                    for (int k = 0; k < expected[r].length; k++) {
                        compare("output[" + r + "][" + k + "]", actual[r][k], expected[r][k], relative, bound);
                    }
                }
            }
            if (expect.has("loss")) {
                compare("loss", network.loss(data), expect.get("loss").asDouble(), relative, bound);
            }
            if (expect.has("gradient")) {
                JsonNode g = expect.get("gradient");
                int layer = g.get("layer").asInt();
                int neuron = g.get("neuron").asInt();
                int input = g.get("input").asInt();
                double actual = network.gradients(data).layer(layer).weight(neuron, input);
                compare("∂L/∂w of layer " + layer + " weight(" + neuron + ", " + input + ")", actual,
                        g.get("value").asDouble(), relative, bound);
            }
        }).notes(node.path("checks").asText(""), allowed, node.path("lookAt").asText(lookAt(expect)));
    }

    /** Where to look when a data case fails, when it does not say: by what it expects. */
    private static String lookAt(JsonNode expect) {
        if (expect.has("gradient")) {
            return "backprop: the chain rule from the loss's derivative through each activation's derivative to"
                    + " the weight";
        }
        if (expect.has("loss")) {
            return "the loss's formula and its averaging over rows and outputs (Loss)";
        }
        return "the forward pass: weights[j][i] is the weight from input i into neuron j, then the bias, then the"
                + " activation";
    }

    private static Network create(Backend backend, Model model) {
        return backend.create(model.spec(), model.parameters().orElseThrow(
                () -> new IllegalStateException("a data case needs a model with weights")));
    }

    private static void compare(String what, double actual, double expected, boolean relative, double bound) {
        if (relative) {
            Check.value(what, actual, expected, bound);
        } else if (!(Math.abs(actual - expected) <= bound)) {
            throw new ConformanceFailure(what, Math.abs(actual - expected), "got " + actual + ", expected " + expected
                    + " (absolute)", bound);
        }
    }

    private static double[][] matrix(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[node.get(r).size()];
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = node.get(r).get(c).asDouble();
            }
        }
        return rows;
    }
}
