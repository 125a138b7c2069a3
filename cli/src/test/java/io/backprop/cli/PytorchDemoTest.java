package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command finds the pytorch backend by ServiceLoader, and the article's demo on it prints what
 * the reference backend prints: every number of the worked example, the loss curve to the printed
 * digits and the two predictions; only the heading names another backend.
 */
class PytorchDemoTest {
    @Test
    void theDemoOnPytorchPrintsTheReferencesLines() {
        Cli.Run onPytorch = Cli.run("demo", "--backend", "pytorch", "--progress", "none");
        Cli.Run onReference = Cli.run("demo", "--backend", "reference", "--progress", "none");

        assertThat(onPytorch.exitCode()).as(onPytorch.toString()).isZero();
        assertThat(onReference.exitCode()).as(onReference.toString()).isZero();
        List<String> pytorch = onPytorch.out().lines().toList();
        List<String> reference = onReference.out().lines().toList();
        assertThat(pytorch.get(0)).contains("pytorch backend");
        assertThat(pytorch.subList(1, pytorch.size())).containsExactlyElementsOf(reference.subList(1, reference.size()));
        assertThat(pytorch).contains("  the network, every w = [0, 1], b = 0, x = [2, 3]:  0.7216325609518421");
    }
}
