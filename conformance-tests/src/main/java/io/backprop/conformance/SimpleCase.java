package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;
import java.util.function.Consumer;

/** A case whose check is a piece of code, with what the catalog says of it. */
record SimpleCase(String id, String title, List<NetworkSpec> specs, Consumer<Backend> body, Notes notes)
        implements ConformanceCase {
    /** A case the catalog knows by its title only, until {@link #notes} says more. */
    SimpleCase(String id, String title, List<NetworkSpec> specs, Consumer<Backend> body) {
        this(id, title, specs, body, Notes.NONE);
    }

    /** This case, with what it checks, its tolerance and its reason, and where to look when it fails. */
    SimpleCase notes(String checks, String tolerance, String lookAt) {
        return new SimpleCase(id, title, specs, body, new Notes(checks, tolerance, lookAt));
    }

    @Override
    public void run(Backend backend) {
        body.accept(backend);
    }

    @Override
    public String checks() {
        return notes.checks().isEmpty() ? title : notes.checks();
    }

    @Override
    public String tolerance() {
        return notes.tolerance();
    }

    @Override
    public String lookAt() {
        return notes.lookAt();
    }
}
