package io.backprop.cli;

import io.backprop.Network;
import io.backprop.data.DataSource;
import io.backprop.model.Model;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

    @Mixin
    BlockReading blocks;

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
        Outputs outputs = blocks.inBlocks(input.data) ? inBlocks() : whole();
        Model model = outputs.model();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            // Written as it comes, row by row, so that rows read a block at a time are never all held.
            out.print("{\"outputs\":[");
            boolean[] first = {true};
            outputs.forEachBlock(block -> {
                for (double[] row : block) {
                    out.print(first[0] ? "" : ",");
                    out.print(Json.text(Json.vector(row)));
                    first[0] = false;
                }
            });
            out.print("]");
            model.classes().ifPresent(classes -> {
                out.print(",\"classes\":[");
                first[0] = true;
                // A second pass over the rows rather than the names kept from the first.
                outputs.forEachBlock(block -> {
                    for (double[] row : block) {
                        out.print(first[0] ? "" : ",");
                        out.print(Json.text(Json.string(classes.predicted(row))));
                        first[0] = false;
                    }
                });
                out.print("]");
            });
            out.println("}");
        } else {
            int k = model.spec().outputs();
            StringBuilder header = new StringBuilder();
            for (int j = 1; j <= k; j++) {
                header.append(j > 1 ? "," : "").append(k == 1 ? "output" : "output" + j);
            }
            model.classes().ifPresent(classes -> header.append(",class"));
            out.println(header);
            outputs.forEachBlock(block -> {
                for (double[] row : block) {
                    StringBuilder line = new StringBuilder();
                    for (int j = 0; j < row.length; j++) {
                        line.append(j > 0 ? "," : "").append(row[j]);
                    }
                    model.classes().ifPresent(classes -> line.append(',').append(csvCell(classes.predicted(row))));
                    out.println(line);
                }
            });
        }
        return 0;
    }

    /** The network's outputs for the rows of --data, a block at a time or all at once. */
    private interface Outputs {
        Model model();

        /** Gives the outputs of each block of rows in turn, in the file's order. */
        void forEachBlock(Consumer<double[][]> action);
    }

    private Outputs whole() {
        ModelAndData.Opened opened = input.openTrained(common, "predict", false);
        double[][] all = opened.network().predict(opened.data());
        return new Outputs() {
            @Override
            public Model model() {
                return opened.model();
            }

            @Override
            public void forEachBlock(Consumer<double[][]> action) {
                action.accept(all);
            }
        };
    }

    private Outputs inBlocks() {
        Model model = input.readModel();
        Network network = common.create(model.spec(), input.weights(model, "predict"));
        DataSource raw = input.openBlocks(model, false, Optional.empty(), blocks.blockBytes).rows();
        DataSource rows = model.standardization().map(s -> s.apply(raw)).orElse(raw);
        return new Outputs() {
            @Override
            public Model model() {
                return model;
            }

            @Override
            public void forEachBlock(Consumer<double[][]> action) {
                for (int b = 0; b < rows.blockCount(); b++) {
                    action.accept(network.predict(rows.block(b)));
                }
            }
        };
    }

    /** A class name as a CSV cell: quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
    private static String csvCell(String name) {
        return name.matches("[^,\"\r\n]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
