package io.backprop.dl4j;

import io.backprop.error.BackendException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J once, in float64 and with {@link Nd4jTuning}'s threads and JavaCPP setting, its
 * start-up lines kept quiet ({@link QuietStart}), and turns a failure to load its native library into
 * a {@link BackendException} that says which platform was tried and what to add.
 *
 * <p>No logger is held in a static field: SLF4J must not be touched before {@link QuietStart} has run.
 */
final class Nd4jRuntime {
    private static volatile boolean started;

    private Nd4jRuntime() {
    }

    /**
     * Loads ND4J's natives if need be, makes float64 the default for arrays and networks and sets
     * the number of threads.
     *
     * @throws BackendException when the natives cannot load or the thread count set by the user is not a number
     */
    static void start() {
        if (started) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (started) {
                return;
            }
            QuietStart.beforeDl4j();
            int threads = Nd4jTuning.threads(System::getProperty, System::getenv);
            Nd4jTuning.beforeLoading();
            try {
                Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
                DataType type = Nd4j.create(new double[] {0.0}).dataType();
                if (type != DataType.DOUBLE) {
                    throw new BackendException("dl4j: ND4J creates " + type + " arrays after asking for DOUBLE;"
                            + " expected float64");
                }
                Nd4jTuning.apply(threads);
            } catch (LinkageError | RuntimeException e) {
                if (e instanceof BackendException backendException) {
                    throw backendException;
                }
                throw nativesMissing(e);
            }
            LoggerFactory.getLogger(Nd4jRuntime.class).debug("ND4J started on {} in float64 with {} thread(s)",
                    Nd4j.getBackend().getClass().getSimpleName(), threads);
            started = true;
        }
    }

    static BackendException nativesMissing(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new BackendException("dl4j: ND4J's native library could not be loaded for platform " + platform()
                + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + "); expected"
                + " org.nd4j:nd4j-native-platform on the class path with natives for this platform (build with"
                + " -Djavacpp.platform=" + platform() + "), or choose the reference backend", e);
    }

    /** The JavaCPP platform name of this machine, such as {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : os.startsWith("linux")
                ? "linux" : os;
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osName + "-" + archName;
    }
}
