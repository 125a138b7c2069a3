package io.backprop.dl4j;

import static io.backprop.dl4j.Dl4jZip.CONFIGURATION;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * {@code configuration.json}, read as DL4J would but only after it is known to be safe to give
 * DL4J: at most {@value #MAX_BYTES} bytes of UTF-8, one JSON object nested at most
 * {@value #MAX_DEPTH} deep, no field twice, the configuration of a {@code MultiLayerNetwork}, and
 * naming only classes {@link ClassAllowlist} allows.
 */
final class ConfigurationJson {
    /** 4 MiB: the configuration of a network of dense layers takes about 1.5 KB a layer. */
    static final int MAX_BYTES = 4 << 20;
    /** DL4J's own configurations nest about 6 deep; its Jackson has no limit of its own and would overflow the stack. */
    static final int MAX_DEPTH = 64;

    /**
     * Strict where DL4J's Jackson is lenient: with a field given twice, the walk would see one value
     * and DL4J's Jackson might take the other as the type id.
     */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigurationJson() {
    }

    /**
     * DL4J's configuration from {@code zip}'s configuration.json.
     *
     * @throws io.backprop.error.ModelFileException naming the entry, and the JSON path where one is to blame
     */
    static MultiLayerConfiguration read(Dl4jZip zip) {
        String text = text(zip);
        JsonNode root = tree(zip, text);
        if (!root.isObject()) {
            throw zip.error(CONFIGURATION, "found " + (root.isMissingNode() ? "no JSON" : "a JSON "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT)) + "; expected a JSON object, DL4J's"
                    + " MultiLayerConfiguration");
        }
        for (String field : new String[] {"vertices", "networkInputs"}) {
            if (root.has(field)) {
                throw zip.error(CONFIGURATION, "a ComputationGraph configuration (it has \"" + field + "\"); expected"
                        + " a MultiLayerNetwork: Backprop imports dense layers followed by one output layer");
            }
        }
        ClassAllowlist.firstRefused(root).ifPresent(refused -> {
            throw zip.error(CONFIGURATION + ": " + refused);
        });
        Nd4jRuntime.start();
        try {
            return MultiLayerConfiguration.fromJson(text);
        } catch (RuntimeException | LinkageError e) {
            throw zip.error(CONFIGURATION, "not a DL4J MultiLayerConfiguration (" + rootReason(e)
                    + "); expected the configuration ModelSerializer writes for a MultiLayerNetwork");
        }
    }

    /** The entry as text, inflating no more than {@value #MAX_BYTES} bytes and one. */
    private static String text(Dl4jZip zip) {
        return zip.utf8(zip.configuration(), MAX_BYTES, "4 MiB", "the JSON ModelSerializer writes");
    }

    private static JsonNode tree(Dl4jZip zip, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw zip.error(CONFIGURATION + place, "not valid JSON (" + Dl4jZip.summary(e.getOriginalMessage())
                    + "); expected the JSON object ModelSerializer writes");
        }
    }

    /** The message of the innermost cause that has one: DL4J wraps Jackson's in two of its own. */
    private static String rootReason(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return Dl4jZip.summary(message);
    }
}
