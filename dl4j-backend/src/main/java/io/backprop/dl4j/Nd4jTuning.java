package io.backprop.dl4j;

import io.backprop.error.BackendException;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads and JavaCPP setting ND4J runs with, chosen by measurement on a 2-core machine and
 * applied in-process, so that a library user gets them without flags on the command line.
 *
 * <p>Threads: one, unless the user says otherwise. The MLP 784-256-10 training step at batch 64
 * took about 8 ms on one thread against 16 ms on ND4J's default of one per core, and far more
 * when other processes want the same cores (OpenMP and OpenBLAS threads wait for each other);
 * see the backend's README. The count is read from the system property {@value #THREADS_PROPERTY},
 * then the environment variable {@value #THREADS_VARIABLE}, then {@code OMP_NUM_THREADS}.
 *
 * <p>JavaCPP: {@value #PHYSICAL_BYTES_PROPERTY}{@code =0} unless the user set it, which stops JavaCPP
 * reading the process's resident size on every native allocation. JavaCPP reads it once, so it
 * takes effect only when ND4J is first loaded by this backend.
 */
final class Nd4jTuning {
    /** System property holding the number of threads ND4J and its BLAS may use. */
    static final String THREADS_PROPERTY = "backprop.dl4j.threads";
    /** Environment variable holding the same, read when the property is absent. */
    static final String THREADS_VARIABLE = "BACKPROP_DL4J_THREADS";
    static final String PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static final int DEFAULT_THREADS = 1;

    private Nd4jTuning() {
    }

    /** Turns JavaCPP's check of physical memory off, unless the user chose a limit; call before ND4J loads. */
    static void beforeLoading() {
        if (System.getProperty(PHYSICAL_BYTES_PROPERTY) == null) {
            System.setProperty(PHYSICAL_BYTES_PROPERTY, "0");
        }
    }

    /** Limits ND4J's own parallel loops and its BLAS to {@code threads}; call once ND4J has loaded. */
    static void apply(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The thread count the user chose, or one; {@code properties} and {@code environment} look names up. */
    static int threads(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String property = properties.apply(THREADS_PROPERTY);
        if (property != null) {
            return parse(property, "system property " + THREADS_PROPERTY);
        }
        String variable = environment.apply(THREADS_VARIABLE);
        if (variable != null) {
            return parse(variable, "environment variable " + THREADS_VARIABLE);
        }
        String omp = environment.apply("OMP_NUM_THREADS");
        if (omp != null) {
            return parse(omp, "environment variable OMP_NUM_THREADS");
        }
        return DEFAULT_THREADS;
    }

    private static int parse(String text, String where) {
        try {
            int threads = Integer.parseInt(text.strip());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below with the value found
        }
        throw new BackendException("dl4j: " + where + ": found \"" + text + "\"; expected a whole number of threads,"
                + " at least 1");
    }
}
