package io.backprop.cli;

import io.backprop.Warnings;
import io.backprop.error.BackpropException;
import io.backprop.error.Excerpt;
import java.io.ObjectInputFilter;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code backprop} command. With no subcommand it runs the demo.
 *
 * <p>Exit codes: 0 on success; 2 on bad input or a failed run, with one line on stderr; 1 on an
 * internal error. {@code --verbose} adds the stack trace. Warnings, such as a backend provider that
 * failed to load while another backend is used, are one line each on stderr too.
 */
@Command(name = "backprop", mixinStandardHelpOptions = true,
        description = "Feedforward networks as the article teaches them, on interchangeable backends.",
        subcommands = {DemoCommand.class, PredictCommand.class, GradientCommand.class, EvaluateCommand.class,
                TrainCommand.class, ConvertCommand.class,
                ExplainCommand.class, BackendsCommand.class, CheckCommand.class, ConformCommand.class,
                ExportCommand.class, ImportCommand.class, DrawCommand.class, SummaryCommand.class,
                CommandLine.HelpCommand.class, CompletionCommand.class})
public final class BackpropCommand implements Callable<Integer> {
    /** Bad input or a failed run. */
    static final int EXIT_BAD_INPUT = 2;
    /** A bug of ours. */
    static final int EXIT_INTERNAL = 1;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** {@code backprop} alone, or with only the common options, runs the demo with its defaults. */
    @Override
    public Integer call() {
        // picocli's own demo command, not parsed, so with its defaults; its errors then point at its help.
        DemoCommand demo = spec.subcommands().get("demo").getCommand();
        return demo.run(common, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // Pictures are drawn without a display; set before any AWT class loads.
        System.setProperty("java.awt.headless", "true");
        // No file the command reads is Java serialization; should a library try (DL4J's ModelSerializer
        // reads preprocessor.bin so), it builds no object at all. See the README's "Safety". Except
        // with --spark: Spark ships its tasks and their results as Java serialization, even in
        // local[N]; reading a DL4J model zip keeps its own guard then (DeserializationGuard).
        if (ObjectInputFilter.Config.getSerialFilter() == null && !java.util.List.of(args).contains("--spark")) {
            ObjectInputFilter.Config.setSerialFilter(info -> ObjectInputFilter.Status.REJECTED);
        }
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** The longest error line printed: a message quotes at most ~80 characters of the input, so this is ample. */
    static final int MAX_MESSAGE = 1000;

    /** Runs the command line with the given writers and returns its exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return run(args, out, err);
        } catch (OutOfMemoryError e) {
            // picocli lets errors through; the allocation that failed is gone, so there is room to say so.
            err.println(outOfMemory(e));
            err.flush();
            return EXIT_BAD_INPUT;
        }
    }

    /** One line naming what was too large, what ran out and what to set. */
    static String outOfMemory(OutOfMemoryError error) {
        return oneLine(OutOfMemory.line(error, CurrentWork.now(), Runtime.getRuntime().maxMemory()));
    }

    /** {@code message} as one line of at most {@link #MAX_MESSAGE} characters, whatever it quotes. */
    static String oneLine(String message) {
        String line = Excerpt.line(message);
        return line.length() <= MAX_MESSAGE ? line
                : line.substring(0, MAX_MESSAGE) + "… (" + line.length() + " characters in all)";
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        BackpropCommand top = new BackpropCommand();
        CommandLine commandLine = new CommandLine(top);
        ProjectVersion.giveTo(commandLine);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(oneLine("backprop: " + UsageErrors.describe(e) + " (see: "
                    + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e.getCause() instanceof OutOfMemoryError) {
                err.println(outOfMemory((OutOfMemoryError) e.getCause()));
                if (verbose) {
                    e.printStackTrace(err);
                }
                return EXIT_BAD_INPUT;
            }
            if (e instanceof BackpropException) {
                err.println(oneLine("backprop: " + e.getMessage()));
                if (verbose) {
                    e.printStackTrace(err);
                }
                return EXIT_BAD_INPUT;
            }
            err.println(oneLine("backprop: internal error: " + e) + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_INTERNAL;
        });
        commandLine.setExecutionStrategy(parsed -> {
            // The common options given before a subcommand count for it; checked before anything runs.
            CommonOptions.passDown(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        // The library's warnings (a backend provider that failed to load, an unknown key in
        // backprop.properties) as the command's other messages: one line each on stderr, each once.
        Set<String> warned = new HashSet<>();
        int code = Warnings.sendTo(warning -> {
            if (warned.add(warning)) {
                err.println(oneLine("backprop: warning: " + warning));
            }
        }, () -> commandLine.execute(args));
        out.flush();
        err.flush();
        return code;
    }
}
