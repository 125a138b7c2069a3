package io.backprop.dl4j;

import java.io.ObjectInputFilter;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Java deserialization refused while a model file is read: a JDK deserialization filter factory
 * that gives every object stream created on a thread inside {@link Dl4jModels#read} a filter
 * rejecting every class, and leaves every other stream the filter it would have had.
 *
 * <p>Backprop's reader never deserializes a Java object (it refuses the entries DL4J would
 * deserialize), so this is a second line of defence, in case DL4J ever starts deserializing
 * something while it parses a configuration. A DL4J {@code MultiLayerNetwork} model file needs no
 * Java deserialization once {@code preprocessor.bin} is refused.
 *
 * <p>The JDK accepts one filter factory per JVM, set before the first object stream is created.
 * The first {@link Dl4jModels#read} {@linkplain #install() installs} this one if the JVM still
 * allows it; an application that sets its own factory keeps it, and can chain this guard in front
 * of it by setting {@code new DeserializationGuard(itsFactory)} instead. It can also be set from the
 * command line: {@code -Djdk.serialFilterFactory=io.backprop.dl4j.DeserializationGuard}.
 */
public final class DeserializationGuard implements BinaryOperator<ObjectInputFilter> {
    /** Rejects every class, array and reference: no Java object can be read through it. */
    public static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

    private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

    private final BinaryOperator<ObjectInputFilter> outside;

    /** Outside a read, a stream gets the filter asked for, as with the JDK's own factory. */
    public DeserializationGuard() {
        this((current, requested) -> requested);
    }

    /** Outside a read, a stream gets what {@code outside}, another factory, chooses. */
    public DeserializationGuard(BinaryOperator<ObjectInputFilter> outside) {
        this.outside = outside;
    }

    @Override
    public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter requested) {
        return reading() ? REJECT_ALL : outside.apply(current, requested);
    }

    /**
     * Makes this guard the JVM's deserialization filter factory, in front of the JDK's own, unless
     * the JVM already has another: the JDK allows no change once a factory was set or any object
     * stream was created.
     *
     * @return whether the JVM's factory is now a guard
     */
    public static synchronized boolean install() {
        try {
            BinaryOperator<ObjectInputFilter> current = ObjectInputFilter.Config.getSerialFilterFactory();
            if (current instanceof DeserializationGuard) {
                return true;
            }
            ObjectInputFilter.Config.setSerialFilterFactory(new DeserializationGuard(current));
            return true;
        } catch (IllegalStateException e) {
            // Too late (a factory was set, or a stream made), or the factory named on the command line is broken.
            return false;
        }
    }

    /** Whether this thread is reading a model file. */
    static boolean reading() {
        return READING.get() != null;
    }

    /** {@code read}'s result, with every object stream made on this thread meanwhile rejecting every class. */
    static <T> T during(Supplier<T> read) {
        install();
        if (reading()) {
            return read.get();
        }
        READING.set(Boolean.TRUE);
        try {
            return read.get();
        } finally {
            READING.remove();
        }
    }
}
