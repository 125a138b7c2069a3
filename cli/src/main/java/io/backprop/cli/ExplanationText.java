package io.backprop.cli;

import io.backprop.explain.Derivative;
import io.backprop.explain.Explanation;
import io.backprop.explain.LayerSummary;
import io.backprop.explain.NamedValue;
import io.backprop.explain.NeuronValue;
import io.backprop.explain.ParameterChain;
import io.backprop.explain.ParameterStep;
import io.backprop.explain.SignificantFigures;
import io.backprop.explain.Step;
import io.backprop.explain.StepTerm;
import io.backprop.optimizer.Optimizer;
import io.backprop.teaching.ParameterNames;
import io.backprop.spec.Activation;
import io.backprop.spec.NetworkSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** An {@link Explanation} as the article prints its worked example. */
final class ExplanationText {
    private final Explanation e;
    private final PrintWriter out;
    private final ParameterNames names;
    private final NetworkSpec spec;

    ExplanationText(Explanation explanation, PrintWriter out) {
        this.e = explanation;
        this.out = out;
        this.names = explanation.names();
        this.spec = explanation.spec();
    }

    void print() {
        out.printf("explain: %s, on the %s backend%n", spec, e.backend());
        if (e.summarised()) {
            printSummary();
            return;
        }
        out.printf("feedforward, loss and gradients by the backend, the chain rule's factors worked from them;"
                + " numbers to %d significant figures, exact values in brackets%n", Explanation.FIGURES);
        out.println();
        out.println("input: " + named(e.input(), names::input)
                + e.target().map(y -> "   target: " + named(y, names::target)).orElse(""));
        out.println("weights and biases: " + parameterValues());
        out.println();
        out.println("feedforward: each neuron's weighted sum z, then its output f(z)");
        for (int l = 0; l < e.layers().size(); l++) {
            for (NeuronValue n : e.layers().get(l)) {
                String z = "z_" + n.name();
                out.printf("  %s = %s = %s%n", z, n.weightedSum(), withExact(n.z()));
                String f = spec.layer(l).activation() == Activation.SOFTMAX
                        ? "e^" + z + " / Σ e^z over the layer"
                        : spec.layer(l).activation().id() + "(" + z + ")";
                out.printf("  %s = %s = %s%n", n.symbol(), f, withExact(n.output()));
            }
        }
        if (e.loss().isEmpty()) {
            out.println();
            out.println("--target adds the loss and the chain rule: every partial derivative back from the loss,"
                    + " and ∂L/∂w for every weight and bias");
            return;
        }
        out.println();
        out.printf("loss: %s = %s = %s%n", spec.loss().id(), e.lossFormula(), withExact(e.loss().getAsDouble()));
        out.println();
        out.println("partial derivatives, back from the loss along the chain rule; each is worked from the printed");
        out.println("numbers, as the article does, with the exact value in brackets:");
        for (String note : e.notes()) {
            out.println("  (" + note + ")");
        }
        for (Derivative d : e.derivatives()) {
            out.printf("  %s = %s = %s  [%s]%n", d.name(), d.formula(), figures(d.asPrinted()), d.value());
        }
        out.println();
        out.println("each weight and bias: ∂L/∂w is the product of the derivatives along its chain");
        for (ParameterChain p : e.parameters()) {
            String head = "  ∂L/∂" + p.name() + " = ";
            String indent = " ".repeat(head.length() - 2) + "= ";
            out.println(head + String.join(" × ", p.chain()));
            List<String> printed = new ArrayList<>();
            for (double f : p.printedFactors()) {
                printed.add(figures(f));
            }
            out.printf("%s%s = %s with the factors as printed%n", indent, String.join(" × ", printed),
                    figures(p.productAsPrinted()));
            out.printf("%sexactly %s; the backend's gradient: %s%n", " ".repeat(indent.length()), p.product(),
                    p.gradient());
        }
        e.step().ifPresent(this::printStep);
    }

    private void printStep(Step step) {
        out.println();
        out.println(stepHeading(step));
        out.println("each new value by the optimizer's definition on the backend's gradient, exactly in brackets, and");
        out.println("beside it the backend's own step (one fit epoch of batch size 1 on this row):");
        for (ParameterStep p : step.parameters()) {
            String indent = "  ";
            if (!p.terms().isEmpty()) {
                String head = "  " + p.name() + ": ";
                indent = " ".repeat(head.length());
                String prefix = head;
                for (StepTerm t : p.terms()) {
                    out.printf("%s%s = %s = %s%n", prefix, t.name(), t.formula(), withExact(t.value()));
                    prefix = indent;
                }
            }
            out.printf("%s%s ← %s = %s  [%s; the backend: %s]%n", indent, p.name(), p.formula(), figures(p.updated()),
                    p.updated(), p.backend());
        }
    }

    /** Such as {@code one step of adam (beta1 0.9, …) from a fresh state, η = 0.001, l2 0.01}. */
    private static String stepHeading(Step step) {
        return "one step of " + Optimizer.describe(step.optimizer()) + " from a fresh state, η = " + step.learningRate()
                + (step.regularization().isNone() ? "" : ", " + step.regularization());
    }

    private void printSummary() {
        out.println("summarised per layer: too large to print readably, with "
                + e.summaryReason().orElseThrow());
        out.printf("numbers to %d significant figures%n", Explanation.FIGURES);
        out.println();
        out.printf("input: %d values%s%n", spec.inputs(),
                e.target().map(y -> "   target: " + y.length + " value" + (y.length == 1 ? "" : "s")).orElse(""));
        e.loss().ifPresent(loss -> out.printf("loss: %s = %s%n", spec.loss().id(), withExact(loss)));
        for (LayerSummary s : e.summary()) {
            out.printf("%s (%d %s): z from %s to %s; outputs from %s to %s%n", s.name(), s.units(), s.activation(),
                    figures(s.zMin()), figures(s.zMax()), figures(s.outputMin()), figures(s.outputMax()));
            s.largestGradient().ifPresent(g -> out.printf("  largest |∂L/∂θ|: ∂L/∂%s = %s; gradient norm %s%n",
                    g.name(), figures(g.value()), figures(s.gradientNorm().orElseThrow())));
        }
        if (e.loss().isEmpty()) {
            out.println("--target adds the loss and, per layer, the largest gradient and the gradient norm");
        }
        e.step().ifPresent(step -> out.printf("%s: the new values by its definition and by the backend's own step"
                + " differ by at most %s%n", stepHeading(step), step.largestDifference()));
    }

    private String parameterValues() {
        List<String> values = new ArrayList<>();
        for (NamedValue p : e.weightsAndBiases()) {
            values.add(p.name() + " = " + figures(p.value()));
        }
        return String.join(", ", values);
    }

    private interface Namer {
        String name(int index);
    }

    private static String named(double[] values, Namer namer) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            parts.add(namer.name(k) + " = " + exact(values[k]));
        }
        return String.join(", ", parts);
    }

    /** A value the user gave, in full: {@code -2}, {@code 0.125}. */
    private static String exact(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String figures(double value) {
        return SignificantFigures.text(value, Explanation.FIGURES);
    }

    private static String withExact(double value) {
        return figures(value) + "  [" + value + "]";
    }
}
