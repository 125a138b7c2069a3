package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What reading a file in blocks gives, set against what reading it whole gives: the data, or the error. */
final class SameAsWhole {
    private SameAsWhole() {
    }

    /** A network for these many inputs and outputs: softmax for several outputs, sigmoid for one. */
    static NetworkSpec spec(int inputs, int outputs) {
        return outputs == 1 ? NetworkSpec.builder(inputs).layer(1, Activation.SIGMOID).loss(Loss.MSE).build()
                : NetworkSpec.builder(inputs).layer(outputs, Activation.SOFTMAX).loss(Loss.XENT).build();
    }

    /** The outcome of reading the whole file: its data and classes, or the message of its error. */
    static String whole(Path file, CsvFormat format, NetworkSpec spec, List<String> features, List<String> targets,
                        boolean targetsRequired, Optional<ClassLabels> classes) {
        try {
            LabelledData data = CsvTable.read(file, format).toLabelledData(spec, features, targets, targetsRequired,
                    classes);
            return describe(data.data(), data.classes());
        } catch (DataException e) {
            return "error: " + e.getMessage();
        }
    }

    /** The outcome of reading the file in blocks, every block in order, concatenated. */
    static String inBlocks(Path file, CsvFormat format, NetworkSpec spec, List<String> features, List<String> targets,
                           boolean targetsRequired, Optional<ClassLabels> classes, long blockBytes) {
        try (CsvSource source = CsvSource.open(file, format, spec, features, targets, targetsRequired, classes,
                blockBytes)) {
            List<DataSet> blocks = new ArrayList<>();
            for (int b = 0; b < source.blockCount(); b++) {
                DataSet block = source.block(b);
                assertThat(block.rows()).isPositive();
                assertThat(block.featureCount()).isEqualTo(source.featureCount());
                assertThat(block.targetCount()).isEqualTo(source.targetCount());
                blocks.add(block);
            }
            return describe(concatenated(blocks), source.classes());
        } catch (DataException e) {
            return "error: " + e.getMessage();
        }
    }

    /** Asserts that reading in blocks gives what reading whole gives, and returns it. */
    static String assertSame(Path file, CsvFormat format, NetworkSpec spec, List<String> features,
                             List<String> targets, boolean targetsRequired, Optional<ClassLabels> classes,
                             long blockBytes) {
        String whole = whole(file, format, spec, features, targets, targetsRequired, classes);
        assertThat(inBlocks(file, format, spec, features, targets, targetsRequired, classes, blockBytes))
                .isEqualTo(whole);
        return whole;
    }

    static DataSet concatenated(List<DataSet> blocks) {
        int rows = blocks.stream().mapToInt(DataSet::rows).sum();
        int f = blocks.get(0).featureCount();
        int t = blocks.get(0).targetCount();
        double[] features = new double[rows * f];
        double[] targets = new double[rows * t];
        int at = 0;
        for (DataSet block : blocks) {
            for (int r = 0; r < block.rows(); r++, at++) {
                System.arraycopy(block.featureRow(r), 0, features, at * f, f);
                System.arraycopy(block.targetRow(r), 0, targets, at * t, t);
            }
        }
        return DataSet.ofFlat(rows, f, features, t, targets);
    }

    /** Every value's bits, so that equal descriptions are equal data, bit for bit. */
    static String describe(DataSet data, Optional<ClassLabels> classes) {
        StringBuilder text = new StringBuilder(data.rows() + " rows, classes " + classes + "\n");
        for (int r = 0; r < data.rows(); r++) {
            text.append(bits(data.featureRow(r))).append(" -> ").append(bits(data.targetRow(r))).append('\n');
        }
        return text.toString();
    }

    private static String bits(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray());
    }
}
