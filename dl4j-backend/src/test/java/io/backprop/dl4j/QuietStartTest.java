package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A library user hears nothing from DL4J's start-up unless they ask: checked in fresh JVMs, since
 * ND4J reports only the first time it loads, with slf4j-simple (the tests' logging backend) and
 * with no SLF4J provider at all.
 */
class QuietStartTest {
    private static final String ONE_LINE = "emily 0\\.\\d+";
    private static final String SIMPLE = "slf4j-simple";

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @Test
    void byDefaultNd4jsReportIsOffAndDl4jsLoggersAtWarn() {
        Map<String, String> settings = QuietStart.settings(name -> null, Set.of(), Set.of());

        assertThat(settings).containsExactly(Map.entry("org.nd4j.log.initialization", "false"),
                Map.entry("org.slf4j.simpleLogger.log.org.nd4j", "warn"),
                Map.entry("org.slf4j.simpleLogger.log.org.deeplearning4j", "warn"));
    }

    @Test
    void whatTheUserSetIsLeftAsItIs() {
        Map<String, String> system = Map.of("org.nd4j.log.initialization", "false",
                "org.slf4j.simpleLogger.log.org.deeplearning4j.nn", "info");
        assertThat(QuietStart.settings(system::get, system.keySet(), Set.of())).as("a logger under one is asked for")
                .containsExactly(Map.entry("org.slf4j.simpleLogger.log.org.nd4j", "warn"));

        assertThat(QuietStart.settings(name -> null, Set.of(), Set.of("org.slf4j.simpleLogger.log.org.nd4j")))
                .as("simplelogger.properties counts as asking")
                .containsOnlyKeys("org.nd4j.log.initialization", "org.slf4j.simpleLogger.log.org.deeplearning4j");

        Map<String, String> report = Map.of("org.nd4j.log.initialization", "true");
        assertThat(QuietStart.settings(report::get, report.keySet(), Set.of()))
                .as("ND4J's report asked for is not hidden by a level")
                .containsExactly(Map.entry("org.slf4j.simpleLogger.log.org.deeplearning4j", "warn"));

        assertThat(QuietStart.settings(name -> null, Set.of("org.slf4j.simpleLogger.log.org.nd4jx"), Set.of()))
                .as("another name sharing the prefix is not under org.nd4j")
                .containsKey("org.slf4j.simpleLogger.log.org.nd4j");
    }

    @Test
    void aProgramOnTheDl4jBackendPrintsOnlyItsOwnLineWithOrWithoutALoggingBackendUnlessAsked() throws Exception {
        String all = System.getProperty("java.class.path");
        String withoutProvider = Arrays.stream(all.split(File.pathSeparator)).filter(entry -> !entry.contains(SIMPLE))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(all).contains(SIMPLE);

        // Four JVMs at once: each spends most of its time loading ND4J.
        Process simple = start(all);
        Process none = start(withoutProvider);
        Process simpleAsked = start(all, "-Dorg.nd4j.log.initialization=true",
                "-Dorg.slf4j.simpleLogger.log.org.nd4j=info", "-Dorg.slf4j.simpleLogger.log.org.deeplearning4j=info");
        Process noneAsked = start(withoutProvider, "-Dslf4j.internal.verbosity=WARN");

        assertThat(output(simple)).as("with slf4j-simple").matches(ONE_LINE);
        assertThat(output(none)).as("with no SLF4J provider").matches(ONE_LINE);
        // The same lines, asked for: they were there to be hidden.
        assertThat(output(simpleAsked)).contains("INFO org.nd4j.linalg.factory.Nd4jBackend - Loaded [CpuBackend]",
                "Backend build information", "INFO org.deeplearning4j.nn.multilayer.MultiLayerNetwork - Starting");
        assertThat(output(noneAsked)).contains("SLF4J(W): No SLF4J providers were found.");
    }

    private Process start(String classPath, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", classPath, LibraryUserProgram.class.getName()));
        return processes.start(new ProcessBuilder(command).redirectErrorStream(true));
    }

    /** Everything the program wrote on stdout and stderr, once it has ended; it must have ended well. */
    private static String output(Process process) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
