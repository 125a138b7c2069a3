package io.backprop.dl4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;

/**
 * Imports the zip named by its argument in a JVM of its own, as the {@code import} command does,
 * then prints what the deserialization guard did: run by {@link DeserializationGuardTest}, since a
 * JVM that has made an object stream (as the tests do) no longer accepts a filter factory.
 */
final class FreshJvmImport {
    private FreshJvmImport() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("spec: " + Dl4jModels.read(Path.of(args[0])).spec());
        System.out.println("factory: " + ObjectInputFilter.Config.getSerialFilterFactory().getClass().getSimpleName());
        byte[] tripwire = serialized(new Tripwire());
        try {
            DeserializationGuard.during(() -> readObject(tripwire));
            System.out.println("during a read: deserialized");
        } catch (IllegalStateException e) {
            System.out.println("during a read: " + (e.getCause() instanceof InvalidClassException ? "rejected" : e));
        }
        System.out.println("tripped: " + Tripwire.tripped());
        System.out.println("outside a read: " + readObject(serialized("a string")));
    }

    private static Object readObject(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }
}
