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
            double score = primary.path("score").asDouble();
            double error = primary.path("scoreError").asDouble(Double.NaN);
            String unit = primary.path("scoreUnit").asText();
            double nanos;
            double errorNanos;
            if (unit.startsWith("ops/")) {
                // Throughput: the time of one op is the rate's inverse; the error moves it by the same fraction.
                nanos = nanosIn(unit.substring("ops/".length()), unit, json, benchmark) / score;
                errorNanos = nanos * error / score;
            } else {
                double toNanos = nanosIn(unit.replaceFirst("/op$", ""), unit, json, benchmark);
                nanos = score * toNanos;
                errorNanos = error * toNanos;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                params.put(param.getKey(), param.getValue().asText());
            }
            JsonNode alloc = entry.path("secondaryMetrics").path("gc.alloc.rate.norm");
            results.add(new JmhResult(className, benchmark.substring(dot + 1), params, entry.path("threads").asInt(1),
                    nanos, errorNanos, alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble(),
                    settings(entry), rates(entry.path("secondaryMetrics"))));
            jdk = entry.path("vmName").asText() + " " + entry.path("vmVersion").asText();
        }
        return new JmhResults(results, jdk);
    }

    /**
     * The secondary metrics counted per second: a benchmark's {@code @AuxCounters} in throughput mode
     * ({@code ops/s}); the profilers' metrics have units of their own and are left out.
     */
    private static Map<String, JmhResult.Rate> rates(JsonNode secondary) {
        Map<String, JmhResult.Rate> rates = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            if (metric.getValue().path("scoreUnit").asText().equals("ops/s")) {
                rates.put(metric.getKey(), new JmhResult.Rate(metric.getValue().path("score").asDouble(),
                        metric.getValue().path("scoreError").asDouble(Double.NaN)));
            }
        }
        return rates;
    }

    private static String settings(JsonNode entry) {
        int forks = entry.path("forks").asInt();
        return forks + (forks == 1 ? " fork, " : " forks, ") + entry.path("warmupIterations").asInt() + " × "
                + entry.path("warmupTime").asText() + " warm-up, " + entry.path("measurementIterations").asInt()
                + " × " + entry.path("measurementTime").asText() + " measured";
    }

    /** Nanoseconds in {@code time}, the time unit of JMH's score unit {@code unit}. */
    private static double nanosIn(String time, String unit, Path json, String benchmark) throws IOException {
        return switch (time) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw new IOException(json + ": " + benchmark + " is in " + unit
                    + "; expected a time per op (average-time mode) or ops per unit of time (throughput)");
        };
    }

    List<JmhResult> all() {
        return results;
    }

    /** No results: a run that did not take place. */
    static JmhResults none() {
        return new JmhResults(List.of(), "none");
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
