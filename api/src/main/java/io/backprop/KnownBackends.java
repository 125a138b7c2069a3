package io.backprop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The backends this project ships, for error messages: every one, so that a missing backend is never
 * left without the artifact to add, and with its provider class, so that a provider that failed to
 * load can be named as the backend asked for even though its {@code name()} could not be called.
 */
final class KnownBackends {
    /** One shipped backend: the name users choose it by, its Maven artifact and its provider class. */
    record Known(String name, String artifact, String provider) {
    }

    /** In the order messages list them. */
    static final List<Known> ALL = List.of(
            new Known("reference", "io.backprop:backprop-reference", "io.backprop.reference.ReferenceBackend"),
            new Known("reference-textbook", "io.backprop:backprop-reference",
                    "io.backprop.reference.textbook.TextbookBackend"),
            new Known("dl4j", "io.backprop:backprop-dl4j", "io.backprop.dl4j.Dl4jBackend"),
            new Known("pytorch", "io.backprop:backprop-pytorch", "io.backprop.pytorch.PytorchBackend"));

    private KnownBackends() {
    }

    /** The names of the shipped backends. */
    static List<String> names() {
        return ALL.stream().map(Known::name).toList();
    }

    /** Whether {@code name} is a shipped backend's, ignoring case as names are matched. */
    static boolean isKnown(String name) {
        return ALL.stream().anyMatch(known -> known.name().equalsIgnoreCase(name.trim()));
    }

    /** The name of the shipped backend whose provider class is {@code provider}, if it is one. */
    static Optional<String> nameOf(String provider) {
        return ALL.stream().filter(known -> known.provider().equals(provider)).map(Known::name).findFirst();
    }

    /**
     * "reference and reference-textbook are in io.backprop:backprop-reference, dl4j is in
     * io.backprop:backprop-dl4j, pytorch is in io.backprop:backprop-pytorch": the shipped backends
     * grouped by the artifact that provides them.
     */
    static String artifacts() {
        Map<String, List<String>> byArtifact = new LinkedHashMap<>();
        ALL.forEach(known -> byArtifact.computeIfAbsent(known.artifact(), a -> new ArrayList<>()).add(known.name()));
        return byArtifact.entrySet().stream()
                .map(e -> String.join(" and ", e.getValue()) + (e.getValue().size() == 1 ? " is in " : " are in ")
                        + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
