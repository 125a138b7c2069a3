package io.backprop.cli;

import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.spec.Loss;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link ModelSummary} as a table, one row per layer, then the totals, the loss, the classes and the scaling. */
final class SummaryText {
    /** The scaling of more inputs than this is cut short: a summary of an MNIST model stays a page. */
    static final int MOST_INPUTS_LISTED = 12;

    private static final String[] HEADINGS = {"layer", "units", "inputs", "activation", "bias", "weights", "biases",
        "parameters"};
    /** Which columns hold numbers, aligned right as in Keras's and DL4J's tables; the others left. */
    private static final boolean[] RIGHT = {false, true, true, false, false, true, true, true};

    private SummaryText() {
    }

    static void print(ModelSummary summary, String source, PrintWriter out) {
        out.printf("%s: %s%n", source, summary.spec());
        out.println(summary.specOnly()
                ? "a spec only: its layers have no weights or biases yet (backprop train gives them)"
                : "holds its weights and biases");
        out.println();
        table(summary).forEach(out::println);
        out.println();
        out.printf("parameters: %s (%s weights, %s biases)%n", count(summary.parameters()), count(summary.weights()),
                count(summary.biases()));
        out.printf("loss: %s (%s)%n", summary.spec().loss().id(), lossName(summary.spec().loss()));
        out.println("classes: " + summary.classes().map(c -> classes(c, summary.spec().outputs())).orElse("none"));
        summary.standardization().ifPresentOrElse(s -> scaling(s, out),
                () -> out.println("scaling: none (the features go into the network as they are)"));
    }

    private static List<String> table(ModelSummary summary) {
        List<String[]> rows = new ArrayList<>();
        for (ModelSummary.LayerRow row : summary.layers()) {
            rows.add(new String[] {String.valueOf(row.index()), count(row.layer().units()), count(row.inputs()),
                row.layer().activation().id(), row.layer().bias() ? "yes" : "no", count(row.weights()),
                count(row.biases()), count(row.parameters())});
        }
        String[] total = {"total", "", "", "", "", count(summary.weights()), count(summary.biases()),
            count(summary.parameters())};
        int[] widths = new int[HEADINGS.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADINGS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
            widths[c] = Math.max(widths[c], total[c].length());
        }
        String[] rule = new String[HEADINGS.length];
        for (int c = 0; c < rule.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(HEADINGS, widths, false));
        lines.add(line(rule, widths, false));
        rows.forEach(row -> lines.add(line(row, widths, true)));
        lines.add(line(rule, widths, false));
        lines.add(line(total, widths, true));
        return lines;
    }

    private static String line(String[] cells, int[] widths, boolean aligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String format = "%" + (aligned && RIGHT[c] ? "" : "-") + widths[c] + "s";
            line.append(String.format(Locale.ROOT, format, cells[c]));
        }
        return line.toString().stripTrailing();
    }

    /** As Keras writes its counts: 203,530. */
    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String lossName(Loss loss) {
        return switch (loss) {
            case MSE -> "mean squared error";
            case SSE -> "summed squared error";
            case XENT -> "cross-entropy";
        };
    }

    /** With one output, which class is target 0 and which 1; with several, the output each class is. */
    private static String classes(ClassLabels classes, int outputs) {
        List<String> codes = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            codes.add(classes.name(k) + " = " + (outputs == 1 ? String.valueOf(k) : "o" + (k + 1)));
        }
        return String.join(", ", codes) + (outputs == 1
                ? " (" + classes.name(1) + " when the output is 0.5 or more)"
                : " (the class of the largest output)");
    }

    private static void scaling(Standardization s, PrintWriter out) {
        out.println("scaling: each input standardized, (x − mean) / std, before the network:");
        int listed = Math.min(s.features(), MOST_INPUTS_LISTED);
        double[] mean = s.mean();
        double[] std = s.std();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < listed; i++) {
            rows.add(new String[] {"x" + (i + 1), exact(mean[i]), exact(std[i])});
        }
        int name = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int means = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        for (String[] row : rows) {
            out.printf(Locale.ROOT, "  %-" + name + "s  mean %-" + means + "s  std %s%n", row[0], row[1], row[2]);
        }
        if (s.features() > listed) {
            out.printf("  … %s more (all of them: --json)%n", count(s.features() - listed));
        }
    }

    /** The number as the model file holds it, whole numbers without ".0". */
    private static String exact(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
