package io.backprop.cli;

import io.backprop.BackendChoice;
import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options every command but {@code help} and {@code completion} takes. Each command has its own
 * copy (a mixin), so that its help lists them; {@link #passDown} makes the ones given before a
 * subcommand count for it.
 */
final class CommonOptions {
    @Option(names = "--backend", paramLabel = "NAME", completionCandidates = BackendNames.class,
            description = "The backend that computes. Without it: the system property backprop.backend, the "
                    + "environment variable BACKPROP_BACKEND, backend= in backprop.properties, or reference; "
                    + "see `backprop backends`.")
    String backend;

    @Option(names = "--json", description = "Machine-readable JSON on stdout, and nothing else there.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    /**
     * Hands the common options given to each command of the parsed line down to its subcommand, so
     * that {@code backprop --backend dl4j demo iris} runs the iris demo on dl4j: a flag given at any
     * level holds below it, and {@code --backend} given at one level holds below unless given again.
     * Call it after parsing and before running anything.
     *
     * @throws ParameterException when {@code --backend} names different backends at two levels, or
     *     when a common option is given before a subcommand that does not take it
     */
    static void passDown(ParseResult parsed) {
        ParseResult level = parsed;
        Optional<CommonOptions> above = of(level.commandSpec());
        while (level.hasSubcommand()) {
            level = level.subcommand();
            Optional<CommonOptions> own = of(level.commandSpec());
            if (own.isPresent()) {
                if (above.isPresent()) {
                    own.get().inherit(above.get(), level.commandSpec());
                }
                above = own;
            } else if (above.isPresent() && !above.get().given().isEmpty()) {
                // Nothing below could read them: refused, so that they are never silently ignored.
                throw new ParameterException(level.commandSpec().commandLine(), String.join(", ", above.get().given())
                        + " given before `" + level.commandSpec().qualifiedName(" ") + "`, which does not take "
                        + (above.get().given().size() == 1 ? "it" : "them"));
            }
        }
    }

    /** The common options of a command, if it takes them. */
    private static Optional<CommonOptions> of(CommandSpec command) {
        return command.mixins().values().stream().map(CommandSpec::userObject)
                .filter(CommonOptions.class::isInstance).map(CommonOptions.class::cast).findFirst();
    }

    /** Takes what the command above was given, unless this one was given otherwise. */
    private void inherit(CommonOptions above, CommandSpec command) {
        if (above.backend != null) {
            if (backend == null) {
                backend = above.backend;
            } else if (!sameBackend(backend, above.backend)) {
                throw new ParameterException(command.commandLine(), "--backend \"" + above.backend + "\" before `"
                        + command.name() + "` and --backend \"" + backend + "\" after it name different backends;"
                        + " expected one --backend");
            }
        }
        json |= above.json;
        verbose |= above.verbose;
    }

    /**
     * Whether two --backend values choose the same backend: trimmed, as BackendChoice takes them, and
     * in any case, as Backends.named matches them.
     */
    private static boolean sameBackend(String one, String other) {
        return one.trim().equalsIgnoreCase(other.trim());
    }

    /** The common options given, as typed. */
    private List<String> given() {
        List<String> given = new ArrayList<>();
        if (backend != null) {
            given.add("--backend");
        }
        if (json) {
            given.add("--json");
        }
        if (verbose) {
            given.add("--verbose");
        }
        return given;
    }

    /**
     * The backend chosen by {@code --backend} or, without it, by the configuration; an explicit choice's
     * rule is {@link BackendChoice#EXPLICIT}, as the JSON of {@code backends} has always said.
     */
    BackendChoice choice() {
        return BackendChoice.resolve(backend);
    }

    /**
     * The chosen backend. Not found, the library's message says why and which rule chose the name,
     * {@code --backend} for an explicit choice.
     */
    Backend selected() {
        return Backends.chosen(choice().explicitly("--backend"));
    }

    /** A network on the chosen backend. */
    Network create(NetworkSpec spec, Parameters parameters) {
        Backend chosen = selected();
        CurrentWork.is(String.format(java.util.Locale.ROOT, "setting up a network of %,d weights and biases on the %s"
                + " backend", spec.parameterCount(), chosen.name()));
        return chosen.create(spec, parameters);
    }
}
