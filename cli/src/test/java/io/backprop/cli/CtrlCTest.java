package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: the command runs in a child JVM, is sent SIGINT once it has printed its first
 * epoch, and must stop at the end of that epoch, say so in one line, write nothing and exit 130.
 */
class CtrlCTest {
    /** A hidden layer wide enough that an epoch takes a few milliseconds, and far more epochs than the test waits for. */
    private static final String WIDE_SPEC = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [{"units": 2000, "activation": "sigmoid", "bias": true},
                        {"units": 1, "activation": "sigmoid", "bias": true}]}
            """;
    private static final int EPOCHS = 1_000_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void sigintReachesAChild() throws IOException {
        // A JVM started in the background by a shell without job control ignores SIGINT, and so would its
        // children: then no Ctrl-C can be delivered, and these tests have nothing to test.
        Path status = Path.of("/proc/self/status");
        assumeThat(Files.exists(status)).as("Linux /proc, to see whether SIGINT is ignored").isTrue();
        String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .orElseThrow().substring("SigIgn:".length()).strip();
        assumeThat(Long.parseUnsignedLong(ignored, 16) & (1L << (2 - 1))).as("SIGINT ignored by this JVM").isZero();
    }

    /** A command running in its own JVM, its stdout read as it comes and its stderr kept in a file. */
    private final class Child {
        final Process process;
        final List<String> out = new ArrayList<>();
        final Path err;
        Thread reader;
        long interruptedAt;
        long exitedAt;

        Child(Object... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                    "-cp", System.getProperty("java.class.path"), BackpropCommand.class.getName()));
            for (Object arg : args) {
                command.add(String.valueOf(arg));
            }
            err = dir.resolve("stderr.txt");
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(err.toFile()).start();
        }

        /** Reads stdout until a line matches, keeping on reading the rest in the background. */
        void awaitLine(Pattern line, long seconds) throws Exception {
            CompletableFuture<Void> seen = new CompletableFuture<>();
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                        synchronized (out) {
                            out.add(l);
                        }
                        if (line.matcher(l).matches()) {
                            seen.complete(null);
                        }
                    }
                    seen.completeExceptionally(new AssertionError("stdout ended before " + line + ": " + out));
                } catch (IOException e) {
                    seen.completeExceptionally(e);
                }
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
            seen.get(seconds, TimeUnit.SECONDS);
        }

        /** Sends SIGINT, as Ctrl-C on a terminal does, and waits for the JVM to end. */
        int interrupt() throws Exception {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            interruptedAt = System.nanoTime();
            assertThat(kill.waitFor()).isZero();
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("the command ends soon after Ctrl-C").isTrue();
            exitedAt = System.nanoTime();
            reader.join(TimeUnit.SECONDS.toMillis(5));
            assertThat(reader.isAlive()).as("all of stdout read").isFalse();
            return process.exitValue();
        }

        List<String> errLines() {
            try {
                return Files.readAllLines(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The epoch on the last loss line of stdout. */
        int lastEpochPrinted(Pattern epochLine) {
            synchronized (out) {
                for (int k = out.size() - 1; k >= 0; k--) {
                    Matcher m = epochLine.matcher(out.get(k));
                    if (m.matches()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            }
            throw new AssertionError("no epoch line in " + out);
        }

        void destroy() {
            process.destroyForcibly();
        }
    }

    private static final Pattern TRAIN_LINE = Pattern.compile(" {2}epoch +(\\d+) {2}loss .*");

    private Child trainUntilTheFirstEpochThenCtrlC(Path out, String backend) throws Exception {
        Cli.write(dir, "people.csv", Net221.PEOPLE_CSV);
        Cli.write(dir, "wide.json", WIDE_SPEC);
        Child child = new Child("train", "--model", "wide.json", "--data", "people.csv", "--out", out.getFileName(),
                "--epochs", EPOCHS, "--backend", backend, "--progress", "lines", "--every", 1);
        long started = System.nanoTime();
        child.awaitLine(Pattern.compile(" {2}epoch +1 {2}loss .*"), 20);
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
        try {
            int epoch = child.lastEpochPrinted(TRAIN_LINE);
            assertThat(child.errLines()).containsExactly(
                    "backprop: interrupted at epoch " + epoch + " of " + EPOCHS + "; nothing written to trained.json");
            assertThat(epoch).isBetween(1, EPOCHS - 1);
            assertThat(out).doesNotExist();
            assertThat(Cli.listing(dir)).as("no temporary file left either")
                    .containsExactly("people.csv", "stderr.txt", "wide.json");
        } finally {
            child.destroy();
        }
    }

    @Test
    void ctrlCLeavesAnExistingOutputFileByteForByteAsItWas() throws Exception {
        Path out = dir.resolve("trained.json");
        byte[] before = Net221.SPEC_JSON.getBytes(StandardCharsets.UTF_8);
        Files.write(out, before);
        Child child = trainUntilTheFirstEpochThenCtrlC(out, "reference");
        try {
            assertThat(child.errLines()).singleElement().asString()
                    .matches("backprop: interrupted at epoch \\d+ of " + EPOCHS + "; nothing written to trained.json");
            assertThat(Files.readAllBytes(out)).isEqualTo(before);
            assertThat(Cli.listing(dir)).containsExactly("people.csv", "stderr.txt", "trained.json", "wide.json");
        } finally {
            child.destroy();
        }
    }

    @Test
    void ctrlCStopsTrainingOnDl4jAsCleanlyWhileItsNativeLibrariesRun() throws Exception {
        Path out = dir.resolve("trained.json");
        Child child = trainUntilTheFirstEpochThenCtrlC(out, "dl4j");
        try {
            int epoch = child.lastEpochPrinted(TRAIN_LINE);
            assertThat(child.errLines()).containsExactly(
                    "backprop: interrupted at epoch " + epoch + " of " + EPOCHS + "; nothing written to trained.json");
            assertThat(Cli.listing(dir)).containsExactly("people.csv", "stderr.txt", "wide.json");
        } finally {
            child.destroy();
        }
    }

    @Test
    void ctrlCStopsTheDemoBeforeItsPredictions() throws Exception {
        int epochs = 10_000_000;
        Child child = new Child("demo", "--epochs", epochs, "--every", 1, "--progress", "lines", "--backend",
                "reference");
        try {
            Pattern demoLine = Pattern.compile(" +(\\d+) {2}\\d\\.\\d{6}");
            child.awaitLine(Pattern.compile(" +1 {2}\\d\\.\\d{6}"), 20);
            assertThat(child.interrupt()).as("exit code; stderr: %s", child.errLines()).isEqualTo(130);
            int epoch = child.lastEpochPrinted(demoLine);
            assertThat(child.errLines()).containsExactly("backprop: interrupted at epoch " + epoch + " of " + epochs);
            synchronized (child.out) {
                assertThat(child.out).noneMatch(l -> l.contains("Predictions"));
            }
        } finally {
            child.destroy();
        }
    }
}
