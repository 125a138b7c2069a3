package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers of a model file: every finite double, whatever its bits, reads back bit for bit, is
 * written as the shortest decimal that does, and a number however written (int, long, fraction) is
 * read as the double it names; the text around them is the pretty-printed shape tools and diffs rely on.
 */
class ModelFileNumbersTest {
    private static final int INPUTS = 100;
    private static final int UNITS = 200;
    private static final NetworkSpec SPEC = NetworkSpec.builder(INPUTS).layer(UNITS, Activation.TANH)
            .layer(1, Activation.IDENTITY).loss(Loss.MSE).build();

    /** Values at the edges: signed zeros, subnormals, the extremes, and decimals Java 17 prints too long. */
    private static final double[] EDGES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), -Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE,
            Math.nextDown(Double.MAX_VALUE), 1e23, 2e-3, 2e22, 1e-5, 0.1, 1.0 / 3, 1.0, -1.0, 1e7, 1e-3, 9007199254740993.0,
            Math.PI, Math.E, 4.9e-324, 2.2250738585072014E-308, 123456789012345680.0, 5e-324 * 3};

    @TempDir
    Path dir;

    @Test
    void everyFiniteDoubleReadsBackBitForBit() {
        Parameters parameters = randomParameters(new Random(20261129));
        Path file = dir.resolve("model.json");

        ModelFile.write(file, SPEC, parameters);
        Parameters read = ModelFile.read(file).parameters().orElseThrow();

        assertThat(bits(read)).containsExactlyElementsOf(bits(parameters));
    }

    @Test
    void theTrainingStateReadsBackBitForBitToo() {
        Random random = new Random(7);
        Parameters parameters = randomParameters(random);
        Parameters m = randomParameters(random);
        Parameters v = randomParameters(random);
        SavedTraining training = new SavedTraining(new TrainingState(new Optimizer.Adam(0.9, 0.999, 1e-8), 12, 3,
                List.of(m, v)), 1e-3, LearningRateSchedule.FIXED, Regularization.NONE);
        Path file = dir.resolve("model.json");

        ModelFile.write(file, new Model(SPEC, Optional.of(parameters), Optional.empty(), Optional.empty(),
                Optional.of(training)));
        TrainingState read = ModelFile.read(file).training().orElseThrow().state();

        assertThat(bits(read.state("m"))).containsExactlyElementsOf(bits(m));
        assertThat(bits(read.state("v"))).containsExactlyElementsOf(bits(v));
    }

    @Test
    void eachNumberIsWrittenWithTheFewestDigitsThatReadBackToItsBitsTwoAtLeast() throws IOException {
        String json = ModelFile.toJson(Model.of(SPEC, randomParameters(new Random(99))));
        int checked = 0;
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_NUMBER_FLOAT) {
                    continue;
                }
                String text = parser.getText();
                double value = Double.parseDouble(text);
                int digits = new BigDecimal(text).stripTrailingZeros().precision();
                // Java's rule, kept by the writer: the shortest of at least two digits (4.9E-324, not 5E-324)
                if (digits > 2) {
                    // the nearest decimal of one digit fewer: when it does not read back, no shorter one does
                    BigDecimal shorter = new BigDecimal(value).round(new MathContext(digits - 1, RoundingMode.HALF_EVEN));
                    assertThat(Double.parseDouble(shorter.toString())).as("%s, shortened to %s", text, shorter)
                            .isNotEqualTo(value);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(UNITS * INPUTS);
    }

    @Test
    void numbersAreWrittenAsJava17DidSaveWhereItPrintedMoreDigitsThanNeeded() {
        NetworkSpec spec = NetworkSpec.builder(3).layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
        Parameters parameters = Parameters.of(LayerParameters.of(
                new double[][] {{-0.0, Double.MIN_VALUE, Double.MAX_VALUE}, {1e23, 2e-3, 1.0 / 3}},
                new double[] {1e7, 123456789}));

        assertThat(ModelFile.toJson(Model.of(spec, parameters))).isEqualTo("""
                {
                  "format" : "backprop-model/1",
                  "inputs" : 3,
                  "loss" : "mse",
                  "layers" : [ {
                    "units" : 2,
                    "activation" : "sigmoid",
                    "bias" : true,
                    "weights" : [ [ -0.0, 4.9E-324, 1.7976931348623157E308 ], [ 1.0E23, 0.002, 0.3333333333333333 ] ],
                    "biases" : [ 1.0E7, 1.23456789E8 ]
                  } ]
                }
                """);
    }

    @Test
    void aNumberWrittenAsAnIntALongOrABigIntegerIsReadAsTheDoubleItNames() {
        Model model = ModelFile.parse("""
                {"format": "backprop-model/1", "inputs": 4, "loss": "mse",
                 "layers": [{"units": 1, "activation": "identity",
                             "weights": [[-0, 2147483648, 123456789012345678901234567890, 0.5e1]], "biases": [-7]}]}
                """, "m.json");

        LayerParameters layer = model.parameters().orElseThrow().layer(0);
        assertThat(Double.doubleToRawLongBits(layer.weight(0, 0))).isEqualTo(0L);
        assertThat(layer.weight(0, 1)).isEqualTo(2147483648.0);
        assertThat(layer.weight(0, 2)).isEqualTo(1.2345678901234568E29);
        assertThat(layer.weight(0, 3)).isEqualTo(5.0);
        assertThat(layer.bias(0)).isEqualTo(-7.0);
    }

    @Test
    void theMlpsFileIsWrittenAndReadWithoutChange() throws IOException {
        NetworkSpec mlp = NetworkSpec.builder(784).layer(256, Activation.RELU).layer(10, Activation.SOFTMAX)
                .loss(Loss.XENT).build();
        Random random = new Random(1);
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < mlp.depth(); l++) {
            double[][] weights = new double[mlp.layer(l).units()][mlp.inputsOf(l)];
            for (double[] row : weights) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextGaussian() * 0.05;
                }
            }
            layers.add(LayerParameters.of(weights, new double[mlp.layer(l).units()]));
        }
        Model model = Model.of(mlp, Parameters.of(layers));
        Path file = dir.resolve("mlp.json");

        ModelFile.write(file, model);
        Path again = dir.resolve("again.json");
        ModelFile.write(again, ModelFile.read(file));

        assertThat(ModelFile.read(file)).isEqualTo(model);
        assertThat(Files.mismatch(file, again)).isEqualTo(-1L);
    }

    /** Random bits (finite ones), one in four a subnormal, with {@link #EDGES} first. */
    private static Parameters randomParameters(Random random) {
        double[] values = new double[UNITS * (INPUTS + 1) + INPUTS + 1];
        for (int k = 0; k < values.length; k++) {
            values[k] = k < EDGES.length ? EDGES[k] : randomFinite(random);
        }
        int next = 0;
        double[][] hidden = new double[UNITS][INPUTS];
        for (double[] row : hidden) {
            for (int i = 0; i < INPUTS; i++) {
                row[i] = values[next++];
            }
        }
        double[] hiddenBiases = new double[UNITS];
        for (int j = 0; j < UNITS; j++) {
            hiddenBiases[j] = values[next++];
        }
        double[][] output = new double[1][UNITS];
        for (int i = 0; i < UNITS; i++) {
            output[0][i] = random.nextBoolean() ? values[next++ % values.length] : randomFinite(random);
        }
        return Parameters.of(LayerParameters.of(hidden, hiddenBiases), LayerParameters.of(output, new double[] {-0.0}));
    }

    private static double randomFinite(Random random) {
        while (true) {
            long bits = random.nextLong();
            if (random.nextInt(4) == 0) {
                bits &= 0x800F_FFFF_FFFF_FFFFL; // exponent 0: a subnormal (or a signed zero)
            }
            double value = Double.longBitsToDouble(bits);
            if (Double.isFinite(value)) {
                return value;
            }
        }
    }

    private static List<Long> bits(Parameters parameters) {
        List<Long> bits = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            for (int j = 0; j < layer.units(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    bits.add(Double.doubleToRawLongBits(layer.weight(j, i)));
                }
                if (layer.hasBiases()) {
                    bits.add(Double.doubleToRawLongBits(layer.bias(j)));
                }
            }
        }
        return bits;
    }
}
