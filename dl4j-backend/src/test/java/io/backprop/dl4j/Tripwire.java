package io.backprop.dl4j;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A serializable object that records being deserialized: what a gadget would do instead of something worse. */
final class Tripwire implements Serializable {
    private static final long serialVersionUID = 1L;
    private static volatile boolean tripped;

    static boolean tripped() {
        return tripped;
    }

    static void reset() {
        tripped = false;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        tripped = true;
        in.defaultReadObject();
    }
}
