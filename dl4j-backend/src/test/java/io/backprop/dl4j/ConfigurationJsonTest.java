package io.backprop.dl4j;

import static io.backprop.dl4j.ModelZipEntriesTest.assertRefused;
import static io.backprop.dl4j.ModelZips.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configuration.json reaches DL4J only when small, UTF-8, one JSON object, and naming only DL4J's and ND4J's classes. */
class ConfigurationJsonTest {
    private static final String SIGMOID = "\"org.nd4j.linalg.activations.impl.ActivationSigmoid\"";

    @TempDir
    Path dir;

    private Map<String, byte[]> exported;
    private String json;

    @BeforeEach
    void export() {
        exported = ModelZips.exported(dir);
        json = new String(exported.get("configuration.json"), StandardCharsets.UTF_8);
        assertThat(json).contains(SIGMOID);
    }

    private Path withConfiguration(String configuration) {
        return ModelZips.write(dir, "m.zip", ModelZips.with(exported, "configuration.json", utf8(configuration)));
    }

    @Test
    void aClassOutsideDl4jAndNd4jIsRefusedNamingItsPath() {
        Path zip = withConfiguration(json.replaceFirst(SIGMOID, "\"com.example.Gadget\""));

        assertRefused(zip, "configuration.json: confs[0].layer.activationFn.@class: found \"com.example.Gadget\";"
                + " expected a class in org.deeplearning4j.*, org.nd4j.* (not org.nd4j.shade.*) or io.backprop.dl4j.*");
    }

    @Test
    void aClassOfTheLibrariesNd4jCarriesShadedIsRefused() {
        Path zip = withConfiguration(json.replaceFirst(SIGMOID,
                "\"org.nd4j.shade.jackson.databind.node.POJONode\""));

        assertRefused(zip, "confs[0].layer.activationFn.@class", "org.nd4j.shade.jackson");
    }

    @Test
    void aGenericTypeWhoseParameterIsAGadgetIsRefused() {
        // Jackson would load every class named in the parameters of a generic type id.
        Path zip = withConfiguration(json.replaceFirst(SIGMOID,
                "\"org.nd4j.linalg.activations.impl.ActivationSigmoid<com.example.Gadget>\""));

        assertRefused(zip, "confs[0].layer.activationFn.@class", "Gadget");
    }

    @Test
    void theTypePropertyOfADistributionIsCheckedToo() {
        String distribution = "\"weightInitFn\" : {\"@class\" : \"org.deeplearning4j.nn.weights.WeightInitDistribution\","
                + " \"distribution\" : {\"type\" : \"com.example.Gadget\", \"mean\" : 0.0, \"std\" : 1.0}},";
        Path zip = withConfiguration(json.replaceFirst("\"weightInitFn\" : \\{", distribution + " \"unused\" : {"));

        assertRefused(zip, "confs[0].layer.weightInitFn.distribution.type: found \"com.example.Gadget\"");
    }

    @Test
    void aClassNameAsTheFirstElementOfAnArrayIsCheckedSinceJacksonReadsThatFormToo() {
        Path zip = withConfiguration(json.replaceFirst("\"activationFn\" : \\{\\s*\"@class\" : " + SIGMOID + "\\s*}",
                "\"activationFn\" : [ \"com.example.Gadget\", { } ]"));

        assertRefused(zip, "confs[0].layer.activationFn[0]: found \"com.example.Gadget\" where DL4J may read a class name");
    }

    @Test
    void aFieldTwiceIsRefusedSinceDl4jMightReadTheOtherOne() {
        Path zip = withConfiguration(json.replaceFirst("\"@class\" : " + SIGMOID,
                "\"@class\" : \"com.example.Gadget\", \"@class\" : " + SIGMOID));

        assertRefused(zip, "configuration.json:", "not valid JSON", "Duplicate field '@class'");
    }

    @Test
    void aComputationGraphIsRefusedClearly() {
        Path zip = withConfiguration("{\"vertices\": {}, \"networkInputs\": [\"in\"], \"networkOutputs\": [\"out\"]}");

        assertRefused(zip, "configuration.json: a ComputationGraph configuration", "expected a MultiLayerNetwork");
    }

