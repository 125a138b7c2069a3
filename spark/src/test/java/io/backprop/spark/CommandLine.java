package io.backprop.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code backprop} command as its own JVM, as the launcher runs it with {@code --spark}: this
 * test JVM's class path (the command's jars and this module's), the JVM flags DL4J and Spark need,
 * the command's own {@code main}. The process and its descendants are killed when it has not ended
 * within the time given, and after it ends in any case.
 */
final class CommandLine {
    /** What a run printed and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    private CommandLine() {
    }

    /** Runs {@code backprop args…} in {@code dir}, waiting at most {@code seconds}. */
    static Run run(Path dir, long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        for (String flag : System.getProperty("backprop.spark.jvm.flags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.backprop.cli.BackpropCommand");
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("backprop " + String.join(" ", args) + " did not end within " + seconds
                        + " s; its stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            // Found before the kill: once a process has ended, its children are no longer its descendants.
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            all.forEach(handle -> handle.onExit().join());
        }
    }
}
