package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.explain.Derivative;
import io.backprop.explain.Explanation;
import io.backprop.explain.LayerSummary;
import io.backprop.explain.NamedValue;
import io.backprop.explain.NeuronValue;
import io.backprop.explain.ParameterChain;
import io.backprop.explain.ParameterStep;
import io.backprop.explain.Step;
import io.backprop.explain.StepTerm;
import io.backprop.optimizer.Regularization;
import java.util.List;

/** An {@link Explanation} as the data {@code explain --json} prints: the same names and values as the text. */
final class ExplanationJson {
    private ExplanationJson() {
    }

    static ObjectNode of(Explanation e) {
        ObjectNode json = Json.object();
        json.put("backend", e.backend());
        json.put("network", e.spec().toString());
        json.set("input", Json.vector(e.input()));
        e.target().ifPresent(y -> json.set("target", Json.vector(y)));
        json.put("summarised", e.summarised());
        e.summaryReason().ifPresent(reason -> json.put("summaryReason", reason));
        if (e.summarised()) {
            ArrayNode layers = json.putArray("layers");
            for (LayerSummary s : e.summary()) {
                ObjectNode layer = layers.addObject();
                layer.put("name", s.name());
                layer.put("activation", s.activation());
                layer.put("units", s.units());
                layer.putObject("z").put("min", s.zMin()).put("max", s.zMax());
                layer.putObject("output").put("min", s.outputMin()).put("max", s.outputMax());
                s.largestGradient().ifPresent(g -> layer.putObject("largestGradient")
                        .put("name", g.name()).put("value", g.value()));
                s.gradientNorm().ifPresent(norm -> layer.put("gradientNorm", norm));
            }
            e.loss().ifPresent(loss -> json.put("loss", loss));
            e.step().ifPresent(step -> json.set("step", step(step, false)));
            return json;
        }
        ArrayNode weights = json.putArray("weightsAndBiases");
        for (NamedValue p : e.weightsAndBiases()) {
            weights.addObject().put("name", p.name()).put("value", p.value());
        }
        ArrayNode layers = json.putArray("layers");
        for (int l = 0; l < e.layers().size(); l++) {
            ObjectNode layer = layers.addObject();
            layer.put("name", e.names().layer(l));
            layer.put("activation", e.spec().layer(l).activation().id());
            ArrayNode neurons = layer.putArray("neurons");
            for (NeuronValue n : e.layers().get(l)) {
                neurons.addObject().put("name", n.name()).put("symbol", n.symbol())
                        .put("weightedSum", n.weightedSum()).put("z", n.z()).put("output", n.output());
            }
        }
        if (e.loss().isEmpty()) {
            return json;
        }
        json.put("loss", e.loss().getAsDouble());
        json.put("lossFormula", e.lossFormula());
        json.set("notes", strings(e.notes()));
        ArrayNode derivatives = json.putArray("derivatives");
        for (Derivative d : e.derivatives()) {
            derivatives.addObject().put("name", d.name()).put("formula", d.formula()).put("value", d.value())
                    .put("asPrinted", d.asPrinted());
        }
        ArrayNode parameters = json.putArray("parameters");
        for (ParameterChain p : e.parameters()) {
            ObjectNode node = parameters.addObject();
            node.put("name", p.name());
            node.put("value", p.value());
            node.put("gradient", p.gradient());
            node.set("chain", strings(p.chain()));
            node.set("factors", numbers(p.factors()));
            node.put("product", p.product());
            node.set("printedFactors", numbers(p.printedFactors()));
            node.put("productAsPrinted", p.productAsPrinted());
        }
        e.step().ifPresent(step -> json.set("step", step(step, true)));
        return json;
    }

    /** The step: its optimizer, rate and regularization, and each weight and bias unless the network is summarised. */
    private static ObjectNode step(Step step, boolean parameters) {
        ObjectNode json = Json.object();
        json.put("optimizer", step.optimizer().name());
        ObjectNode hyperparameters = json.putObject("hyperparameters");
        step.optimizer().hyperparameters().forEach(hyperparameters::put);
        json.put("learningRate", step.learningRate());
        Regularization r = step.regularization();
        json.putObject("regularization").put("l2", r.l2()).put("l2Bias", r.l2Bias()).put("weightDecay", r.weightDecay())
                .put("weightDecayBias", r.weightDecayBias())
                .put("weightDecayWithLearningRate", r.weightDecayWithLearningRate());
        json.put("largestDifference", step.largestDifference());
        if (parameters) {
            ArrayNode list = json.putArray("parameters");
            for (ParameterStep p : step.parameters()) {
                ObjectNode node = list.addObject();
                node.put("name", p.name());
                node.put("value", p.value());
                ArrayNode terms = node.putArray("terms");
                for (StepTerm t : p.terms()) {
                    terms.addObject().put("name", t.name()).put("formula", t.formula()).put("value", t.value());
                }
                node.put("formula", p.formula());
                node.put("updated", p.updated());
                node.put("backend", p.backend());
            }
        }
        return json;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode numbers(List<Double> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }
}
