package io.backprop.dl4j;

import io.backprop.error.Excerpt;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The classes a DL4J configuration may name. DL4J's JSON names the class of every layer, activation,
 * loss, updater, weight initialisation and so on, and its Jackson loads whatever class is named
 * (running its static initialiser) before checking that it fits. So before DL4J sees the text, every
 * place where its Jackson would take a class name must name a class of DL4J, ND4J or this backend.
 *
 * <p>Those places are: the {@code "@class"} property (every polymorphic type of DL4J and ND4J but
 * one), the {@code "type"} property ({@code Distribution}), and the first element of an array, since
 * Jackson also reads a polymorphic value written as {@code ["class.Name", {...}]}. Property names are
 * compared ignoring case, in case a mapper accepts them so.
 */
final class ClassAllowlist {
    /** The packages a configuration may name classes from. */
    static final List<String> PACKAGES = List.of("org.deeplearning4j.", "org.nd4j.", "io.backprop.dl4j.");
    /** Third-party libraries ND4J carries under its own name (its Jackson, Guava, Protobuf): never named by a configuration. */
    static final String SHADED = "org.nd4j.shade.";

    private static final String EXPECTED = "a class in org.deeplearning4j.*, org.nd4j.* (not org.nd4j.shade.*)"
            + " or io.backprop.dl4j.*";

    /**
     * A binary class name and nothing else: no generic parameters ({@code List<evil.Gadget>} would load
     * its parameters too), no array descriptors.
     */
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");

    private ClassAllowlist() {
    }

    /** Whether {@code name} names a class the configuration may use. */
    static boolean allowed(String name) {
        return CLASS_NAME.matcher(name).matches() && !name.startsWith(SHADED)
                && PACKAGES.stream().anyMatch(name::startsWith);
    }

    /**
     * The first place in {@code root} that names a class outside {@link #PACKAGES}, as
     * {@code "path: found …; expected …"}, or empty when there is none.
     */
    static Optional<String> firstRefused(JsonNode root) {
        return new Walk().visit(root);
    }

    private static boolean isTypeIdProperty(String name) {
        return name.equalsIgnoreCase("@class") || name.equalsIgnoreCase("type");
    }

    /** A depth-first walk that keeps the path to the current node, to name it. */
    private static final class Walk {
        private final Deque<String> path = new ArrayDeque<>();

        Optional<String> visit(JsonNode node) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    path.addLast((path.isEmpty() ? "" : ".") + field.getKey());
                    Optional<String> refused = isTypeIdProperty(field.getKey())
                            ? check(field.getValue(), true) : Optional.empty();
                    if (refused.isEmpty()) {
                        refused = visit(field.getValue());
                    }
                    path.removeLast();
                    if (refused.isPresent()) {
                        return refused;
                    }
                }
            } else if (node.isArray()) {
                for (int k = 0; k < node.size(); k++) {
                    path.addLast("[" + k + "]");
                    // Jackson takes a name without a package from the default package, where libraries
                    // put no classes: so a layer's parameter names, ["W", "b"], are left alone.
                    Optional<String> refused = k == 0 && node.get(0).isTextual() && node.get(0).asText().contains(".")
                            ? check(node.get(0), false) : Optional.empty();
                    if (refused.isEmpty()) {
                        refused = visit(node.get(k));
                    }
                    path.removeLast();
                    if (refused.isPresent()) {
                        return refused;
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<String> check(JsonNode value, boolean property) {
            if (value.isTextual() && allowed(value.asText())) {
                return Optional.empty();
            }
            String found = value.isTextual() ? Excerpt.quote(value.asText())
                    : value.getNodeType().toString().toLowerCase(Locale.ROOT);
            return Optional.of(String.join("", path) + ": found " + found
                    + (property ? "" : " where DL4J may read a class name") + "; expected " + EXPECTED);
        }
    }
}
