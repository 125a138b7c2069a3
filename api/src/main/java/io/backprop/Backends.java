package io.backprop;

import io.backprop.error.BackendException;
import io.backprop.error.SimilarNames;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the backends on the class path, by name, never by class-path order; {@link BackendChoice}
 * says which name the configuration chooses.
 */
public final class Backends {
    /** The backend used when none is chosen: the from-scratch one. */
    public static final String DEFAULT = "reference";

    /**
     * The Maven artifact that provides each backend this project ships, for error messages: every one,
     * so that a missing backend is never left without the artifact to add.
     */
    private static final Map<String, String> ARTIFACTS = new LinkedHashMap<>();

    static {
        ARTIFACTS.put("reference", "io.backprop:backprop-reference");
        ARTIFACTS.put("reference-textbook", "io.backprop:backprop-reference");
        ARTIFACTS.put("dl4j", "io.backprop:backprop-dl4j");
    }

    private Backends() {
    }

    /** The backend the configuration chooses (see {@link BackendChoice}), given an explicit name or null. */
    public static Backend select(String explicit) {
        return named(BackendChoice.resolve(explicit).name());
    }

    /**
     * Every backend {@link ServiceLoader} finds, sorted by name.
     *
     * @throws BackendException when a backend is declared but cannot be loaded
     */
    public static List<Backend> available() {
        List<Backend> found = new ArrayList<>();
        try {
            for (Backend backend : ServiceLoader.load(Backend.class)) {
                found.add(backend);
            }
        } catch (ServiceConfigurationError e) {
            throw new BackendException("a backend on the class path cannot be loaded: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Backend::name));
        return found;
    }

    /**
     * The backend called {@code name}, matched ignoring case ({@code DL4J} is {@code dl4j}), as the
     * command line matches its other names.
     *
     * @throws BackendException when none is, listing the backends found and suggesting the closest name
     */
    public static Backend named(String name) {
        return named(name, available());
    }

    /** The backend called {@code name} among {@code found}; see {@link #named(String)}. */
    static Backend named(String name, List<Backend> found) {
        for (Backend backend : found) {
            if (backend.name().equalsIgnoreCase(name)) {
                return backend;
            }
        }
        String names = found.isEmpty() ? "none" : found.stream().map(Backend::name).collect(Collectors.joining(", "));
        String known = knownArtifacts();
        throw new BackendException("backend \"" + name + "\" not found" + suggestion(name, found)
                + "; the backends found are: " + names + " (" + known + ")");
    }

    /**
     * "reference and reference-textbook are in io.backprop:backprop-reference, dl4j is in
     * io.backprop:backprop-dl4j": the known backends grouped by the artifact that provides them.
     */
    private static String knownArtifacts() {
        Map<String, List<String>> byArtifact = new LinkedHashMap<>();
        ARTIFACTS.forEach((backend, artifact) -> byArtifact.computeIfAbsent(artifact, a -> new ArrayList<>()).add(backend));
        return byArtifact.entrySet().stream()
                .map(e -> String.join(" and ", e.getValue()) + (e.getValue().size() == 1 ? " is in " : " are in ")
                        + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /**
     * " (did you mean dl4j?)" when a backend found, or one this project knows, has a name close to the
     * one given, else nothing. A known name given exactly gets no suggestion: it was meant, and the
     * message already says which artifact provides it ({@code reference} is not a slip for
     * {@code reference-textbook}).
     */
    private static String suggestion(String name, List<Backend> found) {
        if (ARTIFACTS.keySet().stream().anyMatch(known -> known.equalsIgnoreCase(name.trim()))) {
            return "";
        }
        Set<String> candidates = new LinkedHashSet<>();
        found.forEach(backend -> candidates.add(backend.name()));
        candidates.addAll(ARTIFACTS.keySet());
        candidates.removeIf(candidate -> candidate.equalsIgnoreCase(name.trim()));
        List<String> closest = SimilarNames.closest(name, candidates);
        return closest.isEmpty() ? "" : " (did you mean " + String.join(" or ", closest) + "?)";
    }

    /** A network of shape {@code spec} with {@code parameters}, on the backend called {@code name}. */
    public static Network create(String name, NetworkSpec spec, Parameters parameters) {
        return named(name).create(spec, parameters);
    }
}
