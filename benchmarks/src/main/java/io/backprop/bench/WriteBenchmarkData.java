package io.backprop.bench;

import io.backprop.model.AtomicFile;
import io.backprop.model.ModelFile;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files {@code scripts/command-timings.sh} times the {@code backprop} command on: the CSV
 * file {@link CsvReadBenchmark} reads (6,400 rows of the MLP 784-256-10's shape, about 45 MB, from
 * the same generator and seed) and the MLP's spec-only model file, which {@code backprop train}
 * initialises itself. So the command and the JMH run work on the same data and network.
 *
 * <p>Usage: {@code WriteBenchmarkData DATA.csv SPEC.json}.
 */
public final class WriteBenchmarkData {
    private WriteBenchmarkData() {
    }

    /**
     * Writes the two files.
     *
     * @param args the CSV file's path, then the spec-only model file's
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WriteBenchmarkData DATA.csv SPEC.json");
            System.exit(2);
        }
        CsvReadBenchmark.writeMnistShaped(Path.of(args[0]), CsvReadBenchmark.ROWS);
        AtomicFile.write(Path.of(args[1]), specOnly(new MlpWorkload(MlpBenchmark.HIDDEN, 1).spec())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A model file holding {@code spec} alone: layers without weights or biases, as {@code train} takes it. */
    static String specOnly(NetworkSpec spec) {
        List<String> layers = new ArrayList<>();
        for (LayerSpec layer : spec.layers()) {
            layers.add("    {\"units\": " + layer.units() + ", \"activation\": \"" + layer.activation().id()
                    + "\", \"bias\": " + layer.bias() + "}");
        }
        return "{\"format\": \"" + ModelFile.FORMAT + "\", \"inputs\": " + spec.inputs() + ", \"loss\": \""
                + spec.loss().id() + "\",\n  \"layers\": [\n" + String.join(",\n", layers) + "]}\n";
    }
}
