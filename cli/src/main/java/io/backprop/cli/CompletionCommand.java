package io.backprop.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the shell completion script, made by picocli from the command itself, so that it always
 * knows every command and option: {@code source <(backprop completion)} in bash or zsh.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Prints a completion script for bash and zsh (commands, options, backend names, files); "
                + "install it with: source <(./backprop completion)")
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        return 0;
    }
}
