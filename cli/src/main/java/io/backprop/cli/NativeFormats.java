package io.backprop.cli;

import io.backprop.Backends;
import io.backprop.error.BackendException;
import io.backprop.spi.Backend;
import io.backprop.spi.NativeModelFormat;
import java.util.stream.Collectors;

/** Finds the model file format of a backend, for export and import. */
final class NativeFormats {
    private NativeFormats() {
    }

    static NativeModelFormat of(String backendName) {
        Backend backend = Backends.named(backendName);
        return backend.nativeFormat().orElseThrow(() -> new BackendException("backend \"" + backendName
                + "\" has no model file of its own; backends with one: " + Backends.available().stream()
                .filter(b -> b.nativeFormat().isPresent()).map(Backend::name).collect(Collectors.joining(", "))));
    }
}
