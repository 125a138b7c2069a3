package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory, whichever memory it is, is one line saying what ran out, how much there
 * was and what to set, and exit 2: never a stack trace.
 */
class OutOfMemoryTest {
    private static final long HEAP = 512L << 20;

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @TempDir
    Path dir;

    @Test
    void theHeapNamesItsSizeAndTheVariableThatGivesMore() {
        assertThat(OutOfMemory.line(new OutOfMemoryError("Java heap space"), "reading the data file big.csv (2.1 GiB)",
                HEAP)).isEqualTo("backprop: out of memory while reading the data file big.csv (2.1 GiB): the Java heap"
                        + " holds at most 512 MiB; give it more with BACKPROP_HEAP=2g, or use smaller input");
        assertThat(OutOfMemory.line(new OutOfMemoryError("Java heap space"), "training", 6L << 30))
                .endsWith("the Java heap holds at most 6.0 GiB; give it more with BACKPROP_HEAP=12g, or use smaller input");
    }

    @Test
    void javaCppsOffHeapLimitNamesItsPropertyAndSize() {
        // JavaCPP's own message when an allocation would pass maxBytes, after it has collected and retried.
        OutOfMemoryError error = new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (536870912)"
                + " + size (8000000) > maxBytes (536870912)");
        assertThat(OutOfMemory.line(error, "training", HEAP)).isEqualTo("backprop: out of memory while training:"
                + " JavaCPP's off-heap limit is 512 MiB (org.bytedeco.javacpp.maxBytes); give it more with"
                + " BACKPROP_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxBytes=2g, or use smaller input");
    }

    @Test
    void javaCppsLimitIsFoundAsTheCauseOfItsPointersError() {
        OutOfMemoryError limit = new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (536870912)"
                + " + size (8000000) > maxBytes (536870912)");
        OutOfMemoryError pointer = new OutOfMemoryError("Cannot allocate new DoublePointer(1000000): totalBytes ="
                + " 512M, physicalBytes = 900M");
        pointer.initCause(limit);
        assertThat(OutOfMemory.line(pointer, "training", HEAP)).isEqualTo(OutOfMemory.line(limit, "training", HEAP));
    }

    @Test
    void javaCppsResidentSizeLimitNamesItsPropertyAndSize() {
        OutOfMemoryError error = new OutOfMemoryError("Physical memory usage is too high: physicalBytes (3221225472)"
                + " > maxPhysicalBytes (2147483648)");
        assertThat(OutOfMemory.line(error, "training", HEAP)).isEqualTo("backprop: out of memory while training:"
                + " JavaCPP's limit on the process's resident size is 2.0 GiB (org.bytedeco.javacpp.maxPhysicalBytes);"
                + " give it more with BACKPROP_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxPhysicalBytes=4g, or use smaller input");
    }

    @Test
    void anOffHeapAllocationTheMachineRefusedSaysSo() {
        // ND4J's CPU memory manager, when malloc returns nothing.
        assertThat(OutOfMemory.line(new OutOfMemoryError("Failed to allocate [17179869184] bytes"), "training", HEAP))
                .isEqualTo("backprop: out of memory while training: the machine refused an off-heap allocation of"
                        + " 16 GiB (the Java heap holds at most 512 MiB beside it); free memory, give the heap less"
                        + " with BACKPROP_HEAP, or use smaller input");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a safety bound only: the test waits on the child's exit
    void aDataFileTooLargeForTheHeapIsOneLineAndExit2() throws Exception {
        // About 40 MB of rows: several times a 32 MB heap once read, yet quick to write.
        Path data = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            out.write("x1,x2,y\n");
            for (int row = 0; row < 3_000_000; row++) {
                out.write(row % 97 + ".25," + row % 89 + ".5,1\n");
            }
        }
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BackpropCommand.class.getName(), "train", "--backend", "reference", "--model", spec.toString(),
                "--data", data.toString(), "--out", dir.resolve("out.json").toString(), "--epochs", "1", "--no-stream");
        Process child = processes.start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD));
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = child.waitFor();

        assertThat(code).as(err).isEqualTo(2);
        assertThat(err.lines().toList()).as(err).singleElement().asString()
                .startsWith("backprop: out of memory while reading the data file " + data)
                .contains("the Java heap holds at most ")
                .endsWith("; give it more with BACKPROP_HEAP=2g, or use smaller input");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
