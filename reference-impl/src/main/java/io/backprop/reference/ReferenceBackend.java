package io.backprop.reference;

import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.reference.kernels.KernelChoice;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;

/**
 * The from-scratch, pure-Java backend, named {@value #NAME}: the textbook's sums ({@link
 * io.backprop.reference.textbook.TextbookBackend}), computed a batch at a time by fast kernels.
 */
public final class ReferenceBackend implements Backend {
    /** The name users select this backend by. */
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "from-scratch pure Java, float64: the article's feedforward, backprop and SGD, a batch at a time in "
                + "cache-blocked kernels (here " + KernelChoice.summary() + "), on two cores when the work is large";
    }

    @Override
    public Network create(NetworkSpec spec, Parameters parameters) {
        return new BatchedNetwork(spec, parameters.checkFits(spec));
    }
}
