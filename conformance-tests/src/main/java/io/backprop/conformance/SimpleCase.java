package io.backprop.conformance;

import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;
import java.util.function.Consumer;

/** A case whose check is a piece of code. */
record SimpleCase(String id, String title, List<NetworkSpec> specs, Consumer<Backend> body) implements ConformanceCase {
    @Override
    public void run(Backend backend) {
        body.accept(backend);
    }
}
