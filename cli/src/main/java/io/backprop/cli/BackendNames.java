package io.backprop.cli;

import io.backprop.Backends;
import io.backprop.spi.Backend;
import java.util.Iterator;

/** The names of the backends found, which the completion script offers after {@code --backend}. */
final class BackendNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Backends.available().stream().map(Backend::name).iterator();
    }
}
