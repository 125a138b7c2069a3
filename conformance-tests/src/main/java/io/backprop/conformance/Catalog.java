package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.model.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kit's rules catalog, {@code CATALOG.md} beside its README, generated from the cases themselves:
 * every case's id and title, what it checks, the tolerance it allows and why, and where to look in a
 * backend when it fails ({@link ConformanceCase#checks()}, {@link ConformanceCase#tolerance()},
 * {@link ConformanceCase#lookAt()}), and the table of tolerances of both profiles.
 *
 * <p>Regenerate the page with {@code java io.backprop.conformance.Catalog conformance-tests/CATALOG.md}
 * on the kit's class path, or through the kit's test, as its failure message says.
 */
public final class Catalog {
    private Catalog() {
    }

    /** Writes the catalog to the file named by the first argument (by default {@code CATALOG.md}), atomically. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "CATALOG.md");
        AtomicFile.write(target, markdown().getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + target);
    }

    /** The catalog of every case of the kit, as Markdown. */
    public static String markdown() {
        return markdown(Kit.cases());
    }

    static String markdown(List<ConformanceCase> cases) {
        StringBuilder md = new StringBuilder();
        md.append("# The conformance kit's cases\n\n");
        md.append("<!-- Generated from the cases by io.backprop.conformance.Catalog; do not edit. CatalogTest fails"
                + " when this page is out of date, saying how to regenerate it. -->\n\n");
        md.append("Every case of the kit, ").append(cases.size()).append(" in all, by family: its id (stable across"
                + " versions, so that reports can be compared) and title, what it checks, the tolerance it allows and"
                + " why, and where to look in a backend when it fails. The [README](README.md) says how to run them;"
                + " a run's report (`target/backprop-conformance/BACKEND.md` and `.json`) names each case by its"
                + " id.\n\n");
        tolerances(md);
        Map<String, List<ConformanceCase>> families = new LinkedHashMap<>();
        for (ConformanceCase c : cases) {
            families.computeIfAbsent(KitRun.family(c.id()), f -> new ArrayList<>()).add(c);
        }
        families.forEach((family, members) -> family(md, family, members));
        return md.toString();
    }

    private static void tolerances(StringBuilder md) {
        md.append("## Tolerances\n\n");
        md.append("Float64 is the default and the project's promise; a backend that computes in float32 may declare"
                + " the float32 profile, which carries each tolerance over at the same number of epsilons (×2^29),"
                + " at most 2^-11 ≈ 4.9e-4 and never below float64's. In that profile, values below float32's"
                + " smallest normal number (1.2e-38) count as 0, and parameters may read back rounded to float32."
                + " The cases below state float64's values; `io.backprop.conformance.comparison.Tolerances` gives"
                + " each with its full reason and, for float32, what the kit's float32 test backend measures.\n\n");
        md.append("| tolerance | float64 | float32 | measured as | why |\n|---|---|---|---|---|\n");
        for (Kind kind : Kind.values()) {
            md.append("| ").append(kind == Kind.IDENTICAL ? "none: identical" : "`" + kind.name() + "`")
                    .append(" | ").append(Report.number(kind.float64()))
                    .append(" | ").append(Report.number(kind.float32()))
                    .append(" | ").append(cell(kind.measure()))
                    .append(" | ").append(cell(kind.reason())).append(" |\n");
        }
        md.append('\n');
    }

    private static void family(StringBuilder md, String family, List<ConformanceCase> members) {
        md.append("## `").append(family).append("` (").append(members.size())
                .append(members.size() == 1 ? " case" : " cases").append(")\n\n");
        int k = 0;
        while (k < members.size()) {
            int end = k + 1;
            while (end < members.size() && sameNotes(members.get(k), members.get(end))) {
                end++;
            }
            List<ConformanceCase> group = members.subList(k, end);
            if (group.size() == 1) {
                ConformanceCase c = group.get(0);
                md.append("### `").append(c.id()).append("`\n\n").append(c.title()).append("\n\n");
            } else {
                md.append("| case | title |\n|---|---|\n");
                for (ConformanceCase c : group) {
                    md.append("| `").append(c.id()).append("` | ").append(cell(c.title())).append(" |\n");
                }
                md.append('\n');
            }
            ConformanceCase first = group.get(0);
            md.append("- **Checks:** ").append(first.checks()).append('\n');
            md.append("- **Tolerance:** ").append(orNotStated(first.tolerance())).append('\n');
            md.append("- **If it fails, look at:** ").append(orNotStated(first.lookAt())).append("\n\n");
            k = end;
        }
    }

    /** Whether two cases say the same beyond their titles, so that the catalog says it once for both. */
    private static boolean sameNotes(ConformanceCase a, ConformanceCase b) {
        return !a.checks().equals(a.title()) && Objects.equals(a.checks(), b.checks())
                && Objects.equals(a.tolerance(), b.tolerance()) && Objects.equals(a.lookAt(), b.lookAt());
    }

    private static String orNotStated(String text) {
        return text.isBlank() ? "not stated by the case" : text;
    }

    /** Text for one cell of a Markdown table: one line, its pipes escaped. */
    private static String cell(String text) {
        return text.replaceAll("\\s+", " ").replace("|", "\\|");
    }
}
