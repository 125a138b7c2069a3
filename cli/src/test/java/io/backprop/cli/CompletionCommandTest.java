package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backprop completion} prints a bash and zsh completion script made from the command itself. */
class CompletionCommandTest {
    /** Every command under {@code command}, at any depth, by its full name: "backprop demo iris". */
    private static Stream<String> commandsUnder(CommandLine command) {
        return command.getSubcommands().values().stream().flatMap(sub -> Stream.concat(
                Stream.of(sub.getCommandSpec().qualifiedName(" ")), commandsUnder(sub)));
    }

    @Test
    void theScriptNamesEverySubcommandAndSetsZshUpToo() {
        Cli.Run run = Cli.run("completion");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash");
        List<String> commands = commandsUnder(new CommandLine(new BackpropCommand())).toList();
        assertThat(commands).contains("backprop train", "backprop demo iris", "backprop help", "backprop completion");
        for (String command : commands) {
            assertThat(run.out()).as(command).contains("function _picocli_" + command.replace(' ', '_') + "() {");
        }
        // zsh runs the same script through its bash completion layer.
        assertThat(run.out()).contains("bashcompinit");
        assertThat(run.out()).contains("complete -F _complete_backprop -o default backprop");
    }

    @Test
    void bashCompletesCommandsOptionsAndBackendNamesWithIt(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash is installed");
        Path script = Files.writeString(dir.resolve("backprop.bash"), Cli.run("completion").out());

        assertThat(complete(bash, script, "backprop", "tr")).containsExactly("train");
        assertThat(complete(bash, script, "backprop", "demo", "i")).containsExactly("iris");
        assertThat(complete(bash, script, "backprop", "train", "--mod")).containsExactly("--model");
        assertThat(complete(bash, script, "backprop", "train", "--mo")).containsExactlyInAnyOrder("--model",
                "--momentum");
        assertThat(complete(bash, script, "backprop", "--backend", "")).contains("reference", "dl4j");
        assertThat(complete(bash, script, "backprop", "demo", "--backend", "reference-")).containsExactly(
                "reference-textbook");
    }

    /** What bash offers for the last word, as the shell asks when TAB is pressed after the words. */
    private static List<String> complete(Path bash, Path script, String... words) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(bash.toString(), "-c", """
                source "$0"
                COMP_WORDS=("$@")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMP_LINE="${COMP_WORDS[*]}"
                COMP_POINT=${#COMP_LINE}
                COMPREPLY=()
                _complete_backprop 2>/dev/null
                printf '%s\\n' "${COMPREPLY[@]}"
                """, script.toString()));
        command.addAll(List.of(words));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(line -> !line.isEmpty()).toList();
    }
}
