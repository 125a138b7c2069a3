package io.backprop.pytorch;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import io.backprop.error.BackendException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Starts PyTorch through DJL once, offline and with a deliberate number of threads, and turns a
 * failure to load its natives into a {@link BackendException} naming what to add.
 *
 * <p>Settings, each left as the user set it (a system property, or {@code -D} on the JVM):
 * <ul>
 *   <li>{@value #OFFLINE} = {@code true}: the natives come from the {@code pytorch-native-cpu} jar on
 *       the class path, so DJL must never download them; without the jar DJL then fails with an
 *       error instead of reaching for the network;</li>
 *   <li>{@value #THREADS} = 1 and {@value #INTEROP_THREADS} = 1: the networks this API trains step
 *       by step are small, where a second intra-op thread only adds a hand-over per operation, and
 *       with OpenMP's busy-waiting threads two threads made the MLP 784-256-10 step 24 times slower
 *       on a loaded 2-core machine (see the module's README for the figures and for when to raise
 *       it, with {@code OMP_WAIT_POLICY=PASSIVE}).</li>
 * </ul>
 */
final class LibTorch {
    /** DJL's switch that forbids downloads. */
    static final String OFFLINE = "ai.djl.offline";
    /** PyTorch's intra-op threads, read by DJL when the engine starts. */
    static final String THREADS = "ai.djl.pytorch.num_threads";
    /** PyTorch's inter-op threads, read by DJL when the engine starts. */
    static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    /** slf4j-simple's level for DJL's GPU probe. */
    static final String CUDA_PROBE_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda";
    /** A file inside pytorch-native-cpu's jar, there for every platform's classifier. */
    static final String NATIVE_JAR_MARKER = "native/lib/pytorch.properties";
    /** DJL's name for the engine. */
    static final String ENGINE = "PyTorch";

    private static volatile Engine engine;

    private LibTorch() {
    }

    /**
     * A new manager of native arrays on the CPU, the engine started first if need be.
     *
     * @throws BackendException when libtorch cannot be loaded
     */
    static NDManager newManager() {
        return engine().newBaseManager();
    }

    /** The engine, started on first use. */
    static Engine engine() {
        Engine started = engine;
        if (started != null) {
            return started;
        }
        synchronized (LibTorch.class) {
            if (engine == null) {
                engine = start();
            }
            return engine;
        }
    }

    private static Engine start() {
        setIfAbsent(OFFLINE, "true");
        setIfAbsent(THREADS, "1");
        setIfAbsent(INTEROP_THREADS, "1");
        // This backend computes on the CPU only, so DJL's probe for a GPU has nothing to say to the
        // user; where a CUDA runtime is installed without a matching driver it warns at every start.
        // Only slf4j-simple reads this property; another logging backend is configured by its own file.
        setIfAbsent(CUDA_PROBE_LEVEL, "error");
        announceUnpacking();
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new BackendException("pytorch: could not load libtorch (" + e.getMessage() + "); expected "
                    + "ai.djl.pytorch:pytorch-native-cpu with the classifier of this platform ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + ") on the class path, and a writable DJL cache (" + Utils.getEngineCacheDir() + ")", e);
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /**
     * Says on stderr, in one line, that libtorch is being unpacked: it takes about 12 s, once per
     * machine (per cache directory), and a silent first command would look hung.
     */
    private static void announceUnpacking() {
        Path cache = Utils.getEngineCacheDir("pytorch");
        // Without the native jar there is nothing to unpack, and start() reports the missing jar.
        if (LibTorch.class.getClassLoader().getResource(NATIVE_JAR_MARKER) != null && !holdsLibtorch(cache)) {
            System.err.println("pytorch: unpacking libtorch (about 430 MB) into " + cache
                    + ", once per machine; set DJL_CACHE_DIR to put it elsewhere");
        }
    }

    /** Whether some version of libtorch's CPU library is already unpacked under {@code cache}. */
    static boolean holdsLibtorch(Path cache) {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (Stream<Path> found = Files.find(cache, 2, (path, attributes) ->
                path.getFileName().toString().equals("libtorch_cpu.so") && attributes.isRegularFile())) {
            return found.findAny().isPresent();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
