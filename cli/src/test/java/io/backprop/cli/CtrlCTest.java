package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: the command runs in a child JVM, is sent SIGINT once it has printed its first
 * epoch, and must stop at the end of that epoch, say so in one line, write nothing and exit 130.
 *
 * <p>Every wait here is for something the child does (a line printed, its streams ended, its exit),
 * never for a length of time: a loaded machine only makes the test slower. Every child is killed,
 * with anything it started, after each test whatever its outcome.
 */
class CtrlCTest {
    /** A hidden layer wide enough that an epoch takes a few milliseconds, and far more epochs than the test waits for. */
    private static final String WIDE_SPEC = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [{"units": 2000, "activation": "sigmoid", "bias": true},
                        {"units": 1, "activation": "sigmoid", "bias": true}]}
            """;
    private static final int EPOCHS = 1_000_000;
    /**
     * The longest any one wait lasts, only so that a child that hangs cannot hang the build: the
     * child's JVM starts in seconds even on a loaded machine, and every wait ends as soon as its
     * condition holds.
     */
    private static final Duration SAFETY_BOUND = Duration.ofMinutes(5);
    /** The most of a child's output a failure quotes, so a failing test cannot flood the build's log. */
    private static final int QUOTED_CHARACTERS = 2000;

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @BeforeAll
    static void killAndPerlArePresent() {
        assumeThat(onPath("kill")).as("kill, to send SIGINT").isTrue();
        assumeThat(onPath("perl")).as("perl, to give the child the default SIGINT handling").isTrue();
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** What a child writes on one of its streams, read as it comes. */
    private static final class Captured {
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;
        private boolean ended;

        Captured(InputStream stream, String name) {
            reader = new Thread(() -> {
                try (Reader chars = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                    char[] buffer = new char[8192];
                    for (int n = chars.read(buffer); n >= 0; n = chars.read(buffer)) {
                        synchronized (this) {
                            text.append(buffer, 0, n);
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the child is gone; what was read stays
                } finally {
                    synchronized (this) {
                        ended = true;
                        notifyAll();
                    }
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until the text so far contains a match of {@code pattern}; fails if the stream ends first. */
        synchronized void await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + SAFETY_BOUND.toNanos();
            while (!pattern.matcher(text).find()) {
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError((ended ? "the stream ended" : "nothing in " + SAFETY_BOUND) + " before "
                            + pattern + "; it ends:\n" + tail(text));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Everything, once the stream has ended (the child has exited and closed it). */
        String all() throws InterruptedException {
            reader.join(SAFETY_BOUND.toMillis());
            assertThat(reader.isAlive()).as("the stream has ended").isFalse();
            synchronized (this) {
                return text.toString();
            }
        }
    }

    /** The end of {@code text}, at most {@link #QUOTED_CHARACTERS} of it. */
    private static String tail(CharSequence text) {
        return text.length() <= QUOTED_CHARACTERS ? text.toString()
                : "…" + text.subSequence(text.length() - QUOTED_CHARACTERS, text.length());
    }

    /** A command running in its own JVM, killed after the test. */
    private final class Child {
        final Process process;
        final Captured out;
        final Captured err;
        long interruptedAt;
        long exitedAt;

        Child(Object... args) throws IOException {
            // A JVM started in the background by a shell without job control inherits SIGINT ignored, and a
            // JVM leaves an ignored SIGINT ignored; perl puts back the default, then becomes the JVM (same pid).
            List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                    Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                    "-cp", System.getProperty("java.class.path"), BackpropCommand.class.getName()));
            for (Object arg : args) {
                command.add(String.valueOf(arg));
            }
            process = processes.start(new ProcessBuilder(command).directory(dir.toFile()));
            out = new Captured(process.getInputStream(), "child-stdout");
            err = new Captured(process.getErrorStream(), "child-stderr");
        }

        /** Sends SIGINT, as Ctrl-C on a terminal does, and waits for the JVM to end. */
        int interrupt() throws Exception {
            // kill's output is read here, not inherited: this JVM's stdout is Surefire's channel to Maven.
            Process kill = processes.start(new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true));
            interruptedAt = System.nanoTime();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kill.waitFor()).as("kill: %s", said).isZero();
            assertThat(process.waitFor(SAFETY_BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the command ends after Ctrl-C").isTrue();
            exitedAt = System.nanoTime();
            return process.exitValue();
        }

        List<String> errLines() throws InterruptedException {
            return err.all().lines().toList();
        }

        /** The epoch on the last loss line of stdout. */
        int lastEpochPrinted(Pattern epochLine) throws InterruptedException {
            List<String> lines = out.all().lines().toList();
            for (int k = lines.size() - 1; k >= 0; k--) {
                Matcher m = epochLine.matcher(lines.get(k));
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            throw new AssertionError("no epoch line in " + tail(String.join("\n", lines)));
        }
    }

    private static final Pattern TRAIN_LINE = Pattern.compile(" {2}epoch +(\\d+) {2}loss .*");

    private Child trainUntilTheFirstEpochThenCtrlC(Path out, String backend) throws Exception {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Cli.write(dir, "wide.json", WIDE_SPEC);
        Child child = new Child("train", "--model", "wide.json", "--data", "people.csv", "--out", out.getFileName(),
                "--epochs", EPOCHS, "--backend", backend, "--progress", "lines", "--every", 1);
        long started = System.nanoTime();
        child.out.await(Pattern.compile("(?m)^ {2}epoch +1 {2}loss "));
        long firstEpoch = System.nanoTime();
        int code = child.interrupt();
        System.out.printf("CtrlCTest train on " + backend + ": first epoch line after %.0f ms, exit %.0f ms after SIGINT%n",
                (firstEpoch - started) / 1e6, (child.exitedAt - child.interruptedAt) / 1e6);
        assertThat(code).as("exit code; stderr: %s", child.errLines()).isEqualTo(130);
        return child;
    }

    @Test
    void ctrlCStopsTrainingAtTheEndOfAnEpochSaysWhereAndWritesNothing() throws Exception {
        Path out = dir.resolve("trained.json");
        Child child = trainUntilTheFirstEpochThenCtrlC(out, "reference");
        int epoch = child.lastEpochPrinted(TRAIN_LINE);
        assertThat(child.errLines()).containsExactly(
                "backprop: interrupted at epoch " + epoch + " of " + EPOCHS + "; nothing written to trained.json");
        assertThat(epoch).isBetween(1, EPOCHS - 1);
        assertThat(out).doesNotExist();
        assertThat(Cli.listing(dir)).as("no temporary file left either")
                .containsExactly("people.csv", "wide.json");
    }

    @Test
    void ctrlCLeavesAnExistingOutputFileByteForByteAsItWas() throws Exception {
        Path out = dir.resolve("trained.json");
        byte[] before = Net221.SPEC_JSON.getBytes(StandardCharsets.UTF_8);
        Files.write(out, before);
        Child child = trainUntilTheFirstEpochThenCtrlC(out, "reference");
        assertThat(child.errLines()).singleElement().asString()
                .matches("backprop: interrupted at epoch \\d+ of " + EPOCHS + "; nothing written to trained.json");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        assertThat(Cli.listing(dir)).containsExactly("people.csv", "trained.json", "wide.json");
    }

    @Test
    void ctrlCStopsTrainingOnDl4jAsCleanlyWhileItsNativeLibrariesRun() throws Exception {
        Path out = dir.resolve("trained.json");
        Child child = trainUntilTheFirstEpochThenCtrlC(out, "dl4j");
        int epoch = child.lastEpochPrinted(TRAIN_LINE);
        assertThat(child.errLines()).containsExactly(
                "backprop: interrupted at epoch " + epoch + " of " + EPOCHS + "; nothing written to trained.json");
        assertThat(Cli.listing(dir)).containsExactly("people.csv", "wide.json");
    }

    @Test
    void ctrlCClosesTheBarBeforeTheLineSayingWhereTrainingStopped() throws Exception {
        Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Cli.write(dir, "wide.json", WIDE_SPEC);
        Child child = new Child("train", "--model", "wide.json", "--data", "people.csv", "--out", "trained.json",
                "--epochs", EPOCHS, "--backend", "reference", "--progress", "bar");
        child.err.await(Pattern.compile("\repoch +\\d+/" + EPOCHS + " │"));
        assertThat(child.interrupt()).as("exit code; stderr: %s", child.errLines()).isEqualTo(130);
        String newline = Pattern.quote(System.lineSeparator());
        // The bar's drawings, each after a carriage return; its line ended; then the one line.
        assertThat(child.err.all()).matches("(\repoch [^\r\n]+ left *)+" + newline
                + "backprop: interrupted at epoch \\d+ of " + EPOCHS + "; nothing written to trained.json" + newline);
        // The loss lines held back while the bar was drawn: the first epoch's, every 100000 after.
        String out = child.out.all();
        assertThat(out.contains("  epoch      1  loss ") && !out.contains("wrote")).as(tail(out)).isTrue();
        assertThat(Cli.listing(dir)).containsExactly("people.csv", "wide.json");
    }

    @Test
    void ctrlCStopsTheDemoBeforeItsPredictions() throws Exception {
        int epochs = 10_000_000;
        Child child = new Child("demo", "--epochs", epochs, "--every", 1, "--progress", "lines", "--backend",
                "reference");
        Pattern demoLine = Pattern.compile(" +(\\d+) {2}\\d\\.\\d{6}");
        child.out.await(Pattern.compile("(?m)^ +1 {2}\\d\\.\\d{6}$"));
        assertThat(child.interrupt()).as("exit code; stderr: %s", child.errLines()).isEqualTo(130);
        int epoch = child.lastEpochPrinted(demoLine);
        assertThat(child.errLines()).containsExactly("backprop: interrupted at epoch " + epoch + " of " + epochs);
        assertThat(child.out.all().contains("Predictions")).as(tail(child.out.all())).isFalse();
    }
}
