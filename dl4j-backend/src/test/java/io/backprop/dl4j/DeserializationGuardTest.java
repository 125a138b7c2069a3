package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** No Java deserialization while a model file is read: none of ours, and none of DL4J's, should it start. */
class DeserializationGuardTest {
    private static final Path ROOT = Path.of("..");

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    @BeforeEach
    void reset() {
        Tripwire.reset();
    }

    @Test
    void theFilterRejectsEveryClass() throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized(new Tripwire())))) {
            in.setObjectInputFilter(DeserializationGuard.REJECT_ALL);

            assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class);
        }
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void theFactoryGivesEveryStreamMadeDuringAReadTheFilterAndLeavesOthersAlone() {
        ObjectInputFilter theirs = info -> ObjectInputFilter.Status.ALLOWED;
        DeserializationGuard guard = new DeserializationGuard();

        assertThat(guard.apply(null, theirs)).isSameAs(theirs);
        assertThat(DeserializationGuard.during(() -> guard.apply(null, theirs))).isSameAs(DeserializationGuard.REJECT_ALL);
        assertThat(DeserializationGuard.during(() -> guard.apply(DeserializationGuard.REJECT_ALL, theirs)))
                .as("a stream's own filter, set later, does not lift it").isSameAs(DeserializationGuard.REJECT_ALL);
        assertThat(DeserializationGuard.reading()).isFalse();
    }

    @Test
    void inAFreshJvmTheFirstImportInstallsTheGuardAndAStreamMadeDuringAReadReadsNothing() throws Exception {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.exported(dir));
        Process child = processes.start(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-cp", System.getProperty("java.class.path"), FreshJvmImport.class.getName(), zip.toString())
                .redirectErrorStream(true));
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output.lines().filter(line -> !line.contains("INFO") && line.contains(": ")))
                .as(output)
                .contains("spec: " + ModelZips.SPEC, "factory: DeserializationGuard", "during a read: rejected",
                        "tripped: false", "outside a read: a string");
    }

    @Test
    void theFirstReadInstallsTheGuardWhenTheJvmAllowsIt() {
        Dl4jModels.read(ModelZips.write(dir, "m.zip", ModelZips.exported(dir)));

        // This JVM has made object streams in other tests, after which the JDK allows no factory to
        // be set: then install() says so, and the JVM is left as it was.
        assertThat(ObjectInputFilter.Config.getSerialFilterFactory())
                .satisfiesAnyOf(factory -> assertThat(factory).isInstanceOf(DeserializationGuard.class),
                        factory -> assertThat(DeserializationGuard.install()).as("the JVM allows no factory").isFalse());
    }

    /** Nothing of ours reads Java-serialized objects, or asks DL4J to, in any module. */
    @Test
    void noSourceOfOursDeserializesJavaObjects() throws IOException {
        Pattern deserializing = Pattern.compile("new\\s+ObjectInputStream|\\.readObject\\(|readUnshared\\("
                + "|ModelSerializer\\s*\\.\\s*(restore|getObjectFromFile)|SerializationUtils\\s*\\.\\s*deserialize"
                + "|XMLDecoder");
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/") && !p.toString().contains("/target/"))
                    .toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (!line.startsWith("*") && !line.startsWith("//") && !line.startsWith("/*")
                        && deserializing.matcher(line).find()) {
                    found.add(source + ":" + (n + 1) + ": " + line);
                }
            }
        }

        assertThat(sources).as("main sources found").hasSizeGreaterThan(50)
                .anySatisfy(p -> assertThat(p.toString()).endsWith("Dl4jModels.java"));
        assertThat(found).isEmpty();
    }

    private static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }
}
