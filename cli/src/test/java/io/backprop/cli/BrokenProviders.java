package io.backprop.cli;

import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Backend providers that are wrong, for the command's diagnostics, and a way to run the command with
 * them on the class path: a class loader over a services file listing them, made the thread's context
 * class loader, which discovery searches by default. None is listed in this module's own
 * {@code META-INF/services}.
 */
final class BrokenProviders {
    private BrokenProviders() {
    }

    /** As a backend whose native library is missing on this machine. */
    public static final class Broken implements Backend {
        public Broken() {
            throw new IllegalStateException("no native library for this machine");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String description() {
            return "never made";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            throw new UnsupportedOperationException();
        }
    }

    /** Two providers of one name. */
    abstract static class Twin implements Backend {
        @Override
        public String name() {
            return "twin";
        }

        @Override
        public String description() {
            return "one of two";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class FirstTwin extends Twin {
    }

    public static final class SecondTwin extends Twin {
    }

    /**
     * Runs {@code work} with {@code root} on the context class loader, after writing a services file
     * there listing {@code providers}.
     */
    static <T> T listed(Path root, Supplier<T> work, String... providers) {
        try {
            Path services = root.resolve("META-INF/services/" + Backend.class.getName());
            Files.createDirectories(services.getParent());
            Files.writeString(services, String.join("\n", providers) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return onClassPath(root, work);
    }

    /** Runs {@code work} with {@code root} on the context class loader. */
    static <T> T onClassPath(Path root, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(root)}, BrokenProviders.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static URL url(Path root) {
        try {
            return root.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
