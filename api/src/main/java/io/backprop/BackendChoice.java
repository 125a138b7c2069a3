package io.backprop;

import io.backprop.error.BackendException;
import io.backprop.error.Excerpt;
import io.backprop.error.IoFailure;
import io.backprop.error.SimilarNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which backend to use, and which rule chose it. One precedence, first match wins:
 *
 * <ol>
 *   <li>the explicit choice: {@code --backend}, or a name passed in code;
 *   <li>the system property {@value #PROPERTY};
 *   <li>the environment variable {@value #ENVIRONMENT};
 *   <li>{@code backend=...} in a {@value #FILE} file in the working directory, then on the class path;
 *   <li>the default, {@value Backends#DEFAULT}.
 * </ol>
 *
 * <p>Several backends on the class path is normal: the choice never depends on class-path order.
 *
 * <p>A {@value #FILE} that is read and holds a key other than those of {@link #KEYS} (a misspelt
 * {@code backnd=dl4j} would silently choose nothing) raises a warning naming the file, the key and the
 * known keys, through {@link Warnings}, each time it is read.
 *
 * @param name the backend's name
 * @param rule the rule that chose it, in words: {@value #EXPLICIT}, {@code "system property
 *     backprop.backend"}, {@code "environment variable BACKPROP_BACKEND"}, {@code "backprop.properties in
 *     the working directory (PATH)"}, {@code "backprop.properties on the class path (URL)"} or
 *     {@value #DEFAULT_RULE}; error messages say it ("it was chosen by ...")
 */
public record BackendChoice(String name, String rule) {
    /** The system property naming the backend. */
    public static final String PROPERTY = "backprop.backend";
    /** The environment variable naming the backend. */
    public static final String ENVIRONMENT = "BACKPROP_BACKEND";
    /** The properties file whose {@code backend} key names the backend. */
    public static final String FILE = "backprop.properties";
    /** The rule of a name given explicitly: {@code --backend}, or a name passed in code. */
    public static final String EXPLICIT = "explicit choice";
    /** The rule when nothing names a backend. */
    public static final String DEFAULT_RULE = "the default";
    /** The keys a {@value #FILE} may hold; any other is warned of, as a misspelt key would do nothing. */
    public static final List<String> KEYS = List.of("backend");

    /**
     * The choice this process's configuration makes, given an explicit name or null; {@value #FILE} is
     * looked for on the thread's context class loader.
     */
    public static BackendChoice resolve(String explicit) {
        return resolve(explicit, Thread.currentThread().getContextClassLoader());
    }

    /**
     * The choice this process's configuration makes, given an explicit name or null, with
     * {@value #FILE} looked for on {@code classLoader} (none when null) after the working directory.
     */
    public static BackendChoice resolve(String explicit, ClassLoader classLoader) {
        return resolve(explicit, System::getProperty, System::getenv, Path.of(""), classLoader);
    }

    /**
     * The choice the given sources make; each source is consulted only if the ones before it say nothing.
     *
     * @param workingDirectory where {@value #FILE} is looked for first
     * @param classLoader where it is looked for next
     * @throws BackendException when a {@value #FILE} cannot be read
     */
    public static BackendChoice resolve(String explicit, Function<String, String> systemProperties,
                                        Function<String, String> environment, Path workingDirectory,
                                        ClassLoader classLoader) {
        if (present(explicit)) {
            return new BackendChoice(explicit.trim(), EXPLICIT);
        }
        String property = systemProperties.apply(PROPERTY);
        if (present(property)) {
            return new BackendChoice(property.trim(), "system property " + PROPERTY);
        }
        String variable = environment.apply(ENVIRONMENT);
        if (present(variable)) {
            return new BackendChoice(variable.trim(), "environment variable " + ENVIRONMENT);
        }
        Path file = workingDirectory.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Optional<String> named = fromFile(file);
            if (named.isPresent()) {
                return new BackendChoice(named.get(), FILE + " in the working directory (" + file.toAbsolutePath() + ")");
            }
        }
        URL resource = classLoader == null ? null : onClassPath(classLoader);
        if (resource != null) {
            // Where it was found, as for the working directory's: which jar or directory to look in.
            String where = FILE + " on the class path (" + resource + ")";
            try (InputStream in = uncached(resource)) {
                Optional<String> named = backendKey(load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8),
                        where, where));
                if (named.isPresent()) {
                    return new BackendChoice(named.get(), where);
                }
            } catch (IOException e) {
                throw new BackendException(where + ": cannot be read (" + IoFailure.reason(e) + ")", e);
            }
        }
        return new BackendChoice(Backends.DEFAULT, DEFAULT_RULE);
    }

    /**
     * The first {@value #FILE} on the class path, or null; with several, a warning names them all,
     * since which one counts then depends on class-path order (as SLF4J warns of several providers).
     */
    private static URL onClassPath(ClassLoader classLoader) {
        List<URL> found;
        try {
            found = Collections.list(classLoader.getResources(FILE));
        } catch (IOException e) {
            return classLoader.getResource(FILE);
        }
        if (found.size() > 1) {
            Warnings.warn(found.size() + " " + FILE + " files on the class path: " + found.stream().map(URL::toString)
                    .collect(Collectors.joining(", ")) + "; the first is read (class-path order decides): keep one");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The resource's bytes, read without the JDK's cache of open jar files, as getResourceAsStream
     * reads them, so that reading the file does not keep its jar open.
     */
    private static InputStream uncached(URL resource) throws IOException {
        URLConnection connection = resource.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    /**
     * This choice with an explicit choice's rule worded as the caller's users made it, such as
     * {@code "--backend"} on the command line; a choice made by another rule is returned as it is. For
     * messages: "selected: dl4j, by --backend", "...; it was chosen by --backend".
     */
    public BackendChoice explicitly(String how) {
        return rule.equals(EXPLICIT) ? new BackendChoice(name, how) : this;
    }

    private static Optional<String> fromFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return backendKey(load(reader, file.toString(),
                    FILE + " in the working directory (" + file.toAbsolutePath() + ")"));
        } catch (IOException e) {
            throw new BackendException(file + ": cannot be read (" + IoFailure.reason(e) + ")", e);
        }
    }

    /**
     * The file's properties; a key that is not one of {@link #KEYS} is a warning (see {@link Warnings}),
     * one per reading of the file, naming each such key and the known ones.
     *
     * @param source the file, as a malformed file is refused naming it
     * @param described the file, as the warning names it
     */
    private static Properties load(Reader reader, String source, String described) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new BackendException(source + ": not a properties file (" + e.getMessage()
                    + "); expected lines such as backend=reference", e);
        }
        List<String> unknown = new TreeSet<>(properties.stringPropertyNames()).stream()
                .filter(key -> !KEYS.contains(key)).toList();
        if (!unknown.isEmpty()) {
            Warnings.warn(described + ": unknown key" + (unknown.size() == 1 ? " " : "s ")
                    + unknown.stream().map(key -> Excerpt.quote(key) + suggestion(key))
                            .collect(Collectors.joining(", "))
                    + ", which nothing reads; the known " + (KEYS.size() == 1 ? "key is " : "keys are ")
                    + String.join(", ", KEYS));
        }
        return properties;
    }

    /** " (did you mean backend?)" for a key close to a known one, such as {@code backnd} or {@code Backend}. */
    private static String suggestion(String key) {
        List<String> closest = SimilarNames.closest(key, KEYS);
        return closest.isEmpty() ? "" : " (did you mean " + String.join(" or ", closest) + "?)";
    }

    private static Optional<String> backendKey(Map<Object, Object> properties) {
        Object value = properties.get("backend");
        return value != null && present(value.toString()) ? Optional.of(value.toString().trim()) : Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
