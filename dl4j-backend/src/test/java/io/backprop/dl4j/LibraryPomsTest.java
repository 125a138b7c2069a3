package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What a library user's build reads stays true: the BOM, which has no parent and so states its
 * version and its plugins' versions itself, is at the project's version with the parent's plugin
 * versions and names every module's artifact; the Maven snippets of the docs name that version.
 */
class LibraryPomsTest {
    private static final Path ROOT = Path.of("..");
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    @Test
    void theBomIsAtTheProjectsVersionWithoutAParentAndNamesEveryModulesArtifact() throws Exception {
        Document parent = pom(ROOT.resolve("pom.xml"));
        String version = text(parent, "/project/version");
        Set<String> artifacts = new TreeSet<>();
        for (String module : texts(parent, "/project/modules/module")) {
            if (!module.equals("bom")) {
                artifacts.add(text(pom(ROOT.resolve(module).resolve("pom.xml")), "/project/artifactId"));
            }
        }
        Document bom = pom(ROOT.resolve("bom").resolve("pom.xml"));

        assertThat(text(bom, "/project/artifactId")).isEqualTo("backprop-bom");
        assertThat(text(bom, "/project/version")).isEqualTo(version);
        assertThat(texts(bom, "/project/parent")).as("an imported BOM brings its parent's dependencyManagement")
                .isEmpty();
        assertThat(texts(bom, "/project/dependencyManagement/dependencies/dependency/groupId"))
                .containsOnly("io.backprop");
        assertThat(texts(bom, "/project/dependencyManagement/dependencies/dependency/version"))
                .containsOnly("${project.version}");
        assertThat(new TreeSet<>(texts(bom, "/project/dependencyManagement/dependencies/dependency/artifactId")))
                .containsExactlyElementsOf(artifacts);
        List<String> bomPlugins = texts(bom, "/project/build/pluginManagement/plugins/plugin/artifactId");
        assertThat(bomPlugins).as("the plugins a POM-only module runs: clean, install, deploy, site").hasSize(4);
        for (String plugin : bomPlugins) {
            String where = "/project/build/pluginManagement/plugins/plugin[artifactId='" + plugin + "']/version";
            assertThat(text(bom, where)).as("the BOM's %s", plugin).isEqualTo(text(parent, where));
        }
    }

    @Test
    void theDocsMavenSnippetsNameTheProjectsVersion() throws Exception {
        String version = text(pom(ROOT.resolve("pom.xml")), "/project/version");
        Pattern backpropVersion = Pattern.compile(
                "<groupId>io\\.backprop</groupId>\\s*<artifactId>[\\w-]+</artifactId>\\s*<version>([^<]*)</version>");
        List<String> found = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = backpropVersion.matcher(Files.readString(page));
            while (m.find()) {
                found.add(ROOT.relativize(page) + ": " + m.group(1));
                assertThat(m.group(1)).as("a Backprop version in %s", page).isEqualTo(version);
            }
        }
        assertThat(found).as("the README's BOM import at least").anyMatch(where -> where.startsWith("README.md"));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> entries = Files.list(ROOT)) {
            entries.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(pages::add);
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document document, String path) throws Exception {
        List<String> texts = texts(document, path);
        assertThat(texts).as(path).hasSize(1);
        return texts.get(0);
    }

    private static List<String> texts(Document document, String path) throws Exception {
        NodeList nodes = (NodeList) XPATH.evaluate(path, document, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < nodes.getLength(); k++) {
            texts.add(nodes.item(k).getTextContent().strip());
        }
        return texts;
    }
}
