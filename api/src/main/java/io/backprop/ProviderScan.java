package io.backprop;

import io.backprop.Discovery.Clash;
import io.backprop.Discovery.Failure;
import io.backprop.error.Excerpt;
import io.backprop.spi.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loads the backend providers one at a time, as SLF4J looks for its providers: a provider that cannot
 * be loaded, instantiated or named is recorded, by its class name and the reason, and the others are
 * still loaded; a name given by two providers is a clash, never settled by class-path order.
 *
 * <p>The loading is {@link ServiceLoader}'s own iterator, so that providers are found exactly as
 * {@code ServiceLoader} finds them. Its documented recovery after an error (the next call goes on with
 * the next provider) is what lets one bad provider leave the others usable.
 */
final class ProviderScan {
    private ProviderScan() {
    }

    /** Every provider {@code loader} lists, each tried on its own; null means the system class loader. */
    static Discovery scan(ClassLoader loader) {
        ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
        // The names as listed, in ServiceLoader's order: for naming a provider whose class cannot be
        // defined, since the JDK's NoClassDefFoundError then names only the class that is missing.
        List<String> listed = listed(from);
        Set<String> accounted = new HashSet<>();
        int next = 0;
        List<Failure> failures = new ArrayList<>();
        List<Backend> loaded = new ArrayList<>();
        Iterator<Backend> providers = ServiceLoader.load(Backend.class, from).iterator();
        String previousError = null;
        int errors = 0;
        while (true) {
            Backend backend;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                backend = providers.next();
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                String provider = culprit(e, listed, accounted, next, from);
                if (!provider.equals(Discovery.SERVICES_FILE)) {
                    accounted.add(provider);
                    next = Math.max(next, listed.indexOf(provider) + 1);
                }
                String error = provider + " " + e;
                // An error that does not move the iterator on (a class loader that cannot list its
                // resources) comes back on every call: once is enough.
                if (error.equals(previousError) || ++errors > listed.size() + 100) {
                    break;
                }
                previousError = error;
                failures.add(new Failure(provider, reason(e), e));
                continue;
            }
            String type = backend.getClass().getName();
            accounted.add(type);
            next = Math.max(next, listed.indexOf(type) + 1);
            previousError = null;
            loaded.add(backend);
        }
        return named(loaded, failures);
    }

    /** Sorts the loaded backends by name, setting apart those whose name cannot be had and the clashes. */
    private static Discovery named(List<Backend> loaded, List<Failure> failures) {
        Map<String, List<Backend>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Backend backend : loaded) {
            String type = backend.getClass().getName();
            String name;
            try {
                name = backend.name();
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(type, "its name() failed: " + describe(e), e));
                continue;
            }
            if (name == null || name.isBlank()) {
                failures.add(new Failure(type, "its name() is " + (name == null ? "null" : "blank"), null));
                continue;
            }
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(backend);
        }
        List<Backend> backends = new ArrayList<>();
        List<Clash> clashes = new ArrayList<>();
        byName.forEach((name, group) -> {
            if (group.size() == 1) {
                backends.add(group.get(0));
            } else {
                clashes.add(new Clash(group.get(0).name(),
                        group.stream().map(b -> b.getClass().getName()).sorted().toList()));
            }
        });
        backends.sort(Comparator.comparing(Backend::name));
        return new Discovery(backends, failures, clashes);
    }

    /**
     * The provider {@code error} is about: the listed name it quotes (a {@link ServiceConfigurationError}
     * names its class); for a class that cannot be defined, the next listed class that fails to load the
     * same way (ServiceLoader goes through them in order); else the services file.
     */
    private static String culprit(Throwable error, List<String> listed, Set<String> accounted, int next,
                                  ClassLoader loader) {
        String message = String.valueOf(error.getMessage());
        for (String name : listed) {
            if (!accounted.contains(name)
                    && Pattern.compile("(?<![\\p{L}\\p{N}_$.])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_$.])")
                    .matcher(message).find()) {
                return name;
            }
        }
        if (error instanceof LinkageError) {
            for (int k = next; k < listed.size(); k++) {
                String name = listed.get(k);
                if (!accounted.contains(name) && failsToLoadAs(name, error, loader)) {
                    return name;
                }
            }
        }
        return Discovery.SERVICES_FILE;
    }

    /** Whether loading {@code name} again throws an error of the same class and message as {@code error}. */
    private static boolean failsToLoadAs(String name, Throwable error, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        } catch (LinkageError e) {
            return e.getClass() == error.getClass() && Objects.equals(e.getMessage(), error.getMessage());
        }
    }

    /** Why the provider could not be used, in words, from what ServiceLoader threw. */
    static String reason(Throwable error) {
        if (!(error instanceof ServiceConfigurationError)) {
            return "its class cannot be loaded: " + describe(error);
        }
        String message = String.valueOf(error.getMessage());
        String prefix = Backend.class.getName() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        Throwable cause = error.getCause();
        if (message.contains("could not be instantiated") && cause != null) {
            return "its constructor failed: " + describe(cause);
        }
        if (message.endsWith(" not found") && cause == null) {
            return "its class is not on the class path";
        }
        if (message.endsWith(" not a subtype")) {
            return "its class does not implement " + Backend.class.getName();
        }
        if (message.contains("no-arg constructor")) {
            return cause instanceof LinkageError ? "its class cannot be loaded: " + describe(cause)
                    : "its class has no public constructor without arguments";
        }
        return Excerpt.line(message) + (cause == null ? "" : ": " + describe(cause));
    }

    /** The error's class and message, on one line; a class missing from the class path said so. */
    static String describe(Throwable error) {
        if (error instanceof ExceptionInInitializerError && error.getCause() != null) {
            return "its static initializer threw " + describe(error.getCause());
        }
        String text = Excerpt.line(error.toString());
        if (error instanceof NoClassDefFoundError && error.getMessage() != null
                && !error.getMessage().startsWith("Could not initialize class")) {
            return text + " (a class it needs is missing from the class path)";
        }
        return text;
    }

    /**
     * The provider names the services files list, as {@link ServiceLoader} reads them: every file
     * {@code loader} finds, in order, a name once; {@code #} starts a comment; a file stops at its
     * first malformed line, as ServiceLoader gives up on the rest of it. A file that cannot be read
     * lists nothing here; ServiceLoader then reports it.
     */
    private static List<String> listed(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<URL> files;
        try {
            files = loader.getResources(Discovery.SERVICES_FILE);
        } catch (IOException e) {
            return List.of();
        }
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try {
                URLConnection connection = file.openConnection();
                // As ServiceLoader does: no cached jar, which would keep the file open.
                connection.setUseCaches(false);
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        int comment = line.indexOf('#');
                        String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                        if (name.isEmpty()) {
                            continue;
                        }
                        if (!isClassName(name)) {
                            break;
                        }
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                // ServiceLoader reads the same file and reports it.
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean isClassName(String name) {
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(c -> c == '.' || Character.isJavaIdentifierPart(c));
    }
}
