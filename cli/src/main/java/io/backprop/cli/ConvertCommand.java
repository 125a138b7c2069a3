package io.backprop.cli;

import io.backprop.csv.CsvBlocks;
import io.backprop.csv.DataFile;
import io.backprop.csv.DataFileHeader;
import io.backprop.csv.DataFileWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Converts a CSV file to {@code backprop-data/1}, which every command reads as it reads the CSV file, only faster. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Converts a CSV data file to a .bpd file (backprop-data/1: a JSON header, then each column's "
                + "float64 values, see docs/data-format.md), which --data and --validation-data take wherever they "
                + "take the CSV file and read as the same rows, bit for bit, without parsing text: for data trained "
                + "on again and again; read and written a block at a time, so any size converts. Every value must be a finite number, except in a column of class names. "
                + "OUT is written atomically. Prints the rows, the columns and the bytes written; --json: "
                + "{\"out\", \"rows\", \"columns\", \"bytes\"}.")
final class ConvertCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    CsvOptions csv;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.csv", description = "The CSV file to convert.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.bpd", description = "The data file to write.")
    Path out;

    @Override
    public Integer call() {
        CurrentWork.isReading("data file", in);
        // before the reading, which is what takes the time, so that a bad OUT is said at once
        DataFile.checkWritable(out);
        // A block at a time, so that a file larger than memory converts as a small one does.
        CsvBlocks blocks = CsvBlocks.open(in, csv.format());
        DataFileHeader header;
        try (DataFileWriter writer = DataFileWriter.create(out, blocks.header())) {
            for (int b = 0; b < blocks.blockCount(); b++) {
                writer.append(blocks.block(b));
            }
            CurrentWork.is("writing " + out);
            header = writer.finish();
        }
        long bytes = header.fileSize();
        PrintWriter printer = spec.commandLine().getOut();
        if (common.json) {
            printer.println(Json.text(Json.object().put("out", out.toString()).put("rows", header.rows())
                    .put("columns", header.columns().size()).put("bytes", bytes)));
        } else {
            printer.printf(Locale.ROOT, "wrote %s: %,d rows × %,d columns, %,d bytes%n", out, header.rows(), header.columns().size(),
                    bytes);
        }
        return 0;
    }
}
