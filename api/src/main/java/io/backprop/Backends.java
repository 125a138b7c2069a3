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

    /** The Maven artifacts that provide the backends this project knows, for error messages. */
    private static final Map<String, String> ARTIFACTS = new LinkedHashMap<>();

    static {
        ARTIFACTS.put("reference", "io.backprop:backprop-reference");
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
        String known = ARTIFACTS.entrySet().stream().map(e -> e.getKey() + " is in " + e.getValue())
                .collect(Collectors.joining(", "));
        throw new BackendException("backend \"" + name + "\" not found" + suggestion(name, found)
                + "; the backends found are: " + names + " (" + known + ")");
    }

    /**
     * " (did you mean dl4j?)" when a backend found, or one this project knows, has a name close to the
     * one given, else nothing. A known name given exactly is not suggested: the message already says
     * which artifact provides it.
     */
    private static String suggestion(String name, List<Backend> found) {
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
