package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `import` of a hostile or unrepresentable DL4J zip exits 2 with one line naming the entry, and writes nothing. */
class ImportSafetyTest {
    private static final String MODEL = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25).modelJson();

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    private Map<String, byte[]> exported;

    @BeforeEach
    void export() throws IOException {
        Path model = Cli.write(dir, "m.json", MODEL);
        Path zip = dir.resolve("exported.zip");
        Cli.Run run = Cli.run("export", "--model", model, "--to", "dl4j", zip);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        exported = entries(Files.readAllBytes(zip));
        Tripwire.tripped = false;
    }

    @Test
    void aSerializedObjectInPreprocessorBinIsRefusedAndNeverDeserialized() throws IOException {
        HashMap<String, Tripwire> gadget = new HashMap<>();
        gadget.put("payload", new Tripwire());

        Cli.Run run = importing(with("preprocessor.bin", serialized(gadget)));

        assertOneLineExitTwo(run, "preprocessor.bin", "Java deserialization");
        assertThat(Tripwire.tripped).isFalse();
    }

    @Test
    void coefficientsDeclaringTwoToTheThirtyOneValuesAreRefusedAtOnce() throws IOException {
        Cli.Run run = importing(with("coefficients.bin", coefficients(1L << 31)));

        assertOneLineExitTwo(run, "coefficients.bin", "2147483648 values", "9 weights and biases");
    }

    @Test
    void anAdamStateDeclaringTwoToTheThirtyOneValuesIsRefusedAtOnce() throws IOException {
        Path people = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path trained = dir.resolve("adam.json");
        Path zip = dir.resolve("adam.zip");
        Cli.Run train = Cli.run("train", "--model", dir.resolve("m.json"), "--data", people, "--epochs", 2,
                "--optimizer", "adam", "--out", trained);
        Cli.Run export = Cli.run("export", "--model", trained, "--to", "dl4j", zip);
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(export.exitCode()).as(export.toString()).isZero();
        exported = entries(Files.readAllBytes(zip));
        assertThat(exported).containsKey("updaterState.bin");

        Cli.Run run = importing(with("updaterState.bin", coefficients(1L << 31)));

        assertOneLineExitTwo(run, "updaterState.bin", "2147483648 values", "adam keeps 2 values (m, v) per weight"
                + " and bias, 18 in all");
    }

    @Test
    void layerNormalisationIsRefusedNamingTheLayer() {
        String configuration = new String(exported.get("configuration.json"), StandardCharsets.UTF_8);
        assertThat(configuration).contains("\"hasLayerNorm\" : false");

        Cli.Run run = importing(with("configuration.json",
                configuration.replace("\"hasLayerNorm\" : false", "\"hasLayerNorm\" : true").getBytes(StandardCharsets.UTF_8)));

        assertOneLineExitTwo(run, "configuration.json: layer 0 (DenseLayer): layer normalisation (hasLayerNorm) is not"
                + " supported");
    }

    @Test
    void aClassOutsideDl4jInTheConfigurationIsRefusedNamingItsPath() {
        String configuration = new String(exported.get("configuration.json"), StandardCharsets.UTF_8)
                .replaceFirst("org\\.nd4j\\.linalg\\.activations\\.impl\\.ActivationSigmoid", "com.example.Gadget");

        Cli.Run run = importing(with("configuration.json", configuration.getBytes(StandardCharsets.UTF_8)));

        assertOneLineExitTwo(run, "configuration.json: confs[0].layer.activationFn.@class: found \"com.example.Gadget\"");
    }

    @Test
    void aDirectoryOrAFifoIsNamedForWhatItIsNotAsMissing() throws Exception {
        Files.createDirectory(dir.resolve("in.zip"));
        assertOneLineExitTwo(Cli.run("import", dir.resolve("in.zip"), "--out", dir.resolve("out.json")),
                "a directory; expected a DL4J model zip, a regular file");
        Files.delete(dir.resolve("in.zip"));
        Process mkfifo = processes.start(new ProcessBuilder("mkfifo", dir.resolve("in.zip").toString()));
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
        assertOneLineExitTwo(Cli.run("import", dir.resolve("in.zip"), "--out", dir.resolve("out.json")),
                "not a regular file; expected a DL4J model zip, a regular file");
    }

    @Test
    void anOutThatIsADirectoryIsRefusedBeforeTheZipIsRead() throws IOException {
        Path zip = dir.resolve("in.zip");
        Files.write(zip, zip(with("preprocessor.bin", new byte[] {1})));
        Files.createDirectory(dir.resolve("out.json"));
        Cli.Run run = Cli.run("import", zip, "--out", dir.resolve("out.json"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: " + dir.resolve("out.json") + ": cannot be written (is a directory");
    }

    private Cli.Run importing(Map<String, byte[]> entries) {
        Path zip = dir.resolve("in.zip");
        try {
            Files.write(zip, zip(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Cli.run("import", zip, "--out", dir.resolve("out.json"));
    }

    private void assertOneLineExitTwo(Cli.Run run, String... fragments) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("backprop: " + dir.resolve("in.zip") + ": ")
                .contains(List.of(fragments)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    private Map<String, byte[]> with(String name, byte[] content) {
        Map<String, byte[]> changed = new LinkedHashMap<>(exported);
        changed.put(name, content);
        return changed;
    }

    /** ND4J's format for a vector of {@code count} doubles (shape information, then data), holding one. */
    private static byte[] coefficients(long count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(6);
            out.writeUTF("LONG");
            for (long value : new long[] {1, count, 1, 0x4000, 1, 'c'}) {
                out.writeLong(value);
            }
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(count);
            out.writeUTF("DOUBLE");
            out.writeDouble(0.5);
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] serialized(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** Records being deserialized, as a gadget would run its code. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean tripped;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            tripped = true;
            in.defaultReadObject();
        }
    }
}
