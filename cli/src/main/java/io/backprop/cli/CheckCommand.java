package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.Backends;
import io.backprop.cli.picture.DifferencesChart;
import io.backprop.cli.picture.PictureFormat;
import io.backprop.cli.picture.PictureTarget;
import io.backprop.conformance.comparison.BackendComparison;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.BackendException;
import io.backprop.model.Model;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs every installed backend on the same model and data, and reports the worst differences. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Runs every installed backend on the same model and data and prints the worst differences from "
                + "the reference backend in outputs, loss and gradients (and in parameters after --epochs of training); "
                + "exits 2 when any is beyond its tolerance.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelAndData input;

    @Mixin
    BlockReading blocks;

    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", description = "Also train this many epochs on every backend and compare the parameters.")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "η", description = "Learning rate of that training (default: the "
            + "optimizer's, 0.1 for sgd).")
    Double learningRate;

    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--batch-size", paramLabel = "B|all", converter = TrainCommand.BatchSizeConverter.class,
            description = "Rows per step of that training (default: ${DEFAULT-VALUE}).")
    BatchSize batchSize = BatchSize.of(1);

    @Option(names = "--seed", description = "Seed of the starting parameters when --model is a spec only "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--plot", paramLabel = "DIFF.png", description = "Also draw the relative difference of every "
            + "gradient (and trained parameter), as the table measures it, per parameter, log scale, as a PNG chart; "
            + "drawn too when a difference is beyond its tolerance, to show where.")
    java.nio.file.Path plot;

    /**
     * The training to compare after, when --epochs asks for one; its options are refused without
     * --epochs rather than ignored, since nothing would train with them.
     */
    private TrainingOptions checkedTraining() {
        TrainingOptions.Builder options = TrainingOptions.builder().batchSize(batchSize);
        optimizer.apply(spec, options);
        if (learningRate != null) {
            OptionValues.check(spec, "--lr", () -> options.learningRate(learningRate));
        }
        if (epochs == null) {
            if (learningRate != null || optimizer.anyGiven()) {
                throw new ParameterException(spec.commandLine(), "--lr, --optimizer and their options set the"
                        + " training that --epochs asks for; expected --epochs N with them");
            }
            return null;
        }
        OptionValues.check(spec, "--epochs", () -> options.epochs(epochs));
        return options.build();
    }

    @Override
    public Integer call() {
        TrainingOptions training = checkedTraining();
        PictureTarget plotTarget = plot == null ? null : PictureTarget.of("--plot", plot, PictureFormat.PNG);
        List<Backend> backends = new ArrayList<>(Backends.available());
        backends.sort(Comparator.comparing((Backend b) -> !b.name().equals(Backends.DEFAULT)));
        if (backends.size() < 2) {
            throw new BackendException("check needs at least two backends to compare; found only "
                    + backends.stream().map(Backend::name).collect(Collectors.joining(", ")));
        }
        Model model = input.readModel();
        Parameters parameters = model.parameters()
                .orElseGet(() -> Initializer.STANDARD_NORMAL.initialize(model.spec(), seed));
        BackendComparison.Report report;
        String rowCount;
        if (blocks.inBlocks(input.data)) {
            DataSource raw = input.openBlocks(model, true, Optional.empty(), blocks.blockBytes).rows();
            DataSource data = model.standardization().map(s -> s.apply(raw)).orElse(raw);
            report = BackendComparison.report(backends, model.spec(), parameters, data, training, Tolerances.DEFAULT);
            rowCount = "rows read a block at a time";
        } else {
            DataSet data = input.readData(model, true);
            report = BackendComparison.report(backends, model.spec(), parameters, data, training, Tolerances.DEFAULT);
            rowCount = data.rows() + " rows";
        }
        List<BackendComparison.Row> rows = report.rows();
        String baseline = backends.get(0).name();
        if (plotTarget != null) {
            DifferencesChart.write(report.parameters(), baseline, plotTarget);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("baseline", baseline);
            ArrayNode list = json.putArray("differences");
            for (BackendComparison.Row row : rows) {
                list.addObject().put("backend", row.backend()).put("kind", row.kind()).put("worst", row.worst())
                        .put("where", row.where()).put("tolerance", row.tolerance()).put("within", row.within());
            }
            json.put("within", rows.stream().allMatch(BackendComparison.Row::within));
            out.println(Json.text(json));
        } else {
            out.printf("%s on %s, %s; each backend against %s (relative differences)%n", model.spec(),
                    input.data, rowCount, baseline);
            if (training != null) {
                out.printf("parameters compared after training: %s%n", training);
            }
            int width = Math.max("backend".length(),
                    rows.stream().mapToInt(row -> row.backend().length()).max().orElse(0));
            out.printf("  %-" + width + "s %-28s %-11s %-11s %s%n", "backend", "kind", "worst", "tolerance", "where");
            for (BackendComparison.Row row : rows) {
                out.printf(Locale.ROOT, "  %-" + width + "s %-28s %-11.3g %-11.0e %s%s%n", row.backend(), row.kind(),
                        row.worst(), row.tolerance(), row.where(), row.within() ? "" : "  BEYOND TOLERANCE");
            }
        }
        List<BackendComparison.Row> beyond = rows.stream().filter(r -> !r.within()).toList();
        if (!beyond.isEmpty()) {
            BackendComparison.Row first = beyond.get(0);
            spec.commandLine().getErr().printf(Locale.ROOT, "backprop: %s differs from %s beyond tolerance in %s: %.3g > %.0e"
                    + " (%s)%n", first.backend(), baseline, first.kind(), first.worst(), first.tolerance(), first.where());
            return BackpropCommand.EXIT_BAD_INPUT;
        }
        if (!common.json) {
            out.println("all within tolerance");
        }
        return 0;
    }
}
