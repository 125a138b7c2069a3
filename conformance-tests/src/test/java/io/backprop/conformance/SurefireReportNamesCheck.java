package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Surefire's XML report names each case of the kit by its id and title, as the parent POM's
 * reporter configuration (the one the kit's README gives backend authors) asks.
 *
 * <p>Not a {@code *Test}: the module's own Surefire execution {@code surefire-report-names} runs it
 * after the default one, whose report of {@link NaiveBackendConformanceTest} it reads. A report
 * written before this build began (that suite left out with {@code -Dtest=...}) proves nothing about
 * the configuration as it is now, so then, and outside Maven, the check is skipped, saying so.
 */
class SurefireReportNamesCheck {
    /** The report of the kit's suite on its sound test backend, as the default execution writes it. */
    private static final String REPORT = "TEST-" + NaiveBackendConformanceTest.class.getName() + ".xml";

    @Test
    void everyCaseOfTheSuiteIsNamedByItsIdAndTitle() throws Exception {
        String reports = System.getProperty("backprop.surefire.reports");
        String started = System.getProperty("backprop.build.started");
        Assumptions.assumeTrue(reports != null && started != null,
                "run by the Maven build's execution surefire-report-names, which says where the reports are");
        Path report = Path.of(reports, REPORT);
        Assumptions.assumeTrue(Files.isRegularFile(report) && writtenSince(report, Instant.parse(started)),
                () -> report + " was not written by this build (the suite was left out, with -Dtest=...?):"
                        + " nothing to check");

        List<String> names = testcaseNames(report);
        List<String> expected = new ArrayList<>();
        for (ConformanceCase c : BackendConformanceSuite.cases()) {
            expected.add("conformance " + c.id() + ": " + c.title());
        }

        assertThat(names).as("the testcase names in " + report).containsExactlyElementsOf(expected);
    }

    /** Whether {@code file} was last written at or after {@code start}, which Maven gives to the second. */
    private static boolean writtenSince(Path file, Instant start) throws IOException {
        return !Files.getLastModifiedTime(file).toInstant().isBefore(start.minusSeconds(1));
    }

    private static List<String> testcaseNames(Path report) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList cases = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int k = 0; k < cases.getLength(); k++) {
            names.add(((Element) cases.item(k)).getAttribute("name"));
        }
        return names;
    }
}
