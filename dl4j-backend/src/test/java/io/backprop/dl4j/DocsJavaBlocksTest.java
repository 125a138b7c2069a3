package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the documentation compiles as it is shown, so none can rot: the README, each
 * module's README and docs/*.md, compiled with javac against this module's test class path (the
 * API, every backend, the conformance kit, DL4J).
 *
 * <p>A page's blocks are one program, read in order as a reader reads them:
 * <ul>
 *   <li>the import lines at the head of a block are the page's imports;
 *   <li>a block that declares a class (or an interface, record or enum) is a class of the page;
 *   <li>a block that declares members (it starts with an annotation, a modifier or a Javadoc comment)
 *       goes into the class shown before it on the page, or into the page's own class;
 *   <li>any other block is statements, in one method of the page's own class, after those of the
 *       blocks before it; that method declares no exception, so a checked one must be dealt with
 *       as the page shows.
 * </ul>
 * Each page is compiled in a package of its own, and an error names the page and its line.
 */
class DocsJavaBlocksTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern IMPORT = Pattern.compile("\\s*import\\s+[\\w.*]+\\s*;\\s*");
    private static final Pattern TYPE = Pattern.compile("(@\\w+(\\(.*\\))?\\s+)*((public|protected|private|abstract"
            + "|final|static|sealed|non-sealed|strictfp)\\s+)*(class|interface|enum|record|@interface)\\s+\\w+.*");
    private static final Pattern MEMBER = Pattern.compile("(@\\w+.*|(public|protected|private|static|abstract"
            + "|synchronized|default)\\s.*)");

    @TempDir
    Path classes;

    @Test
    void everyJavaBlockOfTheDocsCompilesAsShown() throws IOException {
        List<Page> pages = new ArrayList<>();
        for (Path file : markdownFiles()) {
            List<Block> blocks = javaBlocks(file);
            if (!blocks.isEmpty()) {
                pages.add(new Page(file, "docs.page" + pages.size(), blocks));
            }
        }
        assertThat(pages).extracting(page -> ROOT.relativize(page.file).toString().replace('\\', '/'))
                .contains("README.md", "docs/migrating.md", "conformance-tests/README.md");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                "-proc:none", "-encoding", "UTF-8");
        Boolean compiled = javac.getTask(null, null, diagnostics, options, null,
                pages.stream().map(Page::source).toList()).call();

        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> ((Source) d.getSource()).where(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT))
                .toList();
        assertThat(errors).as("javac's errors in the docs' Java blocks").isEmpty();
        assertThat(compiled).isTrue();
    }

    /** README.md, docs/*.md and every module's README.md. */
    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    /** A fenced block: its lines and the page line of the first. */
    private record Block(List<String> lines, int firstLine) {
    }

    private static List<Block> javaBlocks(Path file) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        List<String> current = null;
        int first = 0;
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
                first = k + 2;
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(new Block(current, first));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** One line of the generated source: its text and the page line it comes from (0 for scaffolding). */
    private record Line(String text, int pageLine) {
    }

    /** A page as one compilation unit. */
    private static final class Page {
        final Path file;
        final String packageName;
        final Set<String> imports = new LinkedHashSet<>();
        final List<Line> members = new ArrayList<>();
        final List<Line> statements = new ArrayList<>();
        final List<List<Line>> types = new ArrayList<>();

        Page(Path file, String packageName, List<Block> blocks) {
            this.file = file;
            this.packageName = packageName;
            for (Block block : blocks) {
                add(block);
            }
        }

        private void add(Block block) {
            List<Line> code = new ArrayList<>();
            boolean head = true;
            for (int k = 0; k < block.lines.size(); k++) {
                String text = block.lines.get(k);
                if (head && (text.isBlank() || IMPORT.matcher(text).matches())) {
                    if (!text.isBlank()) {
                        imports.add(text.strip());
                    }
                    continue;
                }
                head = false;
                code.add(new Line(text, block.firstLine + k));
            }
            String first = code.stream().map(line -> line.text.strip())
                    .filter(text -> !text.isEmpty() && !text.startsWith("//") && !text.startsWith("/*")
                            && !text.startsWith("*"))
                    .findFirst().orElse("");
            boolean javadoc = code.stream().map(line -> line.text.strip()).filter(text -> !text.isEmpty())
                    .findFirst().orElse("").startsWith("/**");
            if (TYPE.matcher(first).matches()) {
                types.add(code);
            } else if (javadoc || MEMBER.matcher(first).matches()) {
                if (types.isEmpty()) {
                    members.addAll(code);
                } else {
                    List<Line> type = types.get(types.size() - 1);
                    int closing = type.size() - 1;
                    while (closing > 0 && !type.get(closing).text.strip().equals("}")) {
                        closing--;
                    }
                    type.addAll(closing, code);
                }
            } else {
                statements.addAll(code);
            }
        }

        JavaFileObject source() {
            List<Line> lines = new ArrayList<>();
            lines.add(new Line("package " + packageName + ";", 0));
            imports.forEach(line -> lines.add(new Line(line, 0)));
            lines.add(new Line("class Page {", 0));
            lines.addAll(members);
            lines.add(new Line("void page() {", 0));
            lines.addAll(statements);
            lines.add(new Line("}", 0));
            lines.add(new Line("}", 0));
            types.forEach(lines::addAll);
            return new Source(this, lines);
        }
    }

    /** The generated source of a page, mapping its lines back to the page's. */
    private static final class Source extends SimpleJavaFileObject {
        private final Page page;
        private final List<Line> lines;

        Source(Page page, List<Line> lines) {
            super(URI.create("string:///" + page.packageName.replace('.', '/') + "/Page.java"), Kind.SOURCE);
            this.page = page;
            this.lines = lines;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line.text).append('\n'));
            return text;
        }

        /** Where line {@code number} of this source comes from: the page and its line, or the scaffolding. */
        String where(long number) {
            Line line = number >= 1 && number <= lines.size() ? lines.get((int) number - 1) : null;
            String pageName = ROOT.relativize(page.file).toString();
            return line == null || line.pageLine == 0 ? pageName + " (the code around its blocks, line " + number
                    + " of " + getCharContent(true) + ")" : pageName + ":" + line.pageLine;
        }
    }
}
