package io.backprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results of one JMH run, read from the JSON that {@code -rf json} writes. */
final class JmhResults {
    private final List<JmhResult> results;
    private final String jdk;

    private JmhResults(List<JmhResult> results, String jdk) {
        this.results = results;
        this.jdk = jdk;
    }

    static JmhResults read(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(json + ": found no JSON array; expected the output of JMH's -rf json");
        }
        List<JmhResult> results = new ArrayList<>();
        String jdk = "unknown";
        for (JsonNode entry : root) {
            String benchmark = entry.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            JsonNode primary = entry.path("primaryMetric");
            double toNanos = nanosPer(primary.path("scoreUnit").asText(), json, benchmark);
            double error = primary.path("scoreError").asDouble(Double.NaN);
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                params.put(param.getKey(), param.getValue().asText());
            }
            JsonNode alloc = entry.path("secondaryMetrics").path("gc.alloc.rate.norm");
            results.add(new JmhResult(className, benchmark.substring(dot + 1), params, entry.path("threads").asInt(1),
                    primary.path("score").asDouble() * toNanos, error * toNanos,
                    alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble(), settings(entry)));
            jdk = entry.path("vmName").asText() + " " + entry.path("vmVersion").asText();
        }
        return new JmhResults(results, jdk);
    }

    private static String settings(JsonNode entry) {
        int forks = entry.path("forks").asInt();
        return forks + (forks == 1 ? " fork, " : " forks, ") + entry.path("warmupIterations").asInt() + " × "
                + entry.path("warmupTime").asText() + " warm-up, " + entry.path("measurementIterations").asInt()
                + " × " + entry.path("measurementTime").asText() + " measured";
    }

    private static double nanosPer(String unit, Path json, String benchmark) throws IOException {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IOException(json + ": " + benchmark + " is in " + unit
                    + "; expected a time per op (average-time mode)");
        };
    }

    List<JmhResult> all() {
        return results;
    }

    /** The JVM the forks ran on, as JMH recorded it. */
    String jdk() {
        return jdk;
    }

    Optional<JmhResult> find(String benchmarkClass, String method) {
        return results.stream().filter(r -> r.is(benchmarkClass, method)).findFirst();
    }

    List<JmhResult> of(String benchmarkClass) {
        return results.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass)).toList();
    }
}
