package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate's numbers against the article's people through {@link Net221}, computed here by hand. */
class EvaluateCommandTest {
    private static final Net221 SOME_NET = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);
    /** Every output below 0.5: every row predicted as the first class. */
    private static final Net221 ALWAYS_LOW = Net221.of(0, 0, 0, 0, 0, 0, 0, 0, -5);

    @TempDir
    Path dir;

    /** The model file with {@code "classes"} added. */
    private static String withClasses(Net221 net, String classes) {
        return net.modelJson().replaceFirst("\\{", "{\"classes\": " + classes + ", ");
    }

    @Test
    void numericTargetsGiveTheLossTheMeanSquaredAndTheMeanAbsoluteError() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("evaluate", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("rows", "loss", "mse", "mae");
        assertThat(json.get("rows").asInt()).isEqualTo(4);
        double squared = 0;
        double absolute = 0;
        for (int r = 0; r < 4; r++) {
            double e = Net221.FEMALE[r] - SOME_NET.output(Net221.PEOPLE[r]);
            squared += e * e;
            absolute += Math.abs(e);
        }
        assertThat(json.get("loss").asDouble()).isCloseTo(SOME_NET.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
        assertThat(json.get("mse").asDouble()).isCloseTo(squared / 4, within(1e-14));
        assertThat(json.get("mae").asDouble()).isCloseTo(absolute / 4, within(1e-14));
    }

    @Test
    void withSeveralOutputsTheErrorsAreMeansOverEveryTargetValue() {
        // Two identity outputs: row 1 gives (3.25, -3.5) for (3, -4), row 2 (6.25, 7) for (6, 8).
        Path model = Cli.write(dir, "linear.json", """
                {"format": "backprop-model/1", "inputs": 2, "loss": "sse",
                 "layers": [{"units": 2, "activation": "identity", "weights": [[1, 2], [-3, 0.5]],
                             "biases": [0.25, -1]}]}
                """);
        Path data = Cli.write(dir, "linear.csv", "a,b,y1,y2\n1,1,3,-4\n-2,4,6,8\n");

        Cli.Run json = Cli.run("evaluate", "--model", model, "--data", data, "--json");
        Cli.Run text = Cli.run("evaluate", "--model", model, "--data", data);

        assertThat(json.exitCode()).as(json.toString()).isZero();
        // Errors 0.25, 0.5, 0.25, -1 over 2 rows × 2 outputs.
        assertThat(json.json().get("loss").asDouble()).isCloseTo(0.0625 + 0.25 + 0.0625 + 1, within(1e-14));
        assertThat(json.json().get("mse").asDouble()).isCloseTo((0.0625 + 0.25 + 0.0625 + 1) / 4, within(1e-14));
        assertThat(json.json().get("mae").asDouble()).isCloseTo((0.25 + 0.5 + 0.25 + 1) / 4, within(1e-14));
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out().lines().toList()).containsExactly("rows: 2", "loss (sse): 1.375", "mse: 0.34375",
                "mae: 0.5", "(means over all 4 target values: 2 rows × 2 outputs)");
    }

    @Test
    void aModelWithClassesGivesTheAccuracyTheConfusionAndEachClasssPrecisionAndRecall() {
        Path model = Cli.write(dir, "model.json", withClasses(SOME_NET, "[\"M\", \"F\"]"));
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("evaluate", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("rows", "loss", "classes");
        assertThat(json.get("loss").asDouble()).isCloseTo(SOME_NET.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
        JsonNode classes = json.get("classes");
        assertThat(classes.fieldNames()).toIterable()
                .containsExactly("names", "accuracy", "confusion", "precision", "recall");
        assertThat(classes.get("names")).extracting(JsonNode::asText).containsExactly("M", "F");
        // By hand: M is 0, F is 1; an output of 0.5 or more predicts F.
        int[][] counts = new int[2][2];
        for (int r = 0; r < 4; r++) {
            counts[(int) Net221.FEMALE[r]][SOME_NET.output(Net221.PEOPLE[r]) >= 0.5 ? 1 : 0]++;
        }
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 2; p++) {
                assertThat(classes.get("confusion").get(a).get(p).asInt()).as("actual %d predicted %d", a, p)
                        .isEqualTo(counts[a][p]);
            }
        }
        assertThat(classes.get("accuracy").asDouble()).isEqualTo((counts[0][0] + counts[1][1]) / 4.0);
        for (int k = 0; k < 2; k++) {
            int predicted = counts[0][k] + counts[1][k];
            int actual = counts[k][0] + counts[k][1];
            JsonNode precision = classes.get("precision").get(k);
            JsonNode recall = classes.get("recall").get(k);
            if (predicted == 0) {
                assertThat(precision.isNull()).isTrue();
            } else {
                assertThat(precision.asDouble()).isEqualTo((double) counts[k][k] / predicted);
            }
            assertThat(recall.asDouble()).isEqualTo((double) counts[k][k] / actual);
        }
    }

    @Test
    void aClassNeverPredictedHasNoPrecisionNullInJsonAndADashInText() {
        Path model = Cli.write(dir, "model.json", withClasses(ALWAYS_LOW, "[\"M\", \"F\"]"));
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_BY_CLASS);

        Cli.Run json = Cli.run("evaluate", "--model", model, "--data", data, "--json");
        Cli.Run text = Cli.run("evaluate", "--model", model, "--data", data);

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode classes = json.json().get("classes");
        // Everyone predicted M: Bob and Charlie right, Alice and Diana wrong.
        assertThat(classes.get("confusion").toString()).isEqualTo("[[2,0],[2,0]]");
        assertThat(classes.get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(classes.get("precision").toString()).isEqualTo("[0.5,null]");
        assertThat(classes.get("recall").toString()).isEqualTo("[1.0,0.0]");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out().lines().toList()).containsExactly(
                "rows: 4",
                "loss (mse): " + ALWAYS_LOW.mse(Net221.PEOPLE, Net221.FEMALE),
                "accuracy: 0.5 (2 of 4 rows)",
                "confusion (rows: actual class, columns: predicted class):",
                "  actual \\ predicted   M F recall",
                "  M                    2 0    1.0",
                "  F                    2 0    0.0",
                "  precision          0.5 -");
    }

    @Test
    void aTargetColumnOfClassNamesGivesClassesToAModelWithoutThem() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_BY_CLASS);

        Cli.Run run = Cli.run("evaluate", "--model", model, "--data", data, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode classes = run.json().get("classes");
        // Sorted, as train finds them: F is 0, M is 1, so an output of 0.5 or more predicts M.
        assertThat(classes.get("names")).extracting(JsonNode::asText).containsExactly("F", "M");
        int[][] counts = new int[2][2];
        for (int r = 0; r < 4; r++) {
            counts[Net221.FEMALE[r] == 1 ? 0 : 1][SOME_NET.output(Net221.PEOPLE[r]) >= 0.5 ? 1 : 0]++;
        }
        assertThat(classes.get("confusion").toString())
                .isEqualTo("[[" + counts[0][0] + "," + counts[0][1] + "],[" + counts[1][0] + "," + counts[1][1] + "]]");
        double[] targets = new double[4];
        for (int r = 0; r < 4; r++) {
            targets[r] = 1 - Net221.FEMALE[r];
        }
        assertThat(run.json().get("loss").asDouble()).isCloseTo(SOME_NET.mse(Net221.PEOPLE, targets), within(1e-14));
    }

    @Test
    void dataWithoutATargetColumnIsRefusedSayingEvaluateNeedsOne() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path data = Cli.write(dir, "newcomers.csv", ArticleFiles.NEWCOMERS);

        for (List<String> columns : List.of(List.<String>of(), List.of("--features", "weight,height"))) {
            List<Object> args = new java.util.ArrayList<>(List.of("evaluate", "--model", model, "--data", data,
                    "--json"));
            args.addAll(columns);
            Cli.Run run = Cli.run(args.toArray());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("backprop: " + data)
                    .contains("found no target column")
                    .contains("`evaluate` needs a target column");
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Path model = Cli.write(dir, "model.json", withClasses(SOME_NET, "[\"M\", \"F\"]"));
        Path people = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path other = Cli.write(dir, "other.csv", "weight,height,gender\n1,2,F\n3,4,X\n");

        Cli.Run specOnly = Cli.run("evaluate", "--model", spec, "--data", people);
        Cli.Run unknownClass = Cli.run("evaluate", "--model", model, "--data", other);
        Cli.Run unknownColumn = Cli.run("evaluate", "--model", model, "--data", people, "--targets", "nope");

        assertThat(specOnly.exitCode()).isEqualTo(2);
        assertThat(specOnly.errLines()).singleElement().asString().contains("`evaluate` needs a model with weights");
        assertThat(unknownClass.exitCode()).isEqualTo(2);
        assertThat(unknownClass.errLines()).singleElement().asString().contains("found \"X\"")
                .contains("expected one of the classes M, F");
        assertThat(unknownColumn.exitCode()).isEqualTo(2);
        assertThat(unknownColumn.errLines()).singleElement().asString().contains("nope");
        assertThat(List.of(specOnly.out(), unknownClass.out(), unknownColumn.out())).containsOnly("");
    }
}
