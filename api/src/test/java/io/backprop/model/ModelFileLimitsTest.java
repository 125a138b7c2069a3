package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backprop.data.DataSet;
import io.backprop.model.Standardization;
import io.backprop.error.DataException;
import io.backprop.error.ModelFileException;
import io.backprop.params.TwoTwoOne;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files that would exhaust memory, never end, or hold what no model may: refused, in one line. */
class ModelFileLimitsTest {
    private static final NetworkSpec ARTICLE = NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();

    @TempDir
    Path dir;

    @Test
    void aDeviceWithoutEndIsRefusedAtItsFirstByte() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "/dev/zero");
        assertThatThrownBy(() -> ModelFile.read(zero))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("/dev/zero:1:")
                .hasMessageContaining(": not valid JSON (Illegal character ((CTRL-CHAR, code 0))");
    }

    @Test
    void aDirectoryIsRefusedAsUnreadableNotAsMissing() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("model.json"));
        assertThatThrownBy(() -> ModelFile.read(directory))
                .hasMessage(directory + ": cannot be read (Is a directory)");
    }

    @Test
    void aHugeStringOrDeepNestingIsRefusedNamingTheLimit() throws IOException {
        Path longString = Files.writeString(dir.resolve("long.json"), "{\"format\": \"" + "x".repeat((1 << 20) + 1)
                + "\"}");
        assertThatThrownBy(() -> ModelFile.read(longString))
                .hasMessage(longString + ": holds a string longer than 1048576 characters; expected a backprop-model/1"
                        + " model file");
        Path deep = Files.writeString(dir.resolve("deep.json"), "[".repeat(100) + "]".repeat(100));
        assertThatThrownBy(() -> ModelFile.read(deep)).hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void aLongFoundValueIsQuotedInPartWithItsLineBreaksEscaped() {
        String json = "{\"format\": \"" + "line\\n".repeat(100) + "\"}";
        assertThatThrownBy(() -> ModelFile.parse(json, "m.json"))
                .hasMessage("m.json: format: found \"" + "line\\n".repeat(16) + "…\" (500 characters); expected"
                        + " \"backprop-model/1\" (this version reads no other)");
    }

    @Test
    void nonFiniteParametersAreNeverWritten() {
        Path file = dir.resolve("out.json");
        assertThatThrownBy(() -> ModelFile.write(file, ARTICLE, TwoTwoOne.of(1, 2, 3, 4, Double.NaN, 6, 7, 8, 9)))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": not written: layers[1].weights[0][0] is NaN; expected finite weights and biases");
        assertThatThrownBy(() -> ModelFile.write(file, ARTICLE,
                TwoTwoOne.of(1, 2, 3, 4, 5, 6, 7, Double.NEGATIVE_INFINITY, 9)))
                .hasMessage(file + ": not written: layers[0].biases[1] is -Infinity; expected finite weights and biases");
        assertThat(file).doesNotExist();
    }

    @Test
    void aStandardizationThatOverflowsNamesTheRowAndFeature() {
        Standardization tiny = Standardization.of(new double[] {0, 0}, new double[] {1, Double.MIN_VALUE});
        assertThatThrownBy(() -> tiny.apply(DataSet.ofFeatures(new double[][] {{1, 0}, {2, 3}})))
                .isInstanceOf(DataException.class)
                .hasMessage("row 2, feature 2: (3.0 − mean 0.0) / std 4.9E-324 is Infinity; expected a standardization"
                        + " whose std[1] keeps the features finite");
    }
}
