package io.backprop.reference.kernels;

import io.backprop.error.BackendException;
import java.util.Locale;

/**
 * Which {@link LayerProducts} the reference backend uses, chosen once per JVM.
 *
 * <p>By default ({@value #AUTO}) the Vector API kernels of {@link VectorMatrixKernels} when the
 * module {@value #VECTOR_MODULE} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the {@code backprop} launcher does on JDK 25 and
 * later) and the JDK is 25 or later: the versions where they were measured faster. On JDK 17 the
 * Vector API's {@code fma} is not compiled to vector instructions and the plain kernels of
 * {@link MatrixKernels} are faster, so they are the choice there and the fallback everywhere. The
 * system property {@value #PROPERTY} = {@value #AUTO} | {@value #PLAIN} | {@value #VECTOR} forces a
 * choice; it is read once, when this class is first used.
 *
 * <p>The Vector API class is loaded only when chosen, so a JVM without the module never needs it.
 */
public final class KernelChoice {
    /** The system property that forces a choice. */
    public static final String PROPERTY = "backprop.reference.kernels";
    /** The property's default: vector kernels where they are faster, else plain. */
    public static final String AUTO = "auto";
    /** The property's value for the plain kernels of {@link MatrixKernels}. */
    public static final String PLAIN = "plain";
    /** The property's value for the Vector API kernels of {@link VectorMatrixKernels}. */
    public static final String VECTOR = "vector";
    /** The incubator module the vector kernels need. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The first JDK whose compiler turns the Vector API's fused multiply-add into vector instructions here. */
    static final int FIRST_FAST_FEATURE = 25;

    // Either the products or the reason there are none; a static initializer must not throw, or the
    // user would see an ExceptionInInitializerError once and NoClassDefFoundError after.
    private static final LayerProducts CHOSEN;
    private static final BackendException REFUSAL;

    static {
        LayerProducts chosen = null;
        BackendException refusal = null;
        String asked = System.getProperty(PROPERTY);
        boolean module = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        int feature = Runtime.version().feature();
        try {
            boolean vector = vector(asked, module, feature);
            chosen = vector ? vectorProducts() : new PlainLayerProducts();
        } catch (BackendException e) {
            refusal = e;
        }
        CHOSEN = chosen;
        REFUSAL = refusal;
    }

    private KernelChoice() {
    }

    /**
     * The products chosen for this JVM.
     *
     * @return the chosen kernels
     * @throws BackendException when {@value #PROPERTY} asks for what cannot be had: an unknown value,
     *                          or {@value #VECTOR} without the module {@value #VECTOR_MODULE}
     */
    public static LayerProducts products() {
        if (REFUSAL != null) {
            // A fresh exception each time, with the stack of the caller that asked.
            throw new BackendException(REFUSAL.getMessage());
        }
        return CHOSEN;
    }

    /**
     * Whether to use the vector kernels, given the property's value (null when unset), whether the
     * module is in the boot layer and the JDK's feature version.
     */
    static boolean vector(String asked, boolean module, int feature) {
        String value = asked == null ? AUTO : asked.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case AUTO:
                return module && feature >= FIRST_FAST_FEATURE;
            case PLAIN:
                return false;
            case VECTOR:
                if (!module) {
                    throw new BackendException("-D" + PROPERTY + "=" + VECTOR + " asks for the reference backend's"
                            + " Vector API kernels, but the module " + VECTOR_MODULE + " is not in this JVM (JDK "
                            + feature + "); start java with --add-modules " + VECTOR_MODULE + ", or set -D"
                            + PROPERTY + " to " + AUTO + " or " + PLAIN);
                }
                return true;
            default:
                throw new BackendException("-D" + PROPERTY + ": found \"" + asked + "\"; expected " + AUTO + ", "
                        + PLAIN + " or " + VECTOR);
        }
    }

    /**
     * Which kernels this JVM runs, for a person reading {@code backprop backends}: {@code "plain-Java
     * kernels"}, {@code "Vector API kernels (…)"} or why there are none. Never throws.
     *
     * @return a few words
     */
    public static String summary() {
        if (REFUSAL != null) {
            return "no kernels: " + REFUSAL.getMessage();
        }
        return CHOSEN.name().startsWith(VECTOR) ? "Vector API kernels " + CHOSEN.name().substring(VECTOR.length()).trim()
                : "plain-Java kernels";
    }

    // Its own method, so that the class VectorMatrixKernels is resolved only when this runs.
    private static LayerProducts vectorProducts() {
        return new VectorMatrixKernels.Products();
    }
}
