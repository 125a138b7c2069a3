package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Network;
import io.backprop.csv.LabelledData;
import io.backprop.data.DataSet;
import io.backprop.evaluation.ConfusionMatrix;
import io.backprop.model.ClassLabels;
import io.backprop.model.Model;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** How well a trained model does on a CSV file with targets: the loss, and accuracy or errors. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"How well a trained model does on data with targets: the number of rows and the model's loss "
                + "over all of them (as `gradient` computes it). A model with classes (its \"classes\", or a target "
                + "column of class names) adds the accuracy, the confusion table (rows: the actual class, columns: "
                + "the predicted one) and each class's precision (right among the rows predicted as it) and recall "
                + "(found among the rows of it); a 0/0 share, for a class never predicted or without rows, is "
                + "printed as - and is null in JSON. Numeric targets add the mean squared and the mean absolute "
                + "error, each a mean over every target value (rows × outputs).",
                "--json: {\"rows\": N, \"loss\": L, \"classes\": {\"names\": [...], \"accuracy\": A, \"confusion\": "
                        + "[[...], ...], \"precision\": [...], \"recall\": [...]}} for classes, else "
                        + "{\"rows\": N, \"loss\": L, \"mse\": E, \"mae\": E}."})
final class EvaluateCommand implements Callable<Integer> {
    /** What a 0/0 precision or recall prints as. */
    static final String UNDEFINED = "-";

    @Mixin
    CommonOptions common;

    @Mixin
    ModelAndData input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Model model = input.readModel();
        var parameters = input.weights(model, "evaluate");
        LabelledData raw = input.readLabelledWithTargets(model, "evaluate");
        DataSet data = input.standardized(model, raw.data());
        Network network = common.create(model.spec(), parameters);
        double loss = network.loss(data);
        double[][] outputs = network.predict(data);
        Optional<ClassLabels> classes = model.classes().or(raw::classes);
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode json = Json.object();
        json.put("rows", data.rows());
        json.put("loss", loss);
        if (!common.json) {
            out.printf("rows: %d%n", data.rows());
            out.printf("loss (%s): %s%n", model.spec().loss().id(), loss);
        }
        if (classes.isPresent()) {
            ConfusionMatrix confusion = ConfusionMatrix.of(classes.get(), data, outputs);
            if (common.json) {
                json.set("classes", classesJson(confusion));
            } else {
                printClasses(out, confusion);
            }
        } else {
            double[] errors = errors(data, outputs);
            if (common.json) {
                json.put("mse", errors[0]);
                json.put("mae", errors[1]);
            } else {
                long values = (long) data.rows() * data.targetCount();
                out.printf("mse: %s%n", errors[0]);
                out.printf("mae: %s%n", errors[1]);
                out.printf("(means over all %d target values: %d rows × %d outputs)%n", values, data.rows(),
                        data.targetCount());
            }
        }
        if (common.json) {
            out.println(Json.text(json));
        }
        return 0;
    }

    /** The mean squared and the mean absolute error over every target value. */
    static double[] errors(DataSet data, double[][] outputs) {
        double squared = 0;
        double absolute = 0;
        for (int r = 0; r < data.rows(); r++) {
            for (int j = 0; j < data.targetCount(); j++) {
                double e = outputs[r][j] - data.target(r, j);
                squared += e * e;
                absolute += Math.abs(e);
            }
        }
        double values = (double) data.rows() * data.targetCount();
        return new double[] {squared / values, absolute / values};
    }

    private static ObjectNode classesJson(ConfusionMatrix confusion) {
        ClassLabels classes = confusion.classes();
        ObjectNode node = Json.object();
        ArrayNode names = node.putArray("names");
        classes.names().forEach(names::add);
        node.put("accuracy", confusion.accuracy());
        ArrayNode matrix = node.putArray("confusion");
        ArrayNode precision = node.putArray("precision");
        ArrayNode recall = node.putArray("recall");
        for (int a = 0; a < classes.size(); a++) {
            ArrayNode row = matrix.addArray();
            for (int p = 0; p < classes.size(); p++) {
                row.add(confusion.count(a, p));
            }
            addShare(precision, confusion.precision(a));
            addShare(recall, confusion.recall(a));
        }
        return node;
    }

    private static void addShare(ArrayNode array, OptionalDouble share) {
        if (share.isPresent()) {
            array.add(share.getAsDouble());
        } else {
            array.addNull();
        }
    }

    private static void printClasses(PrintWriter out, ConfusionMatrix confusion) {
        ClassLabels classes = confusion.classes();
        out.printf("accuracy: %s (%d of %d rows)%n", confusion.accuracy(), confusion.correct(), confusion.total());
        out.println("confusion (rows: actual class, columns: predicted class):");
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("actual \\ predicted"));
        header.addAll(classes.names());
        header.add("recall");
        table.add(header);
        List<String> precisionRow = new ArrayList<>(List.of("precision"));
        for (int a = 0; a < classes.size(); a++) {
            List<String> row = new ArrayList<>(List.of(classes.name(a)));
            for (int p = 0; p < classes.size(); p++) {
                row.add(String.valueOf(confusion.count(a, p)));
            }
            row.add(share(confusion.recall(a)));
            table.add(row);
            precisionRow.add(share(confusion.precision(a)));
        }
        precisionRow.add("");
        table.add(precisionRow);
        int columns = header.size();
        int[] widths = new int[columns];
        for (List<String> row : table) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : table) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(' ').append(c == 0 ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** A precision or recall as printed: the share, or {@value #UNDEFINED} for 0/0. */
    private static String share(OptionalDouble share) {
        return share.isPresent() ? String.valueOf(share.getAsDouble()) : UNDEFINED;
    }
}
