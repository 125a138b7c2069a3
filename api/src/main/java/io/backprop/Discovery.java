package io.backprop;

import io.backprop.error.BackendException;
import io.backprop.error.SimilarNames;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What looking for backends found: the backends that can be used, and what kept the others from
 * being used, each named, so that one broken provider on the class path is reported instead of hiding
 * the rest or failing everything.
 *
 * <p>{@link Backends#discover()} makes one; it raises no warning, since its caller holds the problems.
 *
 * @param backends the backends that loaded and whose names are unique ignoring case, sorted by name
 * @param failures the providers that could not be loaded, instantiated or named, in the order found
 * @param clashes the names more than one provider gave; none of those providers is in {@code backends}
 */
public record Discovery(List<Backend> backends, List<Failure> failures, List<Clash> clashes) {
    /** The file a provider is listed in, which {@link java.util.ServiceLoader} reads. */
    public static final String SERVICES_FILE = "META-INF/services/io.backprop.spi.Backend";

    /** Copies the lists, so that a discovery does not change under its reader. */
    public Discovery {
        backends = List.copyOf(backends);
        failures = List.copyOf(failures);
        clashes = List.copyOf(clashes);
    }

    /**
     * A provider that could not be used.
     *
     * @param provider its class name as listed in {@value Discovery#SERVICES_FILE}, or that file's name when
     *     the error names no class
     * @param reason why, in words, such as {@code "its constructor failed: java.lang.IllegalStateException: no GPU"}
     * @param cause the error thrown, or null when there was none (a blank name, say)
     */
    public record Failure(String provider, String reason, Throwable cause) {
        /** Requires a provider and a reason. */
        public Failure {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * One line: {@code backend provider io.backprop.dl4j.Dl4jBackend (dl4j) failed to load: ...},
         * with the backend's name when this project ships it.
         */
        public String describe() {
            String who = provider.equals(SERVICES_FILE) ? "a backend provider listed in " + SERVICES_FILE
                    : "backend provider " + provider + KnownBackends.nameOf(provider).map(n -> " (" + n + ")").orElse("");
            return who + " failed to load: " + reason;
        }
    }

    /**
     * A name given by more than one provider. None of them is used: which one would win depends on the
     * order of the class path, and the choice of a backend never does.
     *
     * @param name the name, as the first of them gives it
     * @param providers their class names, sorted
     */
    public record Clash(String name, List<String> providers) {
        /** Copies the list. */
        public Clash {
            Objects.requireNonNull(name, "name");
            providers = List.copyOf(providers);
        }

        /** One line naming the name and every class that gives it, and what to do. */
        public String describe() {
            String classes = providers.size() == 2 ? providers.get(0) + " and " + providers.get(1)
                    : String.join(", ", providers.subList(0, providers.size() - 1)) + " and "
                            + providers.get(providers.size() - 1);
            return "backend providers " + classes + (providers.size() == 2 ? " are both" : " are all") + " named \""
                    + name + "\" (names match ignoring case): none of them is used, since the choice of a backend"
                    + " never depends on class-path order; keep one of them on the class path";
        }
    }

    /** Every failure and clash, one line each, failures first: what the warnings say. */
    public List<String> problems() {
        List<String> lines = new ArrayList<>();
        failures.forEach(failure -> lines.add(failure.describe()));
        clashes.forEach(clash -> lines.add(clash.describe()));
        return lines;
    }

    /**
     * The backend called {@code name}, matched ignoring case ({@code DL4J} is {@code dl4j}).
     *
     * @throws BackendException when none is usable: naming the clash when several providers give that
     *     name; else listing the backends found, the closest name, the artifact of each shipped backend,
     *     and the providers that failed to load, first the one known to provide {@code name} if it is
     *     among them
     */
    public Backend named(String name) {
        return find(name, null);
    }

    /**
     * The backend {@code choice} names, as {@link #named} finds it; when it is not usable the message
     * ends with the rule that chose the name ({@code "; it was chosen by environment variable
     * BACKPROP_BACKEND"}), so that a wrong name can be traced to where it was set.
     *
     * @throws BackendException as {@link #named} does
     */
    public Backend chosen(BackendChoice choice) {
        return find(choice.name(), choice.rule());
    }

    private Backend find(String name, String rule) {
        for (Backend backend : backends) {
            if (backend.name().equalsIgnoreCase(name)) {
                return backend;
            }
        }
        String chosenBy = rule == null ? "" : "; it was chosen by " + rule;
        String asked = "backend \"" + name + "\"";
        for (Clash clash : clashes) {
            if (clash.name().equalsIgnoreCase(name)) {
                throw new BackendException(asked + " cannot be used: " + clash.describe() + chosenBy);
            }
        }
        List<Failure> its = new ArrayList<>();
        List<Failure> others = new ArrayList<>();
        for (Failure failure : failures) {
            boolean providesIt = KnownBackends.nameOf(failure.provider()).filter(name::equalsIgnoreCase).isPresent();
            (providesIt ? its : others).add(failure);
        }
        StringBuilder message = new StringBuilder(asked).append(" not found");
        if (its.isEmpty()) {
            message.append(suggestion(name));
        } else {
            message.append(": ").append(its.stream().map(Failure::describe).collect(Collectors.joining("; ")));
        }
        message.append("; the backends found are: ")
                .append(backends.isEmpty() ? "none" : backends.stream().map(Backend::name).collect(Collectors.joining(", ")))
                .append(" (").append(KnownBackends.artifacts()).append(")");
        if (!others.isEmpty()) {
            // A provider this project does not ship cannot be told to provide this name: its name() was never
            // called. It may be the one asked for, so it is named.
            message.append(its.isEmpty() ? "; it may be one of the providers that failed to load: "
                    : "; other providers that failed to load: ")
                    .append(others.stream().map(f -> f.provider() + " (" + f.reason() + ")")
                            .collect(Collectors.joining("; ")));
        }
        clashes.forEach(clash -> message.append("; ").append(clash.describe()));
        message.append(chosenBy);
        Throwable cause = its.isEmpty() ? null : its.get(0).cause();
        throw cause == null ? new BackendException(message.toString()) : new BackendException(message.toString(), cause);
    }

    /**
     * " (did you mean dl4j?)" when a backend found, or one this project ships, has a name close to the
     * one given, else nothing. A shipped name given exactly gets no suggestion: it was meant, and the
     * message already says which artifact provides it ({@code reference} is not a slip for
     * {@code reference-textbook}).
     */
    private String suggestion(String name) {
        if (KnownBackends.isKnown(name)) {
            return "";
        }
        Set<String> candidates = new LinkedHashSet<>();
        backends.forEach(backend -> candidates.add(backend.name()));
        candidates.addAll(KnownBackends.names());
        candidates.removeIf(candidate -> candidate.equalsIgnoreCase(name.trim()));
        List<String> closest = SimilarNames.closest(name, candidates);
        return closest.isEmpty() ? "" : " (did you mean " + String.join(" or ", closest) + "?)";
    }
}
