package io.backprop.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 of Spark's own {@code Master} and one {@code Worker}, each
 * a separate JVM on this JVM's class path (the Maven jars; nothing downloaded). Closing it kills both
 * with all their descendants (the executors the worker starts), and a shutdown hook does the same if
 * the JVM ends first.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 90;

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final Thread killer = new Thread(this::kill, "standalone-cluster-kill");
    private final StringBuffer masterLog = new StringBuffer();
    private final String url;

    private StandaloneCluster(Path home, String url) {
        this.home = home;
        this.url = url;
    }

    /** Starts a master and a worker of {@code cores} cores and returns once the worker has registered. */
    static StandaloneCluster start(int cores) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("backprop-spark-cluster");
        // The worker builds its executors' class path from SPARK_HOME/jars (here empty) and the
        // application's spark.executor.extraClassPath, which the test sets to its own class path.
        Files.createDirectories(home.resolve("jars"));
        int port = freePort();
        StandaloneCluster cluster = new StandaloneCluster(home, "spark://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(cluster.killer);
        try {
            CompletableFuture<Void> registered = new CompletableFuture<>();
            Process master = cluster.java("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
            cluster.watch(master, "Registering worker", registered);
            cluster.java("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                    String.valueOf(cores), "--memory", "1g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", home.resolve("work").toString(), cluster.url);
            registered.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return cluster;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            String log = cluster.masterLog.toString();
            cluster.close();
            throw new IllegalStateException("the standalone cluster did not start within " + START_TIMEOUT_SECONDS
                    + " s (" + e + "); the master's log:\n" + log, e);
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    /** Every process of the cluster, with their descendants. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
        }
        return all;
    }

    private Process java(String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        for (String flag : System.getProperty("backprop.spark.jvm.flags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /** Reads the master's log as it is written, completing {@code seen} at the first line holding {@code text}. */
    private void watch(Process process, String text, CompletableFuture<Void> seen) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    masterLog.append(line).append('\n');
                    if (line.contains(text)) {
                        seen.complete(null);
                    }
                }
                seen.completeExceptionally(new IllegalStateException("the master ended"));
            } catch (IOException e) {
                seen.completeExceptionally(e);
            }
        }, "standalone-master-log");
        reader.setDaemon(true);
        reader.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Kills every process of the cluster and its descendants, and waits until they have ended. */
    private void kill() {
        List<ProcessHandle> all;
        synchronized (processes) {
            // Found before the kill: once a process has ended, its children are no longer its descendants.
            all = processes();
        }
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(handle -> handle.onExit().join());
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs anyway.
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
