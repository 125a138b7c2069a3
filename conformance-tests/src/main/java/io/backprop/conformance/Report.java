package io.backprop.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.conformance.CaseResult.Status;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.model.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run of the kit gave on one backend, for a reader who was not there: as JSON for tools
 * ({@link #json()}, layout {@value #FORMAT}) and as a one-page Markdown summary ({@link #markdown()}),
 * which {@link #write} puts side by side as {@code BACKEND.json} and {@code BACKEND.md}.
 *
 * @param kitVersion the version of the kit that ran
 * @param backend the backend's name
 * @param description the backend's description
 * @param profile the precision it was held to
 * @param cases every case of the run, in the kit's order
 */
public record Report(String kitVersion, String backend, String description, Profile profile,
                     List<CaseResult> cases) {
    /** The layout of {@link #json()}. */
    public static final String FORMAT = "backprop-conformance-report/1";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Indented, with {@code "key": value} as people write it. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    public Report {
        cases = List.copyOf(cases);
    }

    /** How many cases ended so. */
    public long count(Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    /**
     * {@code "passed"} when every case ran and passed; {@code "failed"} when any failed; otherwise
     * {@code "incomplete"}: some were skipped or not run, and a skip is never a pass.
     */
    public String result() {
        if (count(Status.FAILED) > 0) {
            return "failed";
        }
        return count(Status.PASSED) + count(Status.NOT_APPLICABLE) == cases.size() ? "passed" : "incomplete";
    }

    /** The file name the backend's reports take, without extension: its name, with only safe characters. */
    public String fileName() {
        return fileName(backend);
    }

    /** The file name the reports of the backend called {@code backend} take, without extension. */
    public static String fileName(String backend) {
        String safe = backend.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "backend" + safe : safe;
    }

    /**
     * Writes {@code BACKEND.json} and {@code BACKEND.md} into {@code directory}, made if missing, each
     * atomically (readers see the old file or the whole new one).
     *
     * @return the two files written
     */
    public List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(fileName() + ".json");
        Path markdown = directory.resolve(fileName() + ".md");
        AtomicFile.write(json, (json() + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(markdown, markdown().getBytes(StandardCharsets.UTF_8));
        return List.of(json, markdown);
    }

    /**
     * The report as JSON:
     *
     * <pre>{@code
     * {"format": "backprop-conformance-report/1", "kitVersion": "0.1.0", "backend": "reference",
     *  "description": "...", "profile": "float64", "tolerances": {"outputs": 1.0E-12, ...},
     *  "result": "passed" | "failed" | "incomplete",
     *  "counts": {"cases": 97, "passed": 97, "failed": 0, "skipped": 0, "notRun": 0},
     *  "cases": [{"id": "article.neuron", "title": "...", "status": "passed"},
     *            {"id": "...", "title": "...", "status": "failed", "message": "...", "worst": 0.0111, "tolerance": 1.0E-12},
     *            {"id": "...", "title": "...", "status": "skipped", "reason": "..."}, ...]}
     * }</pre>
     *
     * <p>{@code worst} and {@code tolerance} are there when the failure gave them as numbers.
     */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kitVersion", kitVersion);
        root.put("backend", backend);
        root.put("description", description);
        root.put("profile", profile.id());
        ObjectNode tolerances = root.putObject("tolerances");
        tolerances(profile).forEach(tolerances::put);
        root.put("result", result());
        ObjectNode counts = root.putObject("counts");
        counts.put("cases", cases.size());
        counts.put("passed", count(Status.PASSED));
        counts.put("failed", count(Status.FAILED));
        counts.put("skipped", count(Status.SKIPPED));
        counts.put("notRun", count(Status.NOT_RUN));
        counts.put("notApplicable", count(Status.NOT_APPLICABLE));
        ArrayNode list = root.putArray("cases");
        for (CaseResult c : cases) {
            ObjectNode node = list.addObject();
            node.put("id", c.id());
            node.put("title", c.title());
            node.put("status", c.status().id());
            if (c.status() == Status.SKIPPED || c.status() == Status.NOT_APPLICABLE) {
                node.put("reason", c.detail());
            } else if (c.status() == Status.FAILED) {
                node.put("message", c.detail());
                if (Double.isFinite(c.worst())) {
                    node.put("worst", c.worst());
                }
                if (Double.isFinite(c.tolerance())) {
                    node.put("tolerance", c.tolerance());
                }
            }
        }
        try {
            return JSON.writer(PRETTY).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The report on one page: the backend, the kit and the profile, the counts and the result, a
     * table by family, then each failed case (what differed, by how much, against what) and each
     * skipped case with its reason. Passed cases are counted, not listed.
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Conformance of `").append(backend).append("`\n\n");
        md.append(description).append(description.matches(".*[.!?]") ? "\n\n" : ".\n\n");
        md.append("Backprop conformance kit ").append(kitVersion).append(", ").append(profile.id())
                .append(" profile (tolerances: ").append(toleranceLine(profile)).append(").\n\n");
        md.append("**").append(resultLine()).append("**\n\n");
        List<Status> shown = new ArrayList<>(List.of(Status.PASSED, Status.FAILED, Status.SKIPPED));
        for (Status optional : List.of(Status.NOT_RUN, Status.NOT_APPLICABLE)) {
            if (count(optional) > 0) {
                shown.add(optional);
            }
        }
        md.append("| family | cases |");
        shown.forEach(status -> md.append(' ').append(status.id().replace('-', ' ')).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(shown.size())).append('\n');
        Map<String, long[]> families = new LinkedHashMap<>();
        for (CaseResult c : cases) {
            long[] counts = families.computeIfAbsent(KitRun.family(c.id()), f -> new long[Status.values().length + 1]);
            counts[0]++;
            counts[c.status().ordinal() + 1]++;
        }
        families.forEach((family, counts) -> {
            md.append("| ").append(family).append(" | ").append(counts[0]);
            for (Status status : shown) {
                md.append(" | ").append(counts[status.ordinal() + 1]);
            }
            md.append(" |\n");
        });
        if (count(Status.FAILED) > 0) {
            md.append("\n## Failed\n\n| case | what differed |\n|---|---|\n");
            for (CaseResult c : cases) {
                if (c.status() == Status.FAILED) {
                    md.append("| `").append(c.id()).append("` | ").append(cell(c.detail())).append(" |\n");
                }
            }
        }
        if (count(Status.SKIPPED) > 0) {
            md.append("\n## Skipped\n\nA skipped case is not a pass.\n\n| case | why |\n|---|---|\n");
            for (CaseResult c : cases) {
                if (c.status() == Status.SKIPPED) {
                    md.append("| `").append(c.id()).append("` | ").append(cell(c.detail())).append(" |\n");
                }
            }
        }
        if (count(Status.NOT_APPLICABLE) > 0) {
            md.append("\n## Not applicable\n\nOptional features the backend does not offer: nothing to check.\n\n")
                    .append("| case | why |\n|---|---|\n");
            for (CaseResult c : cases) {
                if (c.status() == Status.NOT_APPLICABLE) {
                    md.append("| `").append(c.id()).append("` | ").append(cell(c.detail())).append(" |\n");
                }
            }
        }
        md.append("\nWhat each case checks, its tolerance, and where to look when it fails: the kit's CATALOG.md.\n");
        return md.toString();
    }

    /** For example {@code "97 cases: 95 passed, 1 failed, 1 skipped. Result: failed."} */
    private String resultLine() {
        StringBuilder line = new StringBuilder().append(cases.size()).append(" cases: ")
                .append(count(Status.PASSED)).append(" passed, ").append(count(Status.FAILED)).append(" failed, ")
                .append(count(Status.SKIPPED)).append(" skipped");
        if (count(Status.NOT_RUN) > 0) {
            line.append(", ").append(count(Status.NOT_RUN)).append(" not run");
        }
        if (count(Status.NOT_APPLICABLE) > 0) {
            line.append(", ").append(count(Status.NOT_APPLICABLE)).append(" not applicable");
        }
        return line.append(". Result: ").append(result()).append('.').toString();
    }

    /** The profile's tolerance of each kind, by the names reports use. */
    static Map<String, Double> tolerances(Profile profile) {
        Map<String, Double> table = new LinkedHashMap<>();
        table.put("outputs", profile.tolerance(Tolerances.OUTPUTS));
        table.put("losses", profile.tolerance(Tolerances.LOSSES));
        table.put("gradients", profile.tolerance(Tolerances.GRADIENTS));
        table.put("trajectory", profile.tolerance(Tolerances.TRAJECTORY));
        table.put("gradientCheck", profile.tolerance(Tolerances.GRADIENT_CHECK));
        table.put("gradientCheckFloor", profile.gradientCheckFloor(Tolerances.GRADIENT_CHECK_FLOOR));
        return table;
    }

    /** For example {@code "outputs 1e-12, losses 1e-12, gradients 1e-10, ..."} */
    static String toleranceLine(Profile profile) {
        StringBuilder line = new StringBuilder();
        tolerances(profile).forEach((kind, value) -> line.append(line.length() == 0 ? "" : ", ").append(kind)
                .append(' ').append(number(value)));
        return line.toString();
    }

    /** A tolerance as people write it: {@code 1e-12}, {@code 4.9e-4}. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.1e", value).replace(".0e", "e").replace("e-0", "e-").replace("e+00", "");
    }

    /** Text for one cell of a Markdown table: one line, its pipes escaped. */
    private static String cell(String text) {
        return text.replaceAll("\\s+", " ").replace("|", "\\|");
    }
}
