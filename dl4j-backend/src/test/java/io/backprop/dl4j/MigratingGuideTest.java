package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.teaching.Article;
import io.backprop.teaching.ArticleNames;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The code of docs/migrating.md, run: every Java block of the guide appears here verbatim (up to
 * indentation; a block's import lines among this file's imports), so the guide cannot drift from
 * code that compiles and works. {@link DocsJavaBlocksTest} compiles the blocks as the page shows them.
 */
class MigratingGuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "migrating.md");

    @TempDir
    Path dir;

    @Test
    void theArticlesNetworkInThreeSteps() throws IOException {
        // Step 1
        NetworkSpec spec = NetworkSpec.builder(2)      // x1 = weight − 135, x2 = height − 66
                .layer(2, Activation.SIGMOID)          // h1, h2
                .layer(1, Activation.SIGMOID)          // o1
                .loss(Loss.MSE)
                .build();
        DataSet people = DataSet.of(
                new double[][] {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}},  // Alice, Bob, Charlie, Diana
                new double[][] {{1}, {0}, {0}, {1}});                    // 1 = female

        Network network = Backends.create("reference", spec, Initializer.STANDARD_NORMAL.initialize(spec, 1));
        network.fit(people, TrainingOptions.builder()
                .learningRate(0.1)             // learn_rate
                .epochs(1000)                  // epochs
                .batchSize(BatchSize.of(1))    // one sample at a time: stochastic gradient descent
                .build());

        double emily = network.predict(new double[] {-7, -3})[0];
        double w1 = ArticleNames.get(network.parameters(), "w1");
        // End of step 1
        // The guide spells the article's example out for its reader; it is the teaching module's, number for number.
        assertThat(spec).isEqualTo(Article.NETWORK);
        assertThat(people).isEqualTo(Article.PEOPLE);
        assertThat(network.predict(Article.EMILY.features())[0]).isEqualTo(emily);
        assertThat(emily).isGreaterThan(0.5);
        assertThat(w1).isEqualTo(network.parameters().layer(0).weight(0, 0));

        // Step 2
        Network onDl4j = Backends.create("dl4j", spec, Initializer.STANDARD_NORMAL.initialize(spec, 1));
        // End of step 2
        onDl4j.fit(Article.PEOPLE, Article.TRAINING);
        assertThat(onDl4j.predict(Article.EMILY.features())[0])
                .isCloseTo(emily, org.assertj.core.api.Assertions.within(1e-12));

        // Step 3, below
        MultiLayerNetwork mine = toPlainDl4j(onDl4j, dir);
        assertThat(mine.output(Nd4j.create(new double[][] {Article.EMILY.features()})).getDouble(0))
                .isEqualTo(onDl4j.predict(Article.EMILY.features())[0]);
        assertThat(Dl4jModels.fromMultiLayerNetwork(ModelSerializer.restoreMultiLayerNetwork(
                dir.resolve("gender.zip").toFile())).parameters()).contains(onDl4j.parameters());
    }

    // Step 3
    /** The network as a plain DL4J MultiLayerNetwork, also saved in dir as DL4J's own model file. */
    static MultiLayerNetwork toPlainDl4j(Network onDl4j, Path dir) throws IOException {
        MultiLayerNetwork mine = Dl4jModels.toMultiLayerNetwork(onDl4j);
        double emilyOnDl4j = mine.output(Nd4j.create(new double[][] {{-7, -3}})).getDouble(0);
        System.out.println("Emily on plain DL4J: " + emilyOnDl4j);   // what onDl4j.predict gives
        ModelSerializer.writeModel(mine, dir.resolve("gender.zip").toFile(), false);
        return mine;
    }
    // End of step 3

    @Test
    void everyJavaBlockOfTheGuideIsCodeOfThisTest() throws IOException {
        String source = normalise(Files.readString(Path.of("src", "test", "java", "io", "backprop", "dl4j",
                "MigratingGuideTest.java")));
        List<String> imports = source.lines().filter(line -> line.startsWith("import ")).toList();
        List<String> blocks = javaBlocks(Files.readString(GUIDE));

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        for (String block : blocks) {
            String code = normalise(block);
            // This test's own package needs no import.
            List<String> blockImports = code.lines().filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import io\\.backprop\\.dl4j\\.[A-Z]\\w*;")).toList();
            assertThat(imports).as("the imports of a Java block of docs/migrating.md").containsAll(blockImports);
            String rest = code.lines().filter(line -> !line.startsWith("import "))
                    .map(line -> line + "\n").reduce("", String::concat);
            assertThat(source).as("a Java block of docs/migrating.md").contains(rest);
        }
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** Each line stripped of its indentation, blank lines dropped. */
    private static String normalise(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }
}
