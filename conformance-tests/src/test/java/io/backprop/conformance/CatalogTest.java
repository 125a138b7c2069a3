package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.model.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CATALOG.md, beside the kit's README, is what the cases say of themselves today. */
class CatalogTest {
    /** The page, in the module's directory, where Maven runs the tests. */
    private static final Path PAGE = Path.of("CATALOG.md");
    /** How to write the page anew, for the failure message. */
    static final String REGENERATE = "mvn -B -o -q test -pl conformance-tests -am -Dtest=CatalogTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dbackprop.catalog.write=true";
    /** The families whose cases say what they check, their tolerance and where to look, all of them. */
    private static final List<String> DESCRIBED = List.of("article", "saturation", "xor", "trajectory", "behaviour",
            "generated", "edges", "isolation", "concurrency", "listener", "registration", "gradients", "sizes",
            "optimizer", "schedule", "training-state", "validation");

    @Test
    void theCatalogBesideTheReadmeIsUpToDate() throws IOException {
        String expected = Catalog.markdown();
        if (Boolean.getBoolean("backprop.catalog.write")) {
            AtomicFile.write(PAGE, expected.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(PAGE).as("conformance-tests/CATALOG.md; write it with: " + REGENERATE).isRegularFile();
        String actual = Files.readString(PAGE);

        assertThat(actual).as("conformance-tests/CATALOG.md is out of date (%s); regenerate it with: %s",
                firstDifference(actual, expected), REGENERATE).isEqualTo(expected);
    }

    @Test
    void everyCaseOfTheKitsFamiliesSaysWhatItChecksItsToleranceAndWhereToLook() {
        List<ConformanceCase> described = Kit.cases().stream()
                .filter(c -> DESCRIBED.contains(KitRun.family(c.id()))).toList();

        assertThat(described).hasSizeGreaterThan(90).allSatisfy(c -> {
            assertThat(c.checks()).as(c.id()).isNotBlank().isNotEqualTo(c.title());
            assertThat(c.tolerance()).as(c.id()).isNotBlank();
            assertThat(c.lookAt()).as(c.id()).isNotBlank();
        });
    }

    @Test
    void aCaseThatSaysNothingMoreIsListedByItsTitleAndSaysSo() {
        ConformanceCase plain = new ConformanceCase() {
            @Override
            public String id() {
                return "later.plain";
            }

            @Override
            public String title() {
                return "a case of a family added later";
            }

            @Override
            public List<io.backprop.spec.NetworkSpec> specs() {
                return List.of();
            }

            @Override
            public void run(io.backprop.spi.Backend backend) {
            }
        };

        assertThat(Catalog.markdown(List.of(plain))).contains("## `later` (1 case)\n\n### `later.plain`\n\n"
                + "a case of a family added later\n\n- **Checks:** a case of a family added later\n"
                + "- **Tolerance:** not stated by the case\n- **If it fails, look at:** not stated by the case\n");
    }

    @Test
    void casesThatSayTheSameAreListedInOneTableWithWhatTheyShare() {
        String catalog = Catalog.markdown();

        assertThat(catalog).contains("## `trajectory` (27 cases)\n\n| case | title |\n|---|---|\n"
                + "| `trajectory.mse.batch-1.in-order` | 5 epochs of batch size 1 on");
        for (ConformanceCase c : Kit.cases()) {
            assertThat(catalog).contains("`" + c.id() + "`");
        }
    }

    /** Where two texts first differ, by line, for the failure message. */
    private static String firstDifference(String actual, String expected) {
        List<String> a = actual.lines().toList();
        List<String> e = expected.lines().toList();
        for (int k = 0; k < Math.max(a.size(), e.size()); k++) {
            String left = k < a.size() ? a.get(k) : "(the end)";
            String right = k < e.size() ? e.get(k) : "(the end)";
            if (!left.equals(right)) {
                return "line " + (k + 1) + " is \"" + left + "\" where the cases give \"" + right + "\"";
            }
        }
        return "they differ in their line ends";
    }
}
