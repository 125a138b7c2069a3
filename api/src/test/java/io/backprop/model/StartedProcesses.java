package io.backprop.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The processes a test starts, each killed with all its descendants after the test, whatever its
 * outcome: a test that fails or times out half way leaves nothing running (a child left training for
 * a million epochs once outlived its build by 18 minutes). Register with {@code @RegisterExtension}.
 */
final class StartedProcesses implements AfterEachCallback {
    private final List<Process> started = new ArrayList<>();

    /** Starts the process {@code builder} describes, to be killed after the test. */
    synchronized Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        started.forEach(StartedProcesses::killWithDescendants);
        started.clear();
    }

    /** Kills {@code process} and every process under it, and returns once they have all ended. */
    static void killWithDescendants(Process process) {
        // Found before the kill: once a process has ended, its children belong to init and are no
        // longer its descendants.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        // SIGKILL cannot be caught or ignored, so these waits end.
        all.forEach(handle -> handle.onExit().join());
    }
}
