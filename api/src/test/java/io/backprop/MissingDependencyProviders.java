package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.spi.Backend;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Providers that need a class missing from the class path, as {@code backprop-dl4j} does when ND4J is
 * not there: compiled for the test, then the class they need deleted. They cannot be ordinary test
 * classes, whose dependencies are all on the test class path.
 */
final class MissingDependencyProviders {
    /** Extends the missing class, so that its own class cannot be defined. */
    static final String NEEDS_IT_TO_LOAD = "gone.NeedsItToLoad";
    /** A second one, so that a test can tell which of two the error is about. */
    static final String ALSO_NEEDS_IT_TO_LOAD = "gone.AlsoNeedsItToLoad";
    /** Loads, but its constructor uses the missing class. */
    static final String NEEDS_IT_TO_RUN = "gone.NeedsItToRun";
    /** The dl4j backend's provider class, whose constructor uses the missing class. */
    static final String DL4J = "io.backprop.dl4j.Dl4jBackend";
    /** The class that is missing, as the JVM names it. */
    static final String MISSING = "gone/Dependency";

    private MissingDependencyProviders() {
    }

    private static String backend(String pkg, String simpleName, String name, String extendsClause, String body) {
        return "package " + pkg + ";\n"
                + "public class " + simpleName + extendsClause + " implements io.backprop.spi.Backend {\n"
                + body
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return \"needs gone.Dependency\"; }\n"
                + "  public io.backprop.Network create(io.backprop.spec.NetworkSpec spec,"
                + " io.backprop.params.Parameters parameters) { throw new UnsupportedOperationException(); }\n"
                + "}\n";
    }

    /** Compiles them into {@code classes} and deletes the class they need; returns {@code classes}. */
    static Path compileInto(Path classes) throws IOException, URISyntaxException {
        Path sources = Files.createDirectories(classes.resolveSibling(classes.getFileName() + "-sources"));
        Map<String, String> files = Map.of(
                "gone/Dependency.java", "package gone;\npublic class Dependency {\n}\n",
                "gone/NeedsItToLoad.java", backend("gone", "NeedsItToLoad", "needs-it-to-load",
                        " extends Dependency", ""),
                "gone/AlsoNeedsItToLoad.java", backend("gone", "AlsoNeedsItToLoad", "also-needs-it-to-load",
                        " extends Dependency", ""),
                "gone/NeedsItToRun.java", backend("gone", "NeedsItToRun", "needs-it-to-run", "",
                        "  public NeedsItToRun() { new Dependency(); }\n"),
                "io/backprop/dl4j/Dl4jBackend.java", backend("io.backprop.dl4j", "Dl4jBackend", "dl4j", "",
                        "  public Dl4jBackend() { new gone.Dependency(); }\n"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-encoding", "UTF-8",
                "-classpath", Path.of(Backend.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString()));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path source = sources.resolve(file.getKey());
            Files.createDirectories(source.getParent());
            Files.writeString(source, file.getValue());
            arguments.add(source.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(code).as("javac's exit code; it said: %s", errors).isZero();
        Files.delete(classes.resolve(MISSING + ".class"));
        return classes;
    }
}
