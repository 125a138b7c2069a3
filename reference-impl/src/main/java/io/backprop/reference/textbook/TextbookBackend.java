package io.backprop.reference.textbook;

import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;

/**
 * The backend named {@value #NAME}: the article's loops in {@code TextbookNetwork}, the code a learner
 * reads, kept as a backend of its own so that {@code check} and the conformance kit hold the fast
 * {@code reference} backend to it.
 */
public final class TextbookBackend implements Backend {
    /** The name users select this backend by. */
    public static final String NAME = "reference-textbook";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "from-scratch pure Java, float64: the article's feedforward, backprop and SGD, one row at a time, "
                + "as a learner reads them";
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        return new TextbookNetwork(spec, parameters.checkFits(spec));
    }
}
