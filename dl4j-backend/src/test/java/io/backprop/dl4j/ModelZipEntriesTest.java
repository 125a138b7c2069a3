package io.backprop.dl4j;

import static io.backprop.dl4j.ModelZips.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.ModelFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the entries ModelSerializer writes for a MultiLayerNetwork with weights are read; the rest are refused unread. */
class ModelZipEntriesTest {
    @TempDir
    Path dir;

    private Map<String, byte[]> exported;

    @BeforeEach
    void export() {
        exported = ModelZips.exported(dir);
        Tripwire.reset();
    }

    @Test
    void aModelSerializerZipIsReadAndItsUpdaterStateIgnored() {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "updaterState.bin", new byte[] {1, 2, 3}));

        assertThat(Dl4jModels.read(zip).spec()).isEqualTo(ModelZips.SPEC);
    }

    @Test
    void aJavaSerializedPreprocessorIsRefusedUnreadNamingTheEntry() throws Exception {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "preprocessor.bin", serialized(new Tripwire())));

        assertRefused(zip, "preprocessor.bin", "Java deserialization");
        assertThat(Tripwire.tripped()).as("the object was never deserialized").isFalse();

        // Why: DL4J's own reader deserializes it, whatever class it names.
        try {
            ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (RuntimeException | IOException expected) {
            // a Tripwire is no DataSetPreProcessor: DL4J notices only after running its readObject
        }
        assertThat(Tripwire.tripped()).as("DL4J's ModelSerializer deserializes preprocessor.bin").isTrue();
    }

    @Test
    void aHashMapKeyedByAUrlTheClassicDnsProbeIsRefusedUnread() throws Exception {
        // Deserializing a HashMap hashes its keys, and a URL's hash looks its host up: the well-known
        // probe for Java deserialization. The Tripwire value shows whether the map was ever read.
        HashMap<URL, Tripwire> probe = new HashMap<>();
        probe.put(new URL(null, "http://deserialization-probe.invalid/", new NoLookups()), new Tripwire());
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "preprocessor.bin", serialized(probe)));

        assertRefused(zip, "preprocessor.bin", "Java deserialization");
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void aNormalizerThatCannotBeReadIsRefusedRatherThanSilentlyDropped() {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "normalizer.bin", new byte[8]));

        assertRefused(zip, "normalizer.bin: starts with \"\"; expected \"NORMALIZER\"");
    }

    @Test
    void aZipWithoutParametersIsRefused() {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "noParams.marker", new byte[0]));

        assertRefused(zip, "noParams.marker", "expected a model with weights");
    }

    @Test
    void anObjectAddedToTheFileIsRefusedUnread() throws Exception {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "objects/labels", serialized(new Tripwire())));

        assertRefused(zip, "\"objects/labels\"", "Java-serialized");
        assertThat(Tripwire.tripped()).isFalse();
    }

    @Test
    void anyOtherEntryIsRefusedNamingItOnOneLine() {
        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "notes\nmore.txt", utf8("hello")));

        assertRefused(zip, "entry \"notes\\nmore.txt\" is not part of a MultiLayerNetwork zip",
                "expected only configuration.json, coefficients.bin, updaterState.bin, normalizer.bin and"
                        + " backprop/classes.json");
    }

    @Test
    void aZipOfMoreThanSixteenEntriesIsRefusedBeforeTheyAreLookedAt() {
        Map<String, byte[]> many = new LinkedHashMap<>(exported);
        for (int k = 0; k < 15; k++) {
            many.put("extra-" + k, new byte[0]);
        }
        Path zip = ModelZips.write(dir, "m.zip", many);

        assertRefused(zip, "holds 17 entries; expected at most 16");
    }

    @Test
    void aMissingEntryIsNamed() {
        Map<String, byte[]> noCoefficients = new LinkedHashMap<>(exported);
        noCoefficients.remove("coefficients.bin");

        assertRefused(ModelZips.write(dir, "m.zip", noCoefficients), "has no coefficients.bin");
    }

    @Test
    void anEntryTwiceIsRefused() {
        // ZipOutputStream refuses a duplicate name, so the second one is written under another name
        // of the same length and renamed in place.
        Map<String, byte[]> twice = new LinkedHashMap<>(exported);
        twice.put("configuration.jsoN", exported.get("configuration.json"));
        byte[] zip = ModelZips.zip(twice);
        byte[] renamed = new String(zip, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("configuration.jsoN", "configuration.json").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertRefused(ModelZips.write(dir, "m.zip", renamed), "configuration.json: appears twice");
    }

    @Test
    void aFileThatIsNotAZipIsRefused() {
        Path zip = ModelZips.write(dir, "m.zip", utf8("{\"format\": \"backprop-model/1\"}"));

        assertRefused(zip, "not a DL4J MultiLayerNetwork zip", "expected a file written by ModelSerializer");
    }

    static void assertRefused(Path zip, String... fragments) {
        assertThatThrownBy(() -> Dl4jModels.read(zip))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(zip + ": ")
                .hasMessageContainingAll(fragments)
                .satisfies(e -> OneLine.assertOneLine(e.getMessage()));
    }

    private static byte[] serialized(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** A URL handler that never looks a host up here, so that making the probe costs no DNS query. */
    private static final class NoLookups extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            throw new IOException("not for use");
        }

        @Override
        protected synchronized InetAddress getHostAddress(URL url) {
            return null;
        }
    }
}
