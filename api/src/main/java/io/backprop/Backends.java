package io.backprop;

import io.backprop.error.BackendException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the backends on the class path, by name, never by class-path order; {@link BackendChoice}
 * says which name the configuration chooses.
 *
 * <p>Each provider is tried on its own: one that cannot be loaded (its class or a class it needs is
 * missing, its constructor throws) is named with the reason, and the others still work. Two providers
 * that give one name (ignoring case) are a clash: neither is used, and asking for that name says so.
 * {@link #discover()} returns all of that; the other methods use the backends that work and raise a
 * warning for each problem (see {@link Warnings}), or, when the backend asked for is not usable, put
 * the problems in the error.
 *
 * <p>Providers are looked for with a class loader: by default the thread's context class loader, as
 * {@link ServiceLoader#load(Class)} does; every method has an overload that takes one, for
 * applications whose backends are in a plugin's class loader.
 */
public final class Backends {
    /** The backend used when none is chosen: the from-scratch one. */
    public static final String DEFAULT = "reference";

    private Backends() {
    }

    /** The thread's context class loader, which {@link ServiceLoader#load(Class)} searches. */
    private static ClassLoader contextLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    /**
     * What the thread's context class loader provides: the backends that work, and each provider that
     * failed and each name given twice. Raises no warning: the caller holds the problems.
     */
    public static Discovery discover() {
        return discover(contextLoader());
    }

    /**
     * What {@code loader} provides; see {@link #discover()}.
     *
     * @param loader where the providers and their {@code META-INF/services} files are looked for; null
     *     means the system class loader, as for {@link ServiceLoader#load(Class, ClassLoader)}
     */
    public static Discovery discover(ClassLoader loader) {
        return ProviderScan.scan(loader);
    }

    /**
     * The backend the configuration chooses (see {@link BackendChoice}), given an explicit name or null.
     *
     * @throws BackendException as {@link #named(String)} does, the message ending with the rule that
     *     chose the name ("...; it was chosen by system property backprop.backend")
     */
    public static Backend select(String explicit) {
        return select(explicit, contextLoader());
    }

    /**
     * The backend the configuration chooses among those {@code loader} provides, given an explicit
     * name or null; a {@value BackendChoice#FILE} is looked for on {@code loader} too.
     */
    public static Backend select(String explicit, ClassLoader loader) {
        ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
        return chosen(BackendChoice.resolve(explicit, from), from);
    }

    /**
     * The backend {@code choice} names, for a caller that resolved the choice itself (to show it, say).
     * As {@link #named(String)}, but a backend not found is refused saying which rule chose the name
     * ("...; it was chosen by environment variable BACKPROP_BACKEND"), as {@link #select} does.
     */
    public static Backend chosen(BackendChoice choice) {
        return chosen(choice, contextLoader());
    }

    /** The backend {@code choice} names among those {@code loader} provides; see {@link #chosen(BackendChoice)}. */
    public static Backend chosen(BackendChoice choice, ClassLoader loader) {
        Discovery discovery = discover(loader);
        Backend backend = discovery.chosen(choice);
        discovery.problems().forEach(Warnings::warn);
        return backend;
    }

    /**
     * Every backend that works, sorted by name; each provider that failed to load, and each name
     * given by two providers, is a warning instead.
     */
    public static List<Backend> available() {
        return available(contextLoader());
    }

    /** Every backend that works among those {@code loader} provides; see {@link #available()}. */
    public static List<Backend> available(ClassLoader loader) {
        Discovery discovery = discover(loader);
        discovery.problems().forEach(Warnings::warn);
        return discovery.backends();
    }

    /**
     * The backend called {@code name}, matched ignoring case ({@code DL4J} is {@code dl4j}), as the
     * command line matches its other names. The providers that failed to load, and the names given
     * twice, are warnings when it is found.
     *
     * @throws BackendException when none is usable: listing the backends found, the closest name,
     *     the artifact of each backend this project ships and every provider that failed to load, first
     *     the one that provides {@code name} if it is known; or naming the classes that give it when
     *     several do
     */
    public static Backend named(String name) {
        return named(name, contextLoader());
    }

    /** The backend called {@code name} among those {@code loader} provides; see {@link #named(String)}. */
    public static Backend named(String name, ClassLoader loader) {
        Discovery discovery = discover(loader);
        // Not found: the error holds every problem, so none is warned of as well.
        Backend backend = discovery.named(name);
        discovery.problems().forEach(Warnings::warn);
        return backend;
    }

    /** The backend called {@code name} among {@code found}; see {@link #named(String)}. */
    static Backend named(String name, List<Backend> found) {
        return new Discovery(found, List.of(), List.of()).named(name);
    }

    /** A network of shape {@code spec} with {@code parameters}, on the backend called {@code name}. */
    public static Network create(String name, NetworkSpec spec, Parameters parameters) {
        return named(name).create(spec, parameters);
    }
}
