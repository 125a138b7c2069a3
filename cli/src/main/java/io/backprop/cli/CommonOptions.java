package io.backprop.cli;

import io.backprop.BackendChoice;
import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.error.BackendException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class CommonOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend that computes. Without it: the system property backprop.backend, the "
                    + "environment variable BACKPROP_BACKEND, backend= in backprop.properties, or reference; "
                    + "see `backprop backends`.")
    String backend;

    @Option(names = "--json", description = "Machine-readable JSON on stdout, and nothing else there.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    /** The backend chosen by {@code --backend} or, without it, by the configuration. */
    BackendChoice choice() {
        return BackendChoice.resolve(backend);
    }

    /** The chosen backend. */
    Backend selected() {
        BackendChoice choice = choice();
        try {
            return Backends.named(choice.name());
        } catch (BackendException e) {
            throw new BackendException(e.getMessage() + "; it was chosen by "
                    + (choice.rule().equals("explicit choice") ? "--backend" : choice.rule()), e);
        }
    }

    /** A network on the chosen backend. */
    Network create(NetworkSpec spec, Parameters parameters) {
        Backend chosen = selected();
        CurrentWork.is(String.format(java.util.Locale.ROOT, "setting up a network of %,d weights and biases on the %s"
                + " backend", spec.parameterCount(), chosen.name()));
        return chosen.create(spec, parameters);
    }
}
