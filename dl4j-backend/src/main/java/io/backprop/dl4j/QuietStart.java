package io.backprop.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps ND4J's and DL4J's start-up lines out of a library user's output unless asked for, without
 * choosing a logging backend: a library depends on slf4j-api only and leaves the backend to the
 * application.
 *
 * <p>Where the noise comes from, and what is done about it, before ND4J first loads:
 * <ul>
 *   <li>ND4J logs its environment at INFO as it loads (backend, cores, memory, BLAS vendor, thread
 *       counts, a five-line build report): its own switch {@value #ND4J_LOG_INITIALIZATION} is set to
 *       false, for every logging backend;
 *   <li>two INFO lines remain, from {@code CpuNDArrayFactory} ("Binary level ... optimization level")
 *       and {@code MultiLayerNetwork} ("Starting MultiLayerNetwork with WorkspaceModes ..."): with
 *       slf4j-simple, configured by system properties, the loggers {@code org.nd4j} and
 *       {@code org.deeplearning4j} are set to warn; other backends are configured by the
 *       application's own file, where the README says what to set;
 *   <li>with no SLF4J provider at all, slf4j-api warns in three lines that it falls back to its
 *       no-operation logger: it is bound to that logger here with its internal reports at ERROR,
 *       so the fallback is silent, as it would be with a provider that discards everything.
 * </ul>
 *
 * <p>Asking for them: any of these settings made by the user is left as it is, and a level the
 * user gives any logger under {@code org.nd4j} or {@code org.deeplearning4j} (a system property or
 * simplelogger.properties) keeps that name's default too; {@code -Dorg.nd4j.log.initialization=true}
 * brings ND4J's report back with its loggers' level.
 */
final class QuietStart {
    /** ND4J's switch for its start-up report ({@code ND4JSystemProperties.LOG_INITIALIZATION}). */
    static final String ND4J_LOG_INITIALIZATION = "org.nd4j.log.initialization";
    /** slf4j-simple's prefix for a logger's level, as a system property or in simplelogger.properties. */
    static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.log.";
    static final String SIMPLE_LOGGER_FILE = "simplelogger.properties";
    /** The loggers DL4J's start-up lines come from, with everything under them. */
    static final List<String> DL4J_LOGGERS = List.of("org.nd4j", "org.deeplearning4j");
    /** slf4j-api's level for its own reports (2.x), read once, when it first reports. */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    /** slf4j-api's explicit choice of provider (2.x). */
    static final String SLF4J_PROVIDER = "slf4j.provider";

    private static boolean done;

    private QuietStart() {
    }

    /** Quiets the start-up; call before this backend first touches SLF4J or DL4J. Later calls do nothing. */
    static synchronized void beforeDl4j() {
        if (done) {
            return;
        }
        done = true;
        settings(System::getProperty, System.getProperties().stringPropertyNames(), simpleLoggerFileKeys())
                .forEach(System::setProperty);
        try {
            quietNoProvider();
        } catch (LinkageError e) {
            // slf4j-api 1.x, chosen by the application: it has no providers to look for, and says what it says
        }
    }

    /**
     * The system properties to set: ND4J's switch unless the user set it, and slf4j-simple's level for
     * each of {@link #DL4J_LOGGERS} that the user gave no level, neither to it nor to a logger under it.
     *
     * @param properties the system properties, by name
     * @param propertyNames the names of the system properties set
     * @param simpleLoggerFileKeys the keys of the simplelogger.properties on the class path, if any
     */
    static Map<String, String> settings(UnaryOperator<String> properties, Set<String> propertyNames,
            Set<String> simpleLoggerFileKeys) {
        Map<String, String> settings = new LinkedHashMap<>();
        String initialization = properties.apply(ND4J_LOG_INITIALIZATION);
        if (initialization == null) {
            settings.put(ND4J_LOG_INITIALIZATION, "false");
        }
        for (String logger : DL4J_LOGGERS) {
            boolean reportAskedFor = logger.equals("org.nd4j") && "true".equalsIgnoreCase(initialization);
            if (!reportAskedFor && !levelGiven(logger, propertyNames) && !levelGiven(logger, simpleLoggerFileKeys)) {
                settings.put(SIMPLE_LOGGER_LEVEL + logger, "warn");
            }
        }
        return settings;
    }

    private static boolean levelGiven(String logger, Set<String> keys) {
        String exact = SIMPLE_LOGGER_LEVEL + logger;
        return keys.stream().anyMatch(key -> key.equals(exact) || key.startsWith(exact + "."));
    }

    /** The keys of simplelogger.properties, found where slf4j-simple looks for it. */
    private static Set<String> simpleLoggerFileKeys() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Properties file = new Properties();
        try (InputStream in = context != null ? context.getResourceAsStream(SIMPLE_LOGGER_FILE)
                : ClassLoader.getSystemResourceAsStream(SIMPLE_LOGGER_FILE)) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable: slf4j-simple will not read it either, and sets no level from it
        }
        return file.stringPropertyNames();
    }

    /**
     * With no SLF4J provider on the class path, binds slf4j-api now to its no-operation logger with
     * its reports at ERROR, so its three warnings about the fallback are not printed; then puts the
     * verbosity property back as it was. Nothing is done when the user chose a provider or a
     * verbosity, when an SLF4J 1.x binding is present (its warnings say it is ignored, which the user
     * needs to know), or when SLF4J is already bound (it then reads nothing here).
     */
    private static void quietNoProvider() {
        if (System.getProperty(SLF4J_VERBOSITY) != null || System.getProperty(SLF4J_PROVIDER) != null) {
            return;
        }
        ClassLoader loader = LoggerFactory.class.getClassLoader();
        try {
            // A class literal and a ServiceLoader look-up initialise neither LoggerFactory nor a provider.
            if (ServiceLoader.load(SLF4JServiceProvider.class, loader).iterator().hasNext()
                    || loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null) {
                return;
            }
        } catch (ServiceConfigurationError e) {
            return; // a broken provider: SLF4J's own report of it is worth seeing
        }
        System.setProperty(SLF4J_VERBOSITY, "ERROR");
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            System.clearProperty(SLF4J_VERBOSITY);
        }
    }
}
