package io.backprop.model;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.ClassUtil;
import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.error.DataException;
import io.backprop.error.Excerpt;
import io.backprop.error.IoFailure;
import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractList;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the model file, {@code backprop-model/1}, the one format every backend and
 * tool shares:
 *
 * <pre>{@code
 * {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
 *  "layers": [
 *    {"units": 2, "activation": "sigmoid", "bias": true, "weights": [[0, 1], [0, 1]], "biases": [0, 0]},
 *    {"units": 1, "activation": "sigmoid", "bias": true, "weights": [[0, 1]], "biases": [0]}]}
 * }</pre>
 *
 * <p>Two optional fields come after {@code "loss"}: {@code "classes": ["M", "F"]}, the names of the
 * classes the outputs tell apart (2 for one output: target 0 and 1; else one per output), and
 * {@code "standardize": {"mean": [...], "std": [...]}}, one number each per input, applied to the
 * features before the network.
 *
 * <p>An optional {@code "training"} entry comes last, where training stands so that it can go on
 * ({@link SavedTraining}): {@code {"optimizer": {"name": "adam", "beta1": 0.9, "beta2": 0.999,
 * "epsilon": 1e-8}, "learningRate": 0.001, "schedule": "fixed", "regularization": {"l2": 0, "l2Bias": 0,
 * "weightDecay": 0, "weightDecayBias": 0, "weightDecayWithLearningRate": true}, "iteration": 600,
 * "epoch": 60, "state": {"m": [{"weights": [[...]], "biases": [...]}, ...], "v": [...]}}}, each state
 * in the layers' shape. A file without it is valid; a state whose shape does not match is refused.
 *
 * <p>{@code weights[j][i]} is the weight from input {@code i} into neuron {@code j}. A layer with
 * {@code "bias": false} has no {@code "biases"}; {@code "bias"} may be left out and is then true.
 * A file whose layers have no {@code "weights"} is a spec only. Files are written atomically, and
 * numbers are written so that they read back bit for bit: each as the shortest decimal (of two digits
 * at least, as {@link Double#toString} writes them) that names the same double.
 *
 * <p>Both ways stream: the reader parses numbers straight into arrays, enforcing its limits (length,
 * depth, strings, numbers) as it goes, and the writer prints from the arrays; neither makes a node per
 * number (figures for the MLP 784-256-10's 4.4 MB file: README, Performance).
 */
public final class ModelFile {
    /** The format this version reads and writes. */
    public static final String FORMAT = "backprop-model/1";

    private static final Set<String> TOP_FIELDS = Set.of("format", "inputs", "loss", "classes", "standardize", "training",
            "layers");
    private static final Set<String> STANDARDIZE_FIELDS = Set.of("mean", "std");
    private static final Set<String> TRAINING_FIELDS = Set.of("optimizer", "learningRate", "schedule",
            "regularization", "iteration", "epoch", "state");
    private static final Set<String> REGULARIZATION_FIELDS = Set.of("l2", "l2Bias", "weightDecay", "weightDecayBias",
            "weightDecayWithLearningRate");
    private static final Set<String> STATE_LAYER_FIELDS = Set.of("weights", "biases");
    private static final Set<String> LAYER_FIELDS = Set.of("units", "activation", "bias", "weights", "biases");

    /** The longest model file read: far beyond any network a JVM heap holds as JSON (the MLP's is 4.4 MB). */
    static final long MAX_BYTES = 1L << 30;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_NUMBER = 1000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_BYTES)
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING)
                            .maxNameLength(MAX_STRING)
                            .maxNumberLength(MAX_NUMBER)
                            .build())
                    // what a parse error quotes of the file stays short enough for one line
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(Excerpt.MAX_QUOTED)
                            .maxRawContentLength(Excerpt.MAX_QUOTED)
                            .build())
                    .build())
            // Faster than the JDK's, same bits: the parser rounds correctly as Double.parseDouble does;
            // the writer prints the shortest decimal that reads back to the same bits (Schubfach), where
            // Java 17's Double.toString at times printed a digit more (1e23 as 9.999999999999999E22).
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            // createParser applies it to every parser; Tree refuses trailing tokens itself
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ModelFile() {
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException naming the file and the line and column (for bad JSON) or the field
     *     (for a bad value), what was found and what was expected
     */
    public static Model read(Path file) {
        JsonNode root;
        // Parsed from the stream, not read whole first: a file without end (a device, a pipe) is refused
        // at its first bad byte or at MAX_BYTES, never read into memory.
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            root = Tree.read(parser);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file; expected a " + FORMAT + " model file");
        } catch (StreamConstraintsException e) {
            throw new ModelFileException(file + ": " + constraintBroken(e) + "; expected a " + FORMAT + " model file");
        } catch (JsonProcessingException e) {
            throw notJson(file.toString(), e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot be read (" + IoFailure.reason(e) + ")", e);
        }
        if (root == null) {
            throw new ModelFileException(file + ": empty; expected a " + FORMAT + " JSON object");
        }
        return model(root, file.toString());
    }

    /**
     * Reads a model from JSON text; {@code source} names it in error messages.
     *
     * @throws ModelFileException as {@link #read(Path)} does
     */
    public static Model parse(String json, String source) {
        if (json.isBlank()) {
            throw new ModelFileException(source + ": empty; expected a " + FORMAT + " JSON object");
        }
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(json)) {
            root = Tree.read(parser);
        } catch (StreamConstraintsException e) {
            throw new ModelFileException(source + ": " + constraintBroken(e) + "; expected a " + FORMAT + " model file");
        } catch (JsonProcessingException e) {
            throw notJson(source, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
        if (root == null) { // blank text was refused above; this keeps a NullPointerException out all the same
            throw new ModelFileException(source + ": empty; expected a " + FORMAT + " JSON object");
        }
        return model(root, source);
    }

    private static Model model(JsonNode root, String source) {
        try {
            return new Reader(source).model(root);
        } catch (SpecException e) {
            throw new ModelFileException(source + ": " + e.getMessage(), e);
        }
    }

    private static ModelFileException notJson(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String place = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new ModelFileException(source + place + ": not valid JSON (" + Excerpt.line(e.getOriginalMessage())
                + "); expected a " + FORMAT + " JSON object", e);
    }

    /** Which of the reader's limits the file broke, in the user's words. */
    private static String constraintBroken(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Document length")) {
            return "longer than " + MAX_BYTES / (1 << 20) + " MiB";
        }
        if (message.startsWith("Document nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (message.startsWith("String value length") || message.startsWith("Name length")) {
            return "holds a string longer than " + MAX_STRING + " characters";
        }
        if (message.startsWith("Number value length")) {
            return "holds a number longer than " + MAX_NUMBER + " characters";
        }
        return "breaks a limit of the reader (" + Excerpt.line(message) + ")";
    }

    /**
     * Writes a model atomically: a reader sees the old file or the whole new one, never a part.
     *
     * @throws ModelFileException when the file cannot be written
     */
    public static void write(Path file, Model model) {
        model.parameters().ifPresent(parameters -> checkFinite(file, parameters));
        try {
            AtomicFile.write(file, bytes(model));
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /**
     * Checks now, before any work is spent, that {@link #write} could write {@code file}.
     *
     * @throws ModelFileException naming what stands in the way (see {@link AtomicFile#checkWritable})
     */
    public static void checkWritable(Path file) {
        try {
            AtomicFile.checkWritable(file);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static ModelFileException cannotWrite(Path file, IOException e) {
        return new ModelFileException(file + ": cannot be written (" + IoFailure.reason(e) + ")", e);
    }

    /** A model file never holds NaN or infinity: a file predict would refuse is not written. */
    private static void checkFinite(Path file, Parameters parameters) {
        for (int l = 0; l < parameters.layers().size(); l++) {
            LayerParameters layer = parameters.layer(l);
            for (int j = 0; j < layer.units(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    if (!Double.isFinite(layer.weight(j, i))) {
                        throw new ModelFileException(file + ": not written: layers[" + l + "].weights[" + j + "][" + i
                                + "] is " + layer.weight(j, i) + "; expected finite weights and biases");
                    }
                }
                if (layer.hasBiases() && !Double.isFinite(layer.bias(j))) {
                    throw new ModelFileException(file + ": not written: layers[" + l + "].biases[" + j + "] is "
                            + layer.bias(j) + "; expected finite weights and biases");
                }
            }
        }
    }

    /** Writes a spec and its parameters atomically. */
    public static void write(Path file, NetworkSpec spec, Parameters parameters) {
        write(file, Model.of(spec, parameters));
    }

    /** The model as the JSON text {@link #write(Path, Model)} writes. */
    public static String toJson(Model model) {
        return new String(bytes(model), StandardCharsets.UTF_8);
    }

    /**
     * The model's file, UTF-8, written straight from the arrays through a generator: the text a tree
     * of the same fields gave (same order, same pretty printer), without a node per number.
     */
    private static byte[] bytes(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedBytes(model));
        try (JsonGenerator json = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            json.setPrettyPrinter(prettyPrinter());
            writeModel(json, model);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** About 22 bytes a number (a double's 17 digits, sign, point, exponent, comma), so the buffer grows seldom. */
    private static int expectedBytes(Model model) {
        long numbers = 0;
        if (model.parameters().isPresent()) {
            for (LayerParameters layer : model.parameters().get().layers()) {
                numbers += (long) layer.units() * (layer.inputs() + 1);
            }
        }
        if (model.training().isPresent()) {
            numbers *= 1 + model.training().get().optimizer().stateNames().size();
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, 1024 + 22 * numbers);
    }

    private static void writeModel(JsonGenerator json, Model model) throws IOException {
        NetworkSpec spec = model.spec();
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeNumberField("inputs", spec.inputs());
        json.writeStringField("loss", spec.loss().id());
        if (model.classes().isPresent()) {
            json.writeArrayFieldStart("classes");
            for (String name : model.classes().get().names()) {
                json.writeString(name);
            }
            json.writeEndArray();
        }
        if (model.standardization().isPresent()) {
            Standardization standardization = model.standardization().get();
            json.writeObjectFieldStart("standardize");
            writeVector(json, "mean", standardization.mean());
            writeVector(json, "std", standardization.std());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("layers");
        for (int l = 0; l < spec.depth(); l++) {
            LayerSpec layer = spec.layer(l);
            json.writeStartObject();
            json.writeNumberField("units", layer.units());
            json.writeStringField("activation", layer.activation().id());
            json.writeBooleanField("bias", layer.bias());
            if (model.parameters().isPresent()) {
                writeValues(json, model.parameters().get().layer(l), layer.bias());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        if (model.training().isPresent()) {
            writeTraining(json, model.training().get(), spec);
        }
        json.writeEndObject();
    }

    private static void writeTraining(JsonGenerator json, SavedTraining training, NetworkSpec spec)
            throws IOException {
        TrainingState state = training.state();
        json.writeObjectFieldStart("training");
        json.writeObjectFieldStart("optimizer");
        json.writeStringField("name", state.optimizer().name());
        for (java.util.Map.Entry<String, Double> hyperparameter : state.optimizer().hyperparameters().entrySet()) {
            json.writeFieldName(hyperparameter.getKey());
            if (hyperparameter.getValue() == null) {
                json.writeNull(); // as ObjectNode.put(String, Double) wrote a null
            } else {
                json.writeNumber(hyperparameter.getValue().doubleValue());
            }
        }
        json.writeEndObject();
        json.writeNumberField("learningRate", training.learningRate());
        json.writeStringField("schedule", training.schedule().text());
        Regularization r = training.regularization();
        json.writeObjectFieldStart("regularization");
        json.writeNumberField("l2", r.l2());
        json.writeNumberField("l2Bias", r.l2Bias());
        json.writeNumberField("weightDecay", r.weightDecay());
        json.writeNumberField("weightDecayBias", r.weightDecayBias());
        json.writeBooleanField("weightDecayWithLearningRate", r.weightDecayWithLearningRate());
        json.writeEndObject();
        json.writeNumberField("iteration", state.iteration());
        json.writeNumberField("epoch", state.epoch());
        json.writeObjectFieldStart("state");
        for (String name : state.optimizer().stateNames()) {
            json.writeArrayFieldStart(name);
            Parameters parameters = state.state(name);
            for (int l = 0; l < spec.depth(); l++) {
                json.writeStartObject();
                writeValues(json, parameters.layer(l), spec.layer(l).bias());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** {@code "weights"}, and {@code "biases"} when the layer has them. */
    private static void writeValues(JsonGenerator json, LayerParameters values, boolean bias) throws IOException {
        json.writeArrayFieldStart("weights");
        for (double[] row : values.weights()) {
            json.writeArray(row, 0, row.length);
        }
        json.writeEndArray();
        if (bias) {
            writeVector(json, "biases", values.biases());
        }
    }

    private static void writeVector(JsonGenerator json, String name, double[] values) throws IOException {
        json.writeFieldName(name);
        json.writeArray(values, 0, values.length);
    }

    /** Objects one field a line, number arrays on one line, so that a weight matrix reads as a matrix. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
        printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        printer.indentArraysWith(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        return printer;
    }

    /**
     * Builds from a parser the tree {@code ObjectMapper.readTree} builds, node for node, save that an
     * array of numbers (a row of weights) is a {@link Numbers} holding its values unboxed: the MLP's
     * file has 203,530 numbers, and a node and a list slot each cost more than parsing the number.
     * The parser enforces the limits (length, depth, strings, numbers) as it goes, as before.
     */
    private static final class Tree {
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        /** The root, or null for a file with no token at all; refuses tokens after the root as readTree does. */
        static JsonNode read(JsonParser parser) throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            JsonNode root = value(parser, token);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                // the message readTree gave with DeserializationFeature.FAIL_ON_TRAILING_TOKENS, word for word
                throw MismatchedInputException.from(parser, JsonNode.class, String.format("Trailing token (of type %s)"
                        + " found after value (bound as %s): not allowed as per"
                        + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`", trailing, ClassUtil.nameOf(JsonNode.class)));
            }
            return root;
        }

        private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT:
                    return object(parser);
                case START_ARRAY:
                    return array(parser);
                case VALUE_STRING:
                    return NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT:
                    return switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                case VALUE_NUMBER_FLOAT:
                    return NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    throw new IllegalStateException("a JSON parser gave " + token + " where a value starts");
            }
        }

        private static ObjectNode object(JsonParser parser) throws IOException {
            ObjectNode node = NODES.objectNode();
            // the parser refuses a duplicate name (STRICT_DUPLICATE_DETECTION) before it gets here
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                node.set(name, value(parser, parser.nextToken()));
            }
            return node;
        }

        /**
         * An array: while every element is a float or an int, its values go to a double[]; at the
         * first other element, those before it become nodes and the rest is read as readTree does.
         */
        private static ArrayNode array(JsonParser parser) throws IOException {
            double[] values = new double[16];
            boolean[] ints = null;
            int count = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                boolean isInt = token == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() == JsonParser.NumberType.INT;
                if (token != JsonToken.VALUE_NUMBER_FLOAT && !isInt) {
                    List<JsonNode> nodes = new ArrayList<>(new Numbers(values, ints, count));
                    do {
                        nodes.add(value(parser, token));
                    } while ((token = parser.nextToken()) != JsonToken.END_ARRAY);
                    return new ArrayNode(NODES, nodes);
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                    if (ints != null) {
                        ints = Arrays.copyOf(ints, count * 2);
                    }
                }
                if (isInt) {
                    if (ints == null) {
                        ints = new boolean[values.length];
                    }
                    ints[count] = true;
                    values[count++] = parser.getIntValue();
                } else {
                    values[count++] = parser.getDoubleValue();
                }
            }
            return new NumberArray(new Numbers(Arrays.copyOf(values, count),
                    ints == null ? null : Arrays.copyOf(ints, count), count));
        }
    }

    /**
     * Numbers as the nodes readTree made of them: an {@link IntNode} for a number written as an int, a
     * {@link DoubleNode} for one written with a fraction or exponent, made when asked for.
     */
    private static final class Numbers extends AbstractList<JsonNode> {
        final double[] values;
        private final boolean[] ints;
        private final int size;

        Numbers(double[] values, boolean[] ints, int size) {
            this.values = values;
            this.ints = ints;
            this.size = size;
        }

        @Override
        public JsonNode get(int index) {
            Objects.checkIndex(index, size);
            return ints != null && ints[index] ? IntNode.valueOf((int) values[index]) : DoubleNode.valueOf(values[index]);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** An array of numbers only, which {@link Reader#vector} takes as a double[] without a node per number. */
    private static final class NumberArray extends ArrayNode {
        private static final long serialVersionUID = 1L;
        final transient Numbers numbers;

        NumberArray(Numbers numbers) {
            super(Tree.NODES, numbers);
            this.numbers = numbers;
        }
    }

    /** Reads one tree, naming each field by its path for error messages. */
    private record Reader(String source) {
        Model model(JsonNode root) {
            if (!root.isObject()) {
                throw error("", "found " + describe(root) + "; expected a JSON object");
            }
            checkFields(root, TOP_FIELDS, "");
            JsonNode format = root.get("format");
            if (format == null) {
                throw error("format", "missing; expected \"" + FORMAT + "\"");
            }
            if (!format.isTextual() || !format.asText().equals(FORMAT)) {
                throw error("format", "found " + describe(format) + "; expected \"" + FORMAT + "\" (this version reads no other)");
            }
            int inputs = positiveInt(root, "inputs", "inputs");
            Loss loss = Loss.fromId(text(root, "loss", "loss"), "loss");
            JsonNode layersNode = root.get("layers");
            if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
                throw error("layers", (layersNode == null ? "missing" : "found " + describe(layersNode))
                        + "; expected an array of at least one layer");
            }
            NetworkSpec.Builder builder = NetworkSpec.builder(inputs).loss(loss);
            List<LayerParameters> values = new ArrayList<>();
            boolean firstHasWeights = layersNode.get(0).isObject() && layersNode.get(0).has("weights");
            int previousUnits = inputs;
            for (int l = 0; l < layersNode.size(); l++) {
                String path = "layers[" + l + "]";
                JsonNode node = layersNode.get(l);
                if (!node.isObject()) {
                    throw error(path, "found " + describe(node) + "; expected a layer object");
                }
                checkFields(node, LAYER_FIELDS, path + ".");
                int units = positiveInt(node, "units", path + ".units");
                Activation activation = Activation.fromId(text(node, "activation", path + ".activation"),
                        path + ".activation");
                boolean bias = bias(node, path + ".bias");
                builder.layer(new LayerSpec(units, activation, bias));
                if (node.has("weights") != firstHasWeights) {
                    throw error(path + ".weights", (firstHasWeights ? "missing" : "present")
                            + ", but layers[0] " + (firstHasWeights ? "has" : "has no")
                            + " weights; expected weights on every layer, or on none for a spec only");
                }
                if (!bias && node.has("biases")) {
                    throw error(path + ".biases", "present; expected none, since the layer has \"bias\": false");
                }
                if (firstHasWeights) {
                    double[][] weights = matrix(node.get("weights"), units, previousUnits, path + ".weights");
                    double[] biases = null;
                    if (bias) {
                        if (!node.has("biases")) {
                            throw error(path + ".biases", "missing; expected " + units
                                    + " numbers, one per unit, since the layer has \"bias\": true");
                        }
                        biases = vector(node.get("biases"), units, path + ".biases", "one per unit");
                    }
                    values.add(LayerParameters.of(weights, biases));
                } else if (node.has("biases")) {
                    throw error(path + ".biases", "present without weights; expected both, or neither for a spec only");
                }
                previousUnits = units;
            }
            NetworkSpec spec = builder.build();
            Optional<ClassLabels> classes = root.has("classes")
                    ? Optional.of(classes(root.get("classes"), spec.outputs())) : Optional.empty();
            Optional<Standardization> standardization = root.has("standardize")
                    ? Optional.of(standardization(root.get("standardize"), inputs)) : Optional.empty();
            Optional<SavedTraining> training = Optional.empty();
            if (root.has("training")) {
                if (!firstHasWeights) {
                    throw error("training", "present in a spec only; expected a training state only beside the"
                            + " weights it belongs to");
                }
                training = Optional.of(training(root.get("training"), spec));
            }
            return new Model(spec, firstHasWeights ? Optional.of(Parameters.of(values)) : Optional.empty(), classes,
                    standardization, training);
        }

        private SavedTraining training(JsonNode node, NetworkSpec spec) {
            if (!node.isObject()) {
                throw error("training", "found " + describe(node) + "; expected an object with the optimizer, its"
                        + " state and the counts");
            }
            checkFields(node, TRAINING_FIELDS, "training.");
            for (String field : List.of("optimizer", "learningRate", "iteration", "epoch", "state")) {
                if (!node.has(field)) {
                    throw error("training." + field, "missing; expected it in every training entry");
                }
            }
            Optimizer optimizer = optimizer(node.get("optimizer"));
            double learningRate = number(node.get("learningRate"), "training.learningRate");
            if (!(learningRate > 0)) {
                throw error("training.learningRate", "found " + learningRate + "; expected a positive number");
            }
            LearningRateSchedule schedule = LearningRateSchedule.FIXED;
            if (node.has("schedule")) {
                String text = text(node, "schedule", "training.schedule");
                try {
                    schedule = LearningRateSchedule.parse(text);
                } catch (TrainingException e) {
                    throw error("training.schedule", e.getMessage());
                }
            }
            Regularization regularization = node.has("regularization")
                    ? regularization(node.get("regularization")) : Regularization.NONE;
            long iteration = count(node.get("iteration"), "training.iteration", Long.MAX_VALUE);
            int epoch = (int) count(node.get("epoch"), "training.epoch", Integer.MAX_VALUE);
            JsonNode stateNode = node.get("state");
            if (!stateNode.isObject()) {
                throw error("training.state", "found " + describe(stateNode) + "; expected an object with "
                        + expectedStates(optimizer));
            }
            checkFields(stateNode, new java.util.HashSet<>(optimizer.stateNames()), "training.state.");
            List<Parameters> state = new ArrayList<>();
            for (String name : optimizer.stateNames()) {
                if (!stateNode.has(name)) {
                    throw error("training.state." + name, "missing; expected " + expectedStates(optimizer));
                }
                state.add(stateValues(stateNode.get(name), spec, "training.state." + name));
            }
            return new SavedTraining(new TrainingState(optimizer, iteration, epoch, state), learningRate, schedule,
                    regularization);
        }

        private static String expectedStates(Optimizer optimizer) {
            return optimizer.stateNames().isEmpty() ? "no state for " + optimizer.name()
                    : optimizer.name() + "'s " + String.join(" and ", optimizer.stateNames()) + ", each in the layers'"
                    + " shape";
        }

        private Optimizer optimizer(JsonNode node) {
            if (!node.isObject() || !node.has("name") || !node.get("name").isTextual()) {
                throw error("training.optimizer", "found " + describe(node) + "; expected an object with the \"name\""
                        + " of the optimizer and its hyperparameters");
            }
            java.util.Map<String, Double> hyperparameters = new java.util.LinkedHashMap<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("name")) {
                    hyperparameters.put(name, number(node.get(name), "training.optimizer." + name));
                }
            }
            try {
                return Optimizer.of(node.get("name").asText(), hyperparameters);
            } catch (TrainingException e) {
                throw error("training.optimizer", e.getMessage());
            }
        }

        private Regularization regularization(JsonNode node) {
            if (!node.isObject()) {
                throw error("training.regularization", "found " + describe(node) + "; expected an object with "
                        + String.join(", ", sorted(REGULARIZATION_FIELDS)));
            }
            checkFields(node, REGULARIZATION_FIELDS, "training.regularization.");
            boolean withLearningRate = true;
            JsonNode flag = node.get("weightDecayWithLearningRate");
            if (flag != null) {
                if (!flag.isBoolean()) {
                    throw error("training.regularization.weightDecayWithLearningRate", "found " + describe(flag)
                            + "; expected true or false");
                }
                withLearningRate = flag.asBoolean();
            }
            try {
                return new Regularization(coefficient(node, "l2"), coefficient(node, "l2Bias"),
                        coefficient(node, "weightDecay"), coefficient(node, "weightDecayBias"), withLearningRate);
            } catch (TrainingException e) {
                throw error("training.regularization", e.getMessage());
            }
        }

        private double coefficient(JsonNode node, String field) {
            return node.has(field) ? number(node.get(field), "training.regularization." + field) : 0;
        }

        private Parameters stateValues(JsonNode node, NetworkSpec spec, String path) {
            if (!node.isArray() || node.size() != spec.depth()) {
                throw error(path, "found " + describe(node) + "; expected " + spec.depth() + " layers, each {\"weights\""
                        + ": [...], \"biases\": [...]} in the shape of the network's");
            }
            List<LayerParameters> layers = new ArrayList<>();
            for (int l = 0; l < spec.depth(); l++) {
                String at = path + "[" + l + "]";
                JsonNode layer = node.get(l);
                if (!layer.isObject()) {
                    throw error(at, "found " + describe(layer) + "; expected {\"weights\": [...], \"biases\": [...]}");
                }
                checkFields(layer, STATE_LAYER_FIELDS, at + ".");
                int units = spec.layer(l).units();
                if (!layer.has("weights")) {
                    throw error(at + ".weights", "missing; expected " + units + " rows of " + spec.inputsOf(l)
                            + " numbers");
                }
                double[][] weights = matrix(layer.get("weights"), units, spec.inputsOf(l), at + ".weights");
                double[] biases = null;
                if (spec.layer(l).bias()) {
                    if (!layer.has("biases")) {
                        throw error(at + ".biases", "missing; expected " + units + " numbers, one per unit");
                    }
                    biases = vector(layer.get("biases"), units, at + ".biases", "one per unit");
                } else if (layer.has("biases")) {
                    throw error(at + ".biases", "present; expected none, since the layer has \"bias\": false");
                }
                layers.add(LayerParameters.of(weights, biases));
            }
            return Parameters.of(layers);
        }

        private double number(JsonNode node, String path) {
            if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
                throw error(path, (node == null ? "missing" : "found " + describe(node)) + "; expected a finite number");
            }
            return node.asDouble();
        }

        private long count(JsonNode node, String path, long largest) {
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0 || node.asLong() > largest) {
                throw error(path, "found " + describe(node) + "; expected a whole number from 0 to " + largest);
            }
            return node.asLong();
        }

        private ClassLabels classes(JsonNode node, int outputs) {
            String expected = "expected an array of " + ClassLabels.expectedFor(outputs) + ", as distinct strings";
            if (!node.isArray()) {
                throw error("classes", "found " + describe(node) + "; " + expected);
            }
            List<String> names = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            for (int k = 0; k < node.size(); k++) {
                JsonNode name = node.get(k);
                if (!name.isTextual() || name.asText().isEmpty()) {
                    throw error("classes[" + k + "]", "found " + describe(name) + "; expected a class name, a non-empty string");
                }
                if (!seen.add(name.asText())) {
                    throw error("classes[" + k + "]", "found " + describe(name) + " again; expected distinct class names");
                }
                names.add(name.asText());
            }
            ClassLabels classes;
            try {
                classes = ClassLabels.of(names);
            } catch (DataException e) {
                throw error("classes", e.getMessage() + "; " + expected);
            }
            if (!classes.fits(outputs)) {
                throw error("classes", "found " + describe(node) + " (" + classes + "); the network has " + outputs
                        + " output" + (outputs == 1 ? "" : "s") + "; " + expected);
            }
            return classes;
        }

        private Standardization standardization(JsonNode node, int inputs) {
            if (!node.isObject()) {
                throw error("standardize", "found " + describe(node) + "; expected an object {\"mean\": [...],"
                        + " \"std\": [...]} with one number each per input");
            }
            checkFields(node, STANDARDIZE_FIELDS, "standardize.");
            for (String field : List.of("mean", "std")) {
                if (!node.has(field)) {
                    throw error("standardize." + field, "missing; expected " + inputs + " numbers, one per input");
                }
            }
            double[] mean = vector(node.get("mean"), inputs, "standardize.mean", "one per input");
            double[] std = vector(node.get("std"), inputs, "standardize.std", "one per input");
            for (int k = 0; k < inputs; k++) {
                if (!(std[k] > 0)) {
                    throw error("standardize.std[" + k + "]", "found " + std[k]
                            + "; expected a standard deviation above 0");
                }
            }
            return Standardization.of(mean, std);
        }

        private void checkFields(JsonNode node, Set<String> allowed, String prefix) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(prefix + name, "unknown field; expected only " + String.join(", ", sorted(allowed)));
                }
            }
        }

        private static List<String> sorted(Set<String> names) {
            List<String> list = new ArrayList<>(names);
            list.sort(null);
            return list;
        }

        private int positiveInt(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            if (node == null) {
                throw error(path, "missing; expected a whole number, at least 1");
            }
            if (!node.canConvertToExactIntegral() || !node.isNumber() || !node.canConvertToInt() || node.asInt() < 1) {
                throw error(path, "found " + describe(node) + "; expected a whole number, at least 1");
            }
            return node.asInt();
        }

        private String text(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            if (node == null || !node.isTextual()) {
                throw error(path, (node == null ? "missing" : "found " + describe(node)) + "; expected a string");
            }
            return node.asText();
        }

        private boolean bias(JsonNode layer, String path) {
            JsonNode node = layer.get("bias");
            if (node == null) {
                return true;
            }
            if (!node.isBoolean()) {
                throw error(path, "found " + describe(node) + "; expected true or false");
            }
            return node.asBoolean();
        }

        private double[][] matrix(JsonNode node, int rows, int columns, String path) {
            if (!node.isArray() || node.size() != rows) {
                throw error(path, "found " + describe(node) + "; expected " + rows + " rows (one per unit) of "
                        + columns + " numbers (one per input)");
            }
            double[][] matrix = new double[rows][];
            for (int j = 0; j < rows; j++) {
                matrix[j] = vector(node.get(j), columns, path + "[" + j + "]", "one per input");
            }
            return matrix;
        }

        private double[] vector(JsonNode node, int length, String path, String meaning) {
            if (!node.isArray() || node.size() != length) {
                throw error(path, "found " + describe(node) + "; expected " + length + " numbers, " + meaning);
            }
            if (node instanceof NumberArray numbers) {
                double[] values = numbers.numbers.values;
                for (int k = 0; k < length; k++) {
                    if (!Double.isFinite(values[k])) {
                        throw error(path + "[" + k + "]", "found a number beyond the range of a double;"
                                + " expected a finite number");
                    }
                }
                return values.clone();
            }
            double[] values = new double[length];
            for (int k = 0; k < length; k++) {
                JsonNode value = node.get(k);
                if (!value.isNumber()) {
                    throw error(path + "[" + k + "]", "found " + describe(value) + "; expected a finite number");
                }
                if (!Double.isFinite(value.asDouble())) {
                    throw error(path + "[" + k + "]", "found a number beyond the range of a double;"
                            + " expected a finite number");
                }
                values[k] = value.asDouble();
            }
            return values;
        }

        private static String describe(JsonNode node) {
            if (node.isArray()) {
                return "an array of " + node.size();
            }
            if (node.isObject()) {
                return "an object";
            }
            return node.isTextual() ? Excerpt.quote(node.asText()) : Excerpt.line(node.toString());
        }

        private ModelFileException error(String path, String message) {
            return new ModelFileException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        }
    }
}
