package io.backprop.cli;

import io.backprop.teaching.Article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    /** Some network that is not symmetric, so that swapped weights or columns would show. */
    private static final Net221 SOME_NET = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);

    @TempDir
    Path dir;

    @Test
    void theArticlesNetworkWithEveryWeightZeroOneAndBiasZeroGivesPoint7216ForInputTwoThree() {
        Net221 article = Net221.of(0, 1, 0, 1, 0, 1, 0, 0, 0);
        Path model = Cli.write(dir, "model.json", article.modelJson());
        Path data = Cli.write(dir, "x.csv", "x1,x2\n2,3\n");

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode outputs = run.json().get("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0)).hasSize(1);
        assertThat(outputs.get(0).get(0).asDouble()).isCloseTo(0.7216325609518421, within(1e-15));
    }

    @Test
    void jsonHasOneOutputRowPerDataRowMatchingAHandComputedForwardPass() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("outputs");
        JsonNode outputs = json.get("outputs");
        assertThat(outputs).hasSize(Net221.PEOPLE.length);
        for (int r = 0; r < Net221.PEOPLE.length; r++) {
            assertThat(outputs.get(r)).hasSize(1);
            assertThat(outputs.get(r).get(0).asDouble()).as("row %d", r)
                    .isCloseTo(SOME_NET.output(Net221.PEOPLE[r]), within(1e-14));
        }
    }

    @Test
    void namedFeatureColumnsAreFedInTheOrderGivenWhateverTheirOrderInTheFile() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "shuffled.csv", "height,id,weight\n-1,7,-2\n6,8,25\n");

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data, "--features", "weight,height", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode outputs = run.json().get("outputs");
        assertThat(outputs.get(0).get(0).asDouble())
                .isCloseTo(SOME_NET.output(Article.ALICE.features()), within(1e-14));
        assertThat(outputs.get(1).get(0).asDouble())
                .isCloseTo(SOME_NET.output(Article.BOB.features()), within(1e-14));
    }

    @Test
    void withoutJsonPrintsAnOutputHeaderThenOneCsvLinePerRow() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1 + Net221.PEOPLE.length);
        assertThat(lines.get(0)).isEqualTo("output");
        for (int r = 0; r < Net221.PEOPLE.length; r++) {
            assertThat(Double.parseDouble(lines.get(r + 1))).isCloseTo(SOME_NET.output(Net221.PEOPLE[r]), within(1e-14));
        }
    }

    @Test
    void predictsForRowsWithoutAnyTargetColumn() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "newcomers.csv", ArticleFiles.NEWCOMERS);

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode outputs = run.json().get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(1).get(0).asDouble())
                .isCloseTo(SOME_NET.output(Article.FRANK.features()), within(1e-14));
    }

    @Test
    void aNetworkWithTwoOutputsGivesTwoValuesPerRowAndNumberedColumnsInText() {
        // One identity layer: outputs W·x + b, with W = [[1, 2], [-3, 0.5]] and b = [0.25, -1].
        Path model = Cli.write(dir, "linear.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
                 "layers": [{"units": 2, "activation": "identity", "weights": [[1, 2], [-3, 0.5]], "biases": [0.25, -1]}]}
                """);
        Path data = Cli.write(dir, "x.csv", "a,b\n1,1\n-2,4\n");

        Cli.Run json = Cli.run("predict", "--model", model, "--data", data, "--json");
        Cli.Run text = Cli.run("predict", "--model", model, "--data", data);

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode outputs = json.json().get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(Cli.doubles(outputs.get(0))).containsExactly(1 + 2 + 0.25, -3 + 0.5 - 1);
        assertThat(Cli.doubles(outputs.get(1))).containsExactly(-2 + 8 + 0.25, 6 + 2 - 1);
        assertThat(text.out().lines().toList()).containsExactly("output1,output2", "3.25,-3.5", "6.25,7.0");
    }

    /** predict computes no loss, so targets named for it would be read and silently ignored; evaluate uses them. */
    @Test
    void targetsAreRefusedSinceNothingInPredictUsesThemPointingAtEvaluate() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data, "--targets", "gender", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .contains("--targets")
                .contains("not used by predict")
                .contains("use `backprop evaluate`");
    }
}
