package io.backprop.dl4j;

import static io.backprop.dl4j.Dl4jZip.CLASSES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.model.ClassLabels;
import io.backprop.error.Excerpt;
import io.backprop.spec.NetworkSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;

/**
 * {@code backprop/classes.json}: the names of the classes a model's outputs tell apart, an entry of
 * Backprop's own in the DL4J zip, since DL4J has no place for them. It is JSON,
 * {@code {"classes": ["M", "F"]}}, in the order of the model's {@code "classes"}; DL4J's
 * {@code ModelSerializer} reads only the entries it knows, so a plain DL4J user is not troubled by
 * it (and {@code ModelSerializer.addObjectToFile}, which would also do, stores a Java-serialized
 * object, which Backprop never reads).
 */
final class ClassesJson {
    /** 4 MiB, as for configuration.json: room for tens of thousands of long class names. */
    static final int MAX_BYTES = 4 << 20;
    private static final String FIELD = "classes";
    private static final String EXPECTED = "expected {\"classes\": [\"name\", ...]}";

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ClassesJson() {
    }

    /** The entry's bytes for {@code classes}: UTF-8 JSON. */
    static byte[] write(ClassLabels classes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode names = root.putArray(FIELD);
        classes.names().forEach(names::add);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The classes in {@code zip}'s backprop/classes.json, which must fit {@code spec}'s outputs.
     *
     * @throws io.backprop.error.ModelFileException naming the entry, what it holds and what was expected
     */
    static ClassLabels read(Dl4jZip zip, ZipEntry entry, NetworkSpec spec) {
        String text = zip.utf8(entry, MAX_BYTES, "4 MiB", "JSON, " + EXPECTED.substring("expected ".length()));
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw zip.error(CLASSES + place, "not valid JSON (" + Dl4jZip.summary(e.getOriginalMessage()) + "); "
                    + EXPECTED);
        }
        if (root == null || !root.isObject()) {
            throw zip.error(CLASSES, "found " + kind(root) + "; " + EXPECTED);
        }
        for (Iterator<String> fields = root.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals(FIELD)) {
                throw zip.error(CLASSES, Excerpt.quote(field) + ": unknown field; expected only \"" + FIELD + "\"");
            }
        }
        JsonNode array = root.get(FIELD);
        if (array == null || !array.isArray()) {
            throw zip.error(CLASSES, FIELD + ": found " + kind(array) + "; expected an array of class names");
        }
        int outputs = spec.outputs();
        int needed = outputs == 1 ? 2 : outputs;
        if (array.size() != needed) {
            throw zip.error(CLASSES, FIELD + ": found " + array.size() + " class" + (array.size() == 1 ? "" : "es")
                    + "; the network has " + outputs + " output" + (outputs == 1 ? "" : "s") + "; expected "
                    + ClassLabels.expectedFor(outputs));
        }
        // Checked here rather than by ClassLabels, so that the message quotes a name of any length on one line.
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < array.size(); k++) {
            JsonNode name = array.get(k);
            if (!name.isTextual() || name.asText().isEmpty()) {
                throw zip.error(CLASSES, FIELD + "[" + k + "]: found " + (name.isTextual() ? "\"\"" : kind(name))
                        + "; expected a class name");
            }
            if (!seen.add(name.asText())) {
                throw zip.error(CLASSES, FIELD + "[" + k + "]: found " + Excerpt.quote(name.asText())
                        + " a second time; expected distinct names");
            }
            names.add(name.asText());
        }
        return ClassLabels.of(names);
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return "a JSON " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
