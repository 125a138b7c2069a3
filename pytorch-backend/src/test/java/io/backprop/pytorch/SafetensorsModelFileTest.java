package io.backprop.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.backprop.error.ModelFileException;
import io.backprop.model.Model;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file is safetensors as another reader sees it, and a file from anyone is checked before
 * anything is read from it. The other reader is DJL's own safetensors decoder ({@code NDList.decode}),
 * written apart from this backend's writer.
 */
class SafetensorsModelFileTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .layer(4, Activation.TANH)
            .layer(2, Activation.RELU, false)
            .layer(2, Activation.SOFTMAX)
            .loss(Loss.XENT)
            .build();
    private final SafetensorsModelFile format = new SafetensorsModelFile();

    @Test
    void djlsOwnSafetensorsReaderFindsEveryTensorByItsPytorchNameBitForBit(@TempDir Path dir) throws IOException {
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(SPEC, 7);
        Path file = dir.resolve("net.safetensors");
        format.write(Model.of(SPEC, parameters), file);

        try (NDManager manager = LibTorch.newManager(); InputStream in = Files.newInputStream(file)) {
            NDList tensors = NDList.decode(manager, in);
            assertThat(tensors.stream().map(NDArray::getName)).containsExactlyInAnyOrder(
                    "0.weight", "0.bias", "2.weight", "4.weight", "4.bias");
            for (int l = 0; l < SPEC.depth(); l++) {
                LayerParameters layer = parameters.layer(l);
                NDArray weights = tensors.get(2 * l + ".weight");
                assertThat(weights.getDataType()).isEqualTo(DataType.FLOAT64);
                assertThat(weights.getShape().getShape()).containsExactly(layer.units(), layer.inputs());
                double[] expected = new double[layer.units() * layer.inputs()];
                layer.copyWeightsTo(expected, 0);
                assertThat(bits(weights.toDoubleArray())).containsExactly(bits(expected));
                if (layer.hasBiases()) {
                    assertThat(bits(tensors.get(2 * l + ".bias").toDoubleArray())).containsExactly(bits(layer.biases()));
                }
            }
        }
    }

    @Test
    void theMetadataNamesTheSequentialToLoadTheTensorsInto() {
        assertThat(SafetensorsModelFile.sequential(SPEC)).isEqualTo("nn.Sequential("
                + "nn.Linear(3, 4, dtype=torch.float64), nn.Tanh(), "
                + "nn.Linear(4, 2, bias=False, dtype=torch.float64), nn.ReLU(), "
                + "nn.Linear(2, 2, dtype=torch.float64), nn.Softmax(dim=1))");
    }

    @Test
    void aSpecOnlyOrNonFiniteParametersAreNotWritten(@TempDir Path dir) {
        Path file = dir.resolve("net.safetensors");
        assertThatThrownBy(() -> format.write(Model.specOnly(SPEC), file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("spec only");
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(SPEC, 7);
        Parameters withNaN = parameters.withLayer(1, parameters.layer(1).withWeight(0, 0, Double.NaN));
        assertThatThrownBy(() -> format.write(Model.of(SPEC, withNaN), file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("2.weight holds NaN");
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileFromAnyoneIsCheckedBeforeItsTensorsAreRead(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.safetensors");
        format.write(Model.of(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 7)), good);
        byte[] bytes = Files.readAllBytes(good);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);

        assertRefused(dir, withLength(bytes, Long.MAX_VALUE), "a header of " + Long.MAX_VALUE + " bytes");
        assertRefused(dir, java.util.Arrays.copyOf(bytes, 5), "ends after 5 bytes");
        assertRefused(dir, withHeader(bytes, header, header.replace("\"F64\"", "\"F32\"")), "dtype is \"F32\"");
        assertRefused(dir, withHeader(bytes, header, header.replace("\"0.bias\"", "\"0.biaz\"")),
                "a tensor \"0.biaz\"");
        assertRefused(dir, withHeader(bytes, header, header.replace("\"shape\":[4,3]", "\"shape\":[3,4]")),
                "0.weight.shape is [3,4]");
        assertRefused(dir, withHeader(bytes, header, header.replace("\"data_offsets\":[96,128]",
                "\"data_offsets\":[88,120]")), "0.bias.data_offsets [88,120] overlap another tensor's");
        assertRefused(dir, withHeader(bytes, header, header.replace("backprop.model", "backprop.other")),
                "no \"__metadata__\"");
    }

    private void assertRefused(Path dir, byte[] content, String because) throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), content);
        assertThatThrownBy(() -> format.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(because).hasMessageStartingWith(file.toString());
    }

    /** The file with another header of the same length (padded with spaces), so the offsets still hold. */
    private static byte[] withHeader(byte[] bytes, String header, String changed) {
        assertThat(changed).as("the change applies").isNotEqualTo(header);
        byte[] text = changed.getBytes(StandardCharsets.UTF_8);
        assertThat(text.length).as("the same length or shorter").isLessThanOrEqualTo(header.length());
        byte[] copy = bytes.clone();
        java.util.Arrays.fill(copy, 8, 8 + header.length(), (byte) ' ');
        System.arraycopy(text, 0, copy, 8, text.length);
        return copy;
    }

    private static byte[] withLength(byte[] bytes, long length) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
        return copy;
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            bits[k] = Double.doubleToRawLongBits(values[k]);
        }
        return bits;
    }
}
