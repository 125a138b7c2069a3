package io.backprop.pytorch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.error.IoFailure;
import io.backprop.error.ModelFileException;
import io.backprop.model.AtomicFile;
import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.NativeModelFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pytorch backend's model file: a safetensors file holding the state dict of the
 * {@code torch.nn.Sequential} the spec describes, float64, so that plain PyTorch loads it with
 * {@code model.load_state_dict(safetensors.torch.load_file(path))}.
 *
 * <p>Layer {@code l}'s {@code nn.Linear} is module {@code 2l} of the sequence and its activation module
 * {@code 2l + 1} ({@code nn.Identity()} for identity), so its tensors are {@code "2l.weight"}
 * ({@code [units, inputs]}, PyTorch's layout and the API's) and {@code "2l.bias"}. The header's
 * {@code __metadata__} holds the rest of the Backprop model file without its parameters
 * ({@value #MODEL_KEY}: the spec, classes and standardization) and the {@code nn.Sequential} to
 * build ({@value #SEQUENTIAL_KEY}). A training state is not kept: {@code train --resume} goes on from
 * the Backprop model file.
 *
 * <p>The format (safetensors' own): 8 bytes, the header's length {@code N}, little-endian; {@code N}
 * bytes of JSON, {@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, ...}}; then the
 * tensors' bytes, little-endian, each at its offsets from the end of the header. Reading a file from
 * anyone is safe: the header is bounded, every tensor must be one the spec names, of its shape,
 * {@code F64}, within the data and not overlapping another, and nothing else is read.
 */
final class SafetensorsModelFile implements NativeModelFormat {
    /** The metadata key of the Backprop model without its parameters. */
    static final String MODEL_KEY = "backprop.model";
    /** The metadata key of the Python that builds the network the tensors fit. */
    static final String SEQUENTIAL_KEY = "pytorch.sequential";
    /** safetensors' own limit on the header (100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String description() {
        return "safetensors state dict of a PyTorch nn.Sequential, float64";
    }

    @Override
    public void write(Model model, Path file) {
        Parameters parameters = model.parameters().orElseThrow(() -> new ModelFileException(file
                + ": not written: the model is a spec only; expected parameters to write as tensors"));
        NetworkSpec spec = model.spec();
        Map<String, double[]> tensors = new LinkedHashMap<>();
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (int l = 0; l < spec.depth(); l++) {
            LayerParameters layer = parameters.layer(l);
            double[] weights = new double[layer.units() * layer.inputs()];
            layer.copyWeightsTo(weights, 0);
            offset = describe(header, weightKey(l), weights, offset, layer.units(), layer.inputs());
            tensors.put(weightKey(l), weights);
            if (layer.hasBiases()) {
                double[] biases = layer.biases();
                offset = describe(header, biasKey(l), biases, offset, layer.units());
                tensors.put(biasKey(l), biases);
            }
        }
        for (Map.Entry<String, double[]> tensor : tensors.entrySet()) {
            for (double value : tensor.getValue()) {
                if (!Double.isFinite(value)) {
                    throw new ModelFileException(file + ": not written: " + tensor.getKey() + " holds " + value
                            + "; expected finite weights and biases");
                }
            }
        }
        ObjectNode metadata = header.putObject("__metadata__");
        metadata.put("format", "pt");
        metadata.put(MODEL_KEY, ModelFile.toJson(new Model(spec, Optional.empty(), model.classes(),
                model.standardization())));
        metadata.put(SEQUENTIAL_KEY, sequential(spec));
        byte[] headerBytes = paddedHeader(header);
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(8 + headerBytes.length + offset))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(headerBytes.length).put(headerBytes);
        for (double[] values : tensors.values()) {
            for (double value : values) {
                bytes.putDouble(value);
            }
        }
        try {
            AtomicFile.write(file, bytes.array());
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot be written (" + IoFailure.reason(e) + ")", e);
        }
    }

    @Override
    public Model read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] length = in.readNBytes(8);
            if (length.length < 8) {
                throw bad(file, "ends after " + length.length + " bytes; expected 8 bytes of header length first");
            }
            long headerLength = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long fileSize = Files.size(file);
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
                throw bad(file, "a header of " + headerLength + " bytes in a file of " + fileSize + "; expected"
                        + " a positive length of at most " + Math.min(MAX_HEADER_BYTES, fileSize - 8));
            }
            JsonNode header = parse(file, in.readNBytes((int) headerLength));
            Model described = describedModel(file, header);
            NetworkSpec spec = described.spec();
            long dataLength = fileSize - 8 - headerLength;
            if (dataLength > Integer.MAX_VALUE - 8) {
                throw bad(file, dataLength + " bytes of tensors; expected at most " + (Integer.MAX_VALUE - 8));
            }
            Map<String, Region> regions = regions(file, header, spec, dataLength);
            byte[] data = in.readNBytes((int) dataLength);
            if (data.length != dataLength) {
                throw bad(file, "changed while read: " + data.length + " bytes of tensors; expected " + dataLength);
            }
            ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < spec.depth(); l++) {
                LayerSpec layer = spec.layer(l);
                double[] weights = values(buffer, regions.get(weightKey(l)));
                double[] biases = layer.bias() ? values(buffer, regions.get(biasKey(l))) : null;
                layers.add(LayerParameters.ofFlat(layer.units(), spec.inputsOf(l), weights, biases));
            }
            return new Model(spec, Optional.of(Parameters.of(layers)), described.classes(),
                    described.standardization());
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file; expected a safetensors file");
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot be read (" + IoFailure.reason(e) + ")", e);
        }
    }

    /** Where one tensor's bytes are, from the end of the header. */
    private record Region(long begin, long end) {
    }

    private static JsonNode parse(Path file, byte[] header) {
        try {
            JsonNode node = JSON.readTree(header);
            if (node == null || !node.isObject()) {
                throw bad(file, "the header is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw bad(file, "the header is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad(file, "the header cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The Backprop model the metadata holds: spec, classes and standardization. */
    private static Model describedModel(Path file, JsonNode header) {
        JsonNode model = header.path("__metadata__").path(MODEL_KEY);
        if (!model.isTextual()) {
            throw bad(file, "no \"__metadata__\": {\"" + MODEL_KEY + "\": ...} in the header; expected the Backprop"
                    + " model the tensors belong to, as this backend writes it");
        }
        return ModelFile.parse(model.asText(), file + ": __metadata__." + MODEL_KEY);
    }

    /** Every tensor of the header, checked against the spec: names, types, shapes and offsets. */
    private static Map<String, Region> regions(Path file, JsonNode header, NetworkSpec spec, long dataLength) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (int l = 0; l < spec.depth(); l++) {
            expected.put(weightKey(l), new long[] {spec.layer(l).units(), spec.inputsOf(l)});
            if (spec.layer(l).bias()) {
                expected.put(biasKey(l), new long[] {spec.layer(l).units()});
            }
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        List<Region> taken = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = header.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            long[] shape = expected.get(name);
            if (shape == null) {
                throw bad(file, "a tensor \"" + name + "\"; expected only " + String.join(", ", expected.keySet())
                        + ", the tensors of " + spec);
            }
            JsonNode tensor = field.getValue();
            if (!"F64".equals(tensor.path("dtype").asText(null))) {
                throw bad(file, name + ".dtype is " + tensor.path("dtype") + "; expected \"F64\"");
            }
            if (!shapeOf(tensor.path("shape")).equals(toList(shape))) {
                throw bad(file, name + ".shape is " + tensor.path("shape") + "; expected " + toList(shape));
            }
            JsonNode offsets = tensor.path("data_offsets");
            long count = 1;
            for (long size : shape) {
                count *= size;
            }
            if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                    || !offsets.get(1).canConvertToLong()) {
                throw bad(file, name + ".data_offsets is " + offsets + "; expected [begin, end]");
            }
            Region region = new Region(offsets.get(0).asLong(), offsets.get(1).asLong());
            if (region.begin() < 0 || region.end() > dataLength || region.end() - region.begin() != 8 * count) {
                throw bad(file, name + ".data_offsets is " + offsets + "; expected " + 8 * count + " bytes within the "
                        + dataLength + " bytes of tensors");
            }
            for (Region other : taken) {
                if (region.begin() < other.end() && other.begin() < region.end()) {
                    throw bad(file, name + ".data_offsets " + offsets + " overlap another tensor's");
                }
            }
            taken.add(region);
            regions.put(name, region);
        }
        for (String name : expected.keySet()) {
            if (!regions.containsKey(name)) {
                throw bad(file, "no tensor \"" + name + "\"; expected every tensor of " + spec + ": "
                        + String.join(", ", expected.keySet()));
            }
        }
        return regions;
    }

    private static List<Long> shapeOf(JsonNode shape) {
        List<Long> sizes = new ArrayList<>();
        if (shape.isArray()) {
            for (JsonNode size : shape) {
                sizes.add(size.canConvertToLong() && size.isIntegralNumber() ? size.asLong() : -1L);
            }
        }
        return sizes;
    }

    private static List<Long> toList(long[] shape) {
        List<Long> sizes = new ArrayList<>();
        for (long size : shape) {
            sizes.add(size);
        }
        return sizes;
    }

    private static double[] values(ByteBuffer data, Region region) {
        double[] values = new double[(int) ((region.end() - region.begin()) / 8)];
        for (int k = 0; k < values.length; k++) {
            values[k] = data.getDouble((int) region.begin() + 8 * k);
        }
        return values;
    }

    private static long describe(ObjectNode header, String name, double[] values, long offset, long... shape) {
        ObjectNode tensor = header.putObject(name);
        tensor.put("dtype", "F64");
        ArrayNode sizes = tensor.putArray("shape");
        for (long size : shape) {
            sizes.add(size);
        }
        long end = offset + 8L * values.length;
        tensor.putArray("data_offsets").add(offset).add(end);
        return end;
    }

    /** The header's JSON, padded with spaces to a multiple of 8 bytes, as safetensors writes it. */
    private static byte[] paddedHeader(ObjectNode header) {
        try {
            StringBuilder text = new StringBuilder(JSON.writeValueAsString(header));
            while (text.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
                text.append(' ');
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a header of plain values could not be written as JSON", e);
        }
    }

    /** The Python that builds the network these tensors fit, for {@code load_state_dict}. */
    static String sequential(NetworkSpec spec) {
        List<String> modules = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            LayerSpec layer = spec.layer(l);
            modules.add("nn.Linear(" + spec.inputsOf(l) + ", " + layer.units() + (layer.bias() ? "" : ", bias=False")
                    + ", dtype=torch.float64)");
            modules.add(switch (layer.activation()) {
                case SIGMOID -> "nn.Sigmoid()";
                case TANH -> "nn.Tanh()";
                case RELU -> "nn.ReLU()";
                case SOFTMAX -> "nn.Softmax(dim=1)";
                case IDENTITY -> "nn.Identity()";
            });
        }
        return "nn.Sequential(" + String.join(", ", modules) + ")";
    }

    static String weightKey(int layer) {
        return 2 * layer + ".weight";
    }

    static String biasKey(int layer) {
        return 2 * layer + ".bias";
    }

    private static ModelFileException bad(Path file, String what) {
        return new ModelFileException(file + ": " + what + " (a safetensors model file of the pytorch backend)");
    }
}
