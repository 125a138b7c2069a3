package io.backprop.cli;

import io.backprop.model.ClassLabels;
import io.backprop.csv.CsvTable;
import io.backprop.csv.LabelledData;
import io.backprop.error.BackendException;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Fisher's Iris data, read from the {@code iris.dat} that ships at the root of the
 * deeplearning4j-core jar: 150 rows of four measurements in cm and a label 0, 1 or 2, no header.
 * Read here rather than through DL4J's own iterator, which ignores the file and downloads.
 */
final class IrisData {
    static final String RESOURCE = "iris.dat";
    static final String PROVIDER = "org.deeplearning4j:deeplearning4j-core 1.0.0-M2.1 (brought in by backprop-dl4j)";
    static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    /** The file's labels 0, 1 and 2, in that order. */
    static final ClassLabels SPECIES = ClassLabels.of(List.of("setosa", "versicolor", "virginica"));

    private IrisData() {
    }

    /**
     * The 150 flowers, targets one-hot over {@link #SPECIES}, for a network of four inputs and three outputs.
     *
     * @throws BackendException when the class path has no {@code iris.dat}, naming the artifact that provides it
     */
    static LabelledData read(ClassLoader loader, NetworkSpec spec) {
        String text;
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new BackendException(RESOURCE + ": not found at the root of the class path; it ships inside "
                        + PROVIDER + "; expected that jar on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The file's labels are codes; naming them lets the CSV reader treat the column as classes, one-hot.
        StringBuilder csv = new StringBuilder(String.join(",", FEATURES)).append(",species\n");
        text.lines().forEach(line -> {
            int comma = line.lastIndexOf(',');
            String label = line.substring(comma + 1).trim();
            String name = label.matches("[0-2]") ? SPECIES.name(Integer.parseInt(label)) : label;
            csv.append(comma < 0 ? line : line.substring(0, comma + 1) + name).append('\n');
        });
        try {
            return CsvTable.read(new StringReader(csv.toString()), RESOURCE + " (in deeplearning4j-core; line numbers"
                    + " count the header this reader adds)")
                    .toLabelledData(spec, FEATURES, List.of("species"), true, Optional.of(SPECIES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
