package io.backprop.cli;

import io.backprop.Backends;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class CommonOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend that computes (default: ${DEFAULT-VALUE}); see `backprop backends`.",
            defaultValue = Backends.DEFAULT)
    String backend;

    @Option(names = "--json", description = "Machine-readable JSON on stdout, and nothing else there.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;
}
