package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file larger than the heap trains and predicts, read a block at a time without being asked: the
 * command run in a JVM of its own whose heap is smaller than the file.
 */
class LargerThanTheHeapTest {
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety bound only: the test waits on the children's exits
    void aFileLargerThanTheHeapTrainsAndPredictsABlockAtATime() throws Exception {
        // About 130 MB of rows against a heap of 96 MB: held whole it could not be read at all.
        Path data = dir.resolve("large.csv");
        Random random = new Random(3);
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            out.write("x1,x2,y\n");
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < 4_000_000; row++) {
                double x1 = random.nextDouble();
                double x2 = random.nextDouble();
                line.setLength(0);
                line.append(String.format(Locale.ROOT, "%.12f,%.12f,%d%n", x1, x2, x1 + x2 > 1 ? 1 : 0));
                out.write(line.toString());
            }
        }
        assertThat(Files.size(data)).isGreaterThan(125_000_000L);
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Path model = dir.resolve("model.json");

        Child train = run("train", "--backend", "reference", "--model", spec.toString(), "--data", data.toString(),
                "--out", model.toString(), "--epochs", "1", "--batch-size", "1000", "--lr", "0.5");

        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("rows read a block at a time from " + data);
        assertThat(Cli.readJson(model).get("layers")).hasSize(2);

        Child predict = run("predict", "--backend", "reference", "--model", model.toString(), "--data",
                data.toString(), "--features", "x1,x2", "--json");
        assertThat(predict.code()).as(predict.err()).isZero();
    }

    private record Child(int code, String out, String err) {
    }

    private Child run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BackpropCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Process child = processes.start(new ProcessBuilder(command).redirectOutput(out.toFile()));
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = child.waitFor();
        // predict's JSON of four million rows is not kept: only whether it ends as a document does.
        String printed = Files.size(out) > 1_000_000 ? tail(out) : Files.readString(out);
        return new Child(code, printed, err);
    }

    private static String tail(Path file) throws java.io.IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            byte[] end = new byte[64];
            f.seek(f.length() - end.length);
            f.readFully(end);
            return new String(end, StandardCharsets.US_ASCII);
        }
    }
}
