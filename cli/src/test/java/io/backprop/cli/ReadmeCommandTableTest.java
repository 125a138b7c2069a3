package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's table of commands shows every option picocli knows for each command, so that the
 * table and {@code --help} cannot drift apart: a command's own options in its row, the ones every
 * command takes in the paragraph that says so.
 */
class ReadmeCommandTableTest {
    /** The header line of the table of commands. */
    private static final String TABLE_HEADER = "| command | what it does |";
    /** The paragraph after the table that names the options every command takes. */
    private static final String SHARED = "Every command takes";

    @Test
    void everyOptionOfEveryCommandIsInItsRowOrInTheParagraphOfTheOnesEveryCommandTakes() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"));
        Map<String, String> rows = commandRows(readme);
        String shared = paragraph(readme, SHARED);
        CommandLine root = new CommandLine(new BackpropCommand());
        // The top level's own options are the ones every command takes (the common options, --help, --version).
        Set<String> everywhere = new HashSet<>();
        root.getCommandSpec().options().forEach(o -> everywhere.addAll(List.of(o.names())));

        List<String> missing = new ArrayList<>();
        for (CommandLine command : commandsUnder(root).toList()) {
            String path = command.getCommandSpec().qualifiedName(" ").substring("backprop ".length());
            String row = rows.get(path);
            if (row == null) {
                missing.add("no row for `" + path + "` (rows: " + rows.keySet() + ")");
                continue;
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    boolean shown = everywhere.contains(name) ? mentions(shared, name) : mentions(row, name);
                    if (!shown) {
                        missing.add(name + " of `" + path + "` in " + (everywhere.contains(name)
                                ? "the paragraph \"" + SHARED + " ...\"" : "its row"));
                    }
                }
            }
        }
        assertThat(missing).as("options the README does not show").isEmpty();
    }

    @Test
    void theTableHasNoRowForACommandThatDoesNotExist() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"));
        List<String> commands = commandsUnder(new CommandLine(new BackpropCommand()))
                .map(c -> c.getCommandSpec().qualifiedName(" ").substring("backprop ".length())).toList();

        assertThat(commands).containsAll(commandRows(readme).keySet());
    }

    /** Every command under {@code command}, at any depth. */
    private static Stream<CommandLine> commandsUnder(CommandLine command) {
        return command.getSubcommands().values().stream().flatMap(sub -> Stream.concat(Stream.of(sub),
                commandsUnder(sub)));
    }

    /** Whether {@code text} holds {@code name} as a whole option name: --every is not in --loss-every. */
    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(text).find();
    }

    /**
     * The rows of the table of commands by the command they are for: the leading lower-case words of
     * the first cell ({@code demo iris} of {@code `demo iris [--seed S] ...`}).
     */
    private static Map<String, String> commandRows(String readme) {
        int header = readme.indexOf("\n" + TABLE_HEADER + "\n");
        assertThat(header).as("the table of commands, headed " + TABLE_HEADER).isNotNegative();
        int end = readme.indexOf("\n\n", header + 1);
        String table = readme.substring(header, end < 0 ? readme.length() : end);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]*)` \\|.*$").matcher(table);
        while (row.find()) {
            List<String> words = new ArrayList<>();
            for (String word : row.group(1).split(" ")) {
                if (!word.matches("[a-z]+")) {
                    break;
                }
                words.add(word);
            }
            assertThat(rows.put(String.join(" ", words), row.group())).as("one row for " + words).isNull();
        }
        assertThat(rows).as("the table of commands").isNotEmpty();
        return rows;
    }

    /** The paragraph that begins with {@code start}. */
    private static String paragraph(String readme, String start) {
        int from = readme.indexOf("\n" + start);
        assertThat(from).as("a paragraph beginning \"" + start + "\"").isNotNegative();
        int to = readme.indexOf("\n\n", from + 1);
        return readme.substring(from, to < 0 ? readme.length() : to);
    }

    /** The checkout's root, where README.md is: Maven runs the tests in the cli module's directory. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("cli"))) {
                return dir;
            }
        }
        throw new AssertionError("no README.md beside a cli directory above " + Path.of("").toAbsolutePath());
    }
}
