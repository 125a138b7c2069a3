package io.backprop.cli;

import io.backprop.conformance.comparison.Tolerances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Class names as targets, --standardize, and both kept in the model file for predict, gradient and check. */
class RealDataTest {
    private static final Path ARTICLE = Path.of("..", "examples", "article");
    private static final Net221 START = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);
    /** The article's four people in pounds and inches; their means are 141.25 lb and 66.75 in. */
    private static final String RAW = ArticleFiles.PEOPLE_RAW;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "predicting on {0}")
    @ValueSource(strings = {"reference", "dl4j"})
    void theRawArticleTableTrainsWithStandardizeAndPredictsEmilyFemaleAndFrankMale(String backend) {
        Path out = dir.resolve("raw.json");

        // The command line ./backprop demo prints.
        Cli.Run train = Cli.run("train", "--model", ARTICLE.resolve("spec.json"), "--data",
                ARTICLE.resolve("people-raw.csv"), "--features", "weight_lb,height_in", "--targets", "gender",
                "--classes", "M,F", "--standardize", "--out", out);
        Cli.Run predict = Cli.run("predict", "--model", out, "--data", ARTICLE.resolve("newcomers-raw.csv"),
                "--features", "weight_lb,height_in", "--json", "--backend", backend);

        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.out()).contains("classes: M = 0, F = 1").contains("standardized from this data");
        JsonNode model = Cli.readJson(out);
        assertThat(model.get("classes").toString()).isEqualTo("[\"M\",\"F\"]");
        assertThat(Cli.doubles(model.get("standardize").get("mean"))).containsExactly(141.25, 66.75);
        assertThat(predict.exitCode()).as(predict.toString()).isZero();
        // Emily (128 lb, 63 in) is female, Frank (155 lb, 68 in) male, as in the article.
        assertThat(predict.json().get("classes").toString()).isEqualTo("[\"F\",\"M\"]");
        assertThat(predict.json().get("outputs")).hasSize(2);
    }

    @Test
    void explainStandardizesItsInputAsPredictDoes() {
        Path out = dir.resolve("raw.json");
        Cli.Run train = Cli.run("train", "--model", ARTICLE.resolve("spec.json"), "--data",
                ARTICLE.resolve("people-raw.csv"), "--features", "weight_lb,height_in", "--targets", "gender",
                "--classes", "M,F", "--standardize", "--epochs", 100, "--out", out);
        assertThat(train.exitCode()).as(train.toString()).isZero();

        // Emily, in pounds and inches, as newcomers-raw.csv has her.
        JsonNode explained = Cli.run("explain", "--model", out, "--input", "128,63", "--json").json();
        JsonNode predicted = Cli.run("predict", "--model", out, "--data", ARTICLE.resolve("newcomers-raw.csv"),
                "--features", "weight_lb,height_in", "--json").json();
        Cli.Run text = Cli.run("explain", "--model", out, "--input", "128,63");

        assertThat(Cli.doubles(explained.get("given"))).containsExactly(128.0, 63.0);
        double[] mean = Cli.doubles(Cli.readJson(out).get("standardize").get("mean"));
        double[] std = Cli.doubles(Cli.readJson(out).get("standardize").get("std"));
        assertThat(Cli.doubles(explained.get("input")))
                .containsExactly((128 - mean[0]) / std[0], (63 - mean[1]) / std[1]);
        JsonNode outputLayer = explained.get("layers").get(1);
        assertThat(outputLayer.get("neurons").get(0).get("output").asDouble())
                .isEqualTo(predicted.get("outputs").get(0).get(0).asDouble());
        assertThat(text.out()).startsWith("the model standardizes its inputs (x − mean) / std: --input [128.0, 63.0]");
    }

    @Test
    void dl4jTrainsOnTheRawTableWithClassesAndStandardizeAsTheReferenceDoes() {
        Object[] command = {"train", "--model", ARTICLE.resolve("spec.json"), "--data", ARTICLE.resolve("people-raw.csv"),
            "--features", "weight_lb,height_in", "--targets", "gender", "--classes", "M,F", "--standardize",
            "--epochs", 50, "--json", "--out"};

        JsonNode reference = run(command, dir.resolve("reference.json"), "reference").json();
        JsonNode dl4j = run(command, dir.resolve("dl4j.json"), "dl4j").json();

        for (int epoch = 0; epoch < 50; epoch++) {
            double expected = reference.get("loss").get(epoch).asDouble();
            assertThat(dl4j.get("loss").get(epoch).asDouble()).isCloseTo(expected, within(Tolerances.TRAJECTORY * expected));
        }
        JsonNode written = Cli.readJson(dir.resolve("dl4j.json"));
        assertThat(written.get("classes")).isEqualTo(Cli.readJson(dir.resolve("reference.json")).get("classes"));
        assertThat(written.get("standardize")).isEqualTo(Cli.readJson(dir.resolve("reference.json")).get("standardize"));
    }

    private static Cli.Run run(Object[] command, Path out, String backend) {
        Object[] args = java.util.Arrays.copyOf(command, command.length + 3);
        args[command.length] = out;
        args[command.length + 1] = "--backend";
        args[command.length + 2] = backend;
        Cli.Run run = Cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void classTargetsAreZeroAndOneInTheGivenOrderAndTrainExactlyLikeNumbers() {
        Path classes = Cli.write(dir, "classes.csv", ArticleFiles.PEOPLE_BY_CLASS);
        Path numbers = Cli.write(dir, "numbers.csv", ArticleFiles.PEOPLE);
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run byName = Cli.run("train", "--model", model, "--data", classes, "--classes", "M,F", "--epochs", 20,
                "--out", dir.resolve("by-name.json"), "--json");
        Cli.Run byNumber = Cli.run("train", "--model", model, "--data", numbers, "--epochs", 20,
                "--out", dir.resolve("by-number.json"), "--json");

        assertThat(byName.exitCode()).as(byName.toString()).isZero();
        assertThat(byName.json().get("loss")).isEqualTo(byNumber.json().get("loss"));
        assertThat(Cli.readJson(dir.resolve("by-name.json")).get("layers"))
                .isEqualTo(Cli.readJson(dir.resolve("by-number.json")).get("layers"));
        assertThat(Cli.readJson(dir.resolve("by-number.json")).has("classes")).isFalse();
    }

    @Test
    void withoutClassesTheNamesAreSortedSoFIsZero() {
        Path data = Cli.write(dir, "raw.csv", RAW);

        Cli.Run run = Cli.run("train", "--model", Cli.write(dir, "spec.json", Net221.SPEC_JSON), "--data", data,
                "--features", "weight_lb,height_in", "--targets", "gender", "--epochs", 1, "--out", dir.resolve("o.json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Cli.readJson(dir.resolve("o.json")).get("classes").toString()).isEqualTo("[\"F\",\"M\"]");
    }

    @Test
    void aModelThatNamesItsClassesKeepsThemAndItsStandardizationWhenTrainedAgain() {
        Path data = Cli.write(dir, "raw.csv", RAW);
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        Cli.run("train", "--model", Cli.write(dir, "spec.json", Net221.SPEC_JSON), "--data", data,
                "--features", "weight_lb,height_in", "--targets", "gender", "--classes", "M,F", "--standardize",
                "--epochs", 5, "--out", first);
        Path moreData = Cli.write(dir, "more.csv", "name,weight_lb,height_in,gender\nEve,110,61,F\nFred,200,75,M\n");

        Cli.Run run = Cli.run("train", "--model", first, "--data", moreData, "--features", "weight_lb,height_in",
                "--targets", "gender", "--standardize", "--epochs", 5, "--out", second);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("standardized as the model says");
        assertThat(Cli.readJson(second).get("classes")).isEqualTo(Cli.readJson(first).get("classes"));
        assertThat(Cli.readJson(second).get("standardize")).isEqualTo(Cli.readJson(first).get("standardize"));
    }

    @Test
    void predictPrintsAClassColumnAfterTheOutputs() {
        Path model = Cli.write(dir, "model.json", withFields(START, "\"classes\": [\"M\", \"F\"]"));
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("predict", "--model", model, "--data", data);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("output,class");
        for (int r = 0; r < 4; r++) {
            double output = START.output(Net221.PEOPLE[r]);
            assertThat(lines.get(r + 1)).isEqualTo(output + "," + (output >= 0.5 ? "F" : "M"));
        }
    }

    @Test
    void aClassNameWithACommaOrAQuoteIsQuotedInTheClassColumn() {
        Path model = Cli.write(dir, "model.json",
                withFields(START, "\"classes\": [\"say \\\"M\\\", please\", \"say \\\"F\\\", please\"]"));
        Path data = Cli.write(dir, "people.csv", "weight,height\n-2,-1\n");

        List<String> lines = Cli.run("predict", "--model", model, "--data", data).out().lines().toList();

        String expected = START.output(Net221.PEOPLE[0]) >= 0.5 ? "F" : "M";
        assertThat(lines.get(1)).isEqualTo(START.output(Net221.PEOPLE[0]) + ",\"say \"\"" + expected + "\"\", please\"");
    }

    @Test
    void predictWithoutClassesKeepsItsJsonExactlyAsBefore() {
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        JsonNode json = Cli.run("predict", "--model", model, "--data", data, "--json").json();

        assertThat(json.size()).isEqualTo(1);
        assertThat(json.has("outputs")).isTrue();
    }

    @Test
    void predictGradientAndCheckApplyTheStoredStandardizationBeforeTheNetwork() {
        // mean and std chosen so that the raw table standardizes exactly to the article's shifted table
        // divided by 2: (133 − 135) / 2 = −1, and so on.
        Path scaled = Cli.write(dir, "scaled.json",
                withFields(START, "\"standardize\": {\"mean\": [135, 66], \"std\": [2, 2]}"));
        Path raw = Cli.write(dir, "raw.csv", ArticleFiles.PEOPLE_MEASURED);
        double[][] halved = new double[4][];
        for (int r = 0; r < 4; r++) {
            halved[r] = new double[] {Net221.PEOPLE[r][0] / 2, Net221.PEOPLE[r][1] / 2};
        }

        JsonNode outputs = Cli.run("predict", "--model", scaled, "--data", raw, "--json").json().get("outputs");
        JsonNode gradient = Cli.run("gradient", "--model", scaled, "--data", raw, "--json").json();
        Cli.Run check = Cli.run("check", "--model", scaled, "--data", raw);

        for (int r = 0; r < 4; r++) {
            assertThat(outputs.get(r).get(0).asDouble()).isCloseTo(START.output(halved[r]), within(1e-14));
        }
        assertThat(gradient.get("loss").asDouble()).isCloseTo(START.mse(halved, Net221.FEMALE), within(1e-14));
        double[] w = Cli.doubles(gradient.get("layers").get(0).get("weights").get(0));
        assertThat(w[0]).isCloseTo(START.gradient(halved, Net221.FEMALE).w()[0][0], within(1e-14));
        assertThat(check.exitCode()).as(check.toString()).isZero();
    }

    @Test
    void aSoftmaxNetworkTrainsOnThreeClassesOneHot() {
        Path spec = Cli.write(dir, "spec.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "xent",
                 "layers": [{"units": 3, "activation": "softmax"}]}
                """);
        Path data = Cli.write(dir, "three.csv", "x,y,kind\n0,0,b\n5,0,a\n0,5,c\n5,5,a\n");

        Cli.Run run = Cli.run("train", "--model", spec, "--data", data, "--epochs", 200, "--out", dir.resolve("o.json"));
        Cli.Run predict = Cli.run("predict", "--model", dir.resolve("o.json"), "--data", data, "--features", "x,y",
                "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("classes: a = [1, 0, 0], b = [0, 1, 0], c = [0, 0, 1]");
        assertThat(predict.json().get("outputs").get(0)).hasSize(3);
        assertThat(predict.json().get("classes")).hasSize(4);
    }

    /** The network's model file with extra top-level fields after the loss. */
    private static String withFields(Net221 net, String fields) {
        return net.modelJson().replace("\"loss\": \"mse\",", "\"loss\": \"mse\", " + fields + ",");
    }
}
