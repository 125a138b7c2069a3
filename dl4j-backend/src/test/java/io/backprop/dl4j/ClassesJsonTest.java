package io.backprop.dl4j;

import static io.backprop.dl4j.ModelZipEntriesTest.assertRefused;
import static io.backprop.dl4j.ModelZips.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backprop/classes.json gives the model's class names, as many as its one output (two) needs, each once. */
class ClassesJsonTest {
    @TempDir
    Path dir;

    private Map<String, byte[]> exported;

    @BeforeEach
    void export() {
        exported = ModelZips.exported(dir);
    }

    private Path withClasses(String json) {
        return ModelZips.write(dir, "m.zip", ModelZips.with(exported, "backprop/classes.json", utf8(json)));
    }

    @Test
    void theClassesAreReadInTheirOrder() {
        assertThat(Dl4jModels.read(withClasses("{\"classes\": [\"M\", \"F\"]}")).classes().orElseThrow().names())
                .containsExactly("M", "F");
    }

    @Test
    void anotherNumberOfClassesThanTheOutputsTellApartIsRefused() {
        assertRefused(withClasses("{\"classes\": [\"a\", \"b\", \"c\"]}"), "backprop/classes.json: classes: found 3"
                + " classes; the network has 1 output; expected 2 classes for one output (0 and 1)");
    }

    @Test
    void aNameTwiceOrEmptyIsRefusedOnOneLine() {
        String longName = "x\n".repeat(5000);
        assertRefused(withClasses("{\"classes\": [\"" + longName.replace("\n", "\\n") + "\", \""
                + longName.replace("\n", "\\n") + "\"]}"), "backprop/classes.json: classes[1]: found \"x\\nx\\n");
        assertRefused(withClasses("{\"classes\": [\"M\", \"\"]}"), "backprop/classes.json: classes[1]: found \"\";"
                + " expected a class name");
        assertRefused(withClasses("{\"classes\": [\"M\", 1]}"), "backprop/classes.json: classes[1]: found a JSON"
                + " number; expected a class name");
    }

    @Test
    void anythingButOneArrayOfNamesIsRefused() {
        assertRefused(withClasses("[\"M\", \"F\"]"), "backprop/classes.json: found a JSON array; expected"
                + " {\"classes\": [\"name\", ...]}");
        assertRefused(withClasses("{\"classes\": [\"M\", \"F\"], \"labels\": 1}"),
                "backprop/classes.json: \"labels\": unknown field; expected only \"classes\"");
        assertRefused(withClasses("{\"classes\": [\"M\", \"F\"], \"classes\": [\"F\", \"M\"]}"),
                "backprop/classes.json:1:", "not valid JSON");
        assertRefused(withClasses("{\"classes\": \"M,F\"}"), "backprop/classes.json: classes: found a JSON string;"
                + " expected an array of class names");
        assertRefused(withClasses(""), "backprop/classes.json: found nothing");
    }
}