    @Test
    void moreThanFourMebibytesAreRefused() {
        String padded = json.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(4 << 20) + "\",");
        byte[] zip = ModelZips.zip(ModelZips.with(exported, "configuration.json", utf8(padded)));

        assertRefused(ModelZips.write(dir, "honest.zip", zip), "configuration.json: declares " + utf8(padded).length
                + " bytes; expected at most 4194304 (4 MiB)");
        // The size a zip declares is not trusted: the limit holds while reading.
        assertRefused(ModelZips.write(dir, "lying.zip", ModelZips.withDeclaredSize(zip, "configuration.json", 1000)),
                "configuration.json: holds more than 4194304 bytes; expected at most 4 MiB");
    }

    @Test
    void anEntryDeclaringTwoGigabytesIsRefusedBeforeItIsRead() {
        byte[] zip = ModelZips.withDeclaredSize(ModelZips.zip(exported), "configuration.json", 1L << 31);

        assertRefused(ModelZips.write(dir, "m.zip", zip), "configuration.json: declares 2147483648 bytes;"
                + " expected at most 4194304 (4 MiB)");
    }

    @Test
    void aZipBombAsConfigurationIsRefusedInflatingNoMoreThanFourMebibytes() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        ModelZips.writeBomb(bomb, exported, "configuration.json", new byte[0], 1L << 30);
        assertThat(Files.size(bomb)).as("1 GiB of zeros, compressed").isLessThan(2L << 20);
        Path lying = ModelZips.write(dir, "lying.zip",
                ModelZips.withDeclaredSize(Files.readAllBytes(bomb), "configuration.json", 1000));

        assertRefused(bomb, "configuration.json: declares 1073741824 bytes");
        long before = allocatedBytes();
        long start = cpuNanos();
        assertRefused(lying, "configuration.json: holds more than 4194304 bytes");
        assertThat(allocatedBytes() - before).as("bytes allocated while refusing a 1 GiB entry").isLessThan(64L << 20);
        assertThat(cpuNanos() - start).as("nanoseconds of CPU taken").isLessThan(5_000_000_000L);
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        byte[] latin1 = json.replaceFirst("layer0", "couche\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        Path zip = ModelZips.write(dir, "m.zip", ModelZips.with(exported, "configuration.json", latin1));

        assertRefused(zip, "configuration.json: not UTF-8 text");
    }

    @Test
    void deepNestingIsRefusedBeforeDl4jsParserCouldOverflowTheStack() {
        Path zip = withConfiguration(json.replaceFirst("\\{", "{\"deep\": " + "[".repeat(100_000) + "]".repeat(100_000)
                + ","));

        assertRefused(zip, "configuration.json:", "not valid JSON", "nesting depth");
    }

    @Test
    void textThatIsNotJsonIsRefusedWithItsLineAndColumn() {
        assertRefused(withConfiguration("{\n  \"confs\": [,]\n}"), "configuration.json:2:", "not valid JSON");
    }

    @Test
    void theClassAllowlistAcceptsExactlyTheThreePackages() {
        assertThat(ClassAllowlist.allowed("org.deeplearning4j.nn.conf.layers.DenseLayer")).isTrue();
        assertThat(ClassAllowlist.allowed("org.nd4j.linalg.learning.config.Sgd")).isTrue();
        assertThat(ClassAllowlist.allowed("io.backprop.dl4j.ExactSlopes$Sigmoid")).isTrue();
        assertThat(ClassAllowlist.allowed("org.deeplearning4jx.Evil")).isFalse();
        assertThat(ClassAllowlist.allowed("org.nd4j.shade.guava.Evil")).isFalse();
        assertThat(ClassAllowlist.allowed("io.backprop.Evil")).isFalse();
        assertThat(ClassAllowlist.allowed("[Lorg.nd4j.Evil;")).isFalse();
        assertThat(ClassAllowlist.allowed("org.nd4j.A<java.lang.Runtime>")).isFalse();
        assertThat(ClassAllowlist.allowed(" org.nd4j.A")).isFalse();
    }

    /** The bytes this thread has allocated on the heap so far. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /**
     * The CPU time this thread has used, in nanoseconds: the work a refusal does, which other
     * processes on a loaded machine do not lengthen as they do the time it takes.
     */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
