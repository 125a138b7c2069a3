package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.data.DataSet;
import io.backprop.evaluation.HoldOut;
import io.backprop.model.ClassLabels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --validation}, {@code --validation-data} and {@code --early-stopping}: which rows are
 * held out, the validation figures in the JSON and the progress lines, and the epoch kept.
 */
class TrainValidationTest {
    private static final Net221 START = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);

    @TempDir
    Path dir;

    private Path model() {
        return Cli.write(dir, "model.json", START.modelJson());
    }

    private Net221 trained() {
        return Net221.fromLayers(Cli.readJson(dir.resolve("out.json")).get("layers"));
    }

    private static double[][] rows(int... indices) {
        return IntStream.of(indices).mapToObj(r -> Net221.PEOPLE[r]).toArray(double[][]::new);
    }

    private static double[] female(int... indices) {
        return IntStream.of(indices).mapToDouble(r -> Net221.FEMALE[r]).toArray();
    }

    private static int[] allBut(int... held) {
        return IntStream.range(0, Net221.PEOPLE.length).filter(r -> IntStream.of(held).noneMatch(h -> h == r)).toArray();
    }

    @Test
    void aValidationFractionOfClassesHoldsOutTheStratifiedSplitAndReportsItsLossAndAccuracy() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_BY_CLASS);
        long seed = 5;

        Cli.Run run = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--classes", "M,F", "--epochs", 4, "--validation", 0.5, "--seed", seed);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // The data module's split, as demo iris and the README describe it: one of each class held out.
        ClassLabels classes = ClassLabels.of(List.of("M", "F"));
        double[][] targets = Arrays.stream(Net221.FEMALE).mapToObj(y -> new double[] {y}).toArray(double[][]::new);
        HoldOut split = HoldOut.stratified(DataSet.of(Net221.PEOPLE, targets), classes, 0.5, seed);
        int[] held = IntStream.range(0, 4).filter(r -> contains(split.heldOut(), Net221.PEOPLE[r])).toArray();
        assertThat(held).hasSize(2);
        assertThat(female(held)).containsExactlyInAnyOrder(0, 1);

        JsonNode json = run.json();
        assertThat(json.get("validation_loss")).hasSize(4);
        assertThat(json.get("validation_accuracy")).hasSize(4);
        Net221 net = trained();
        assertThat(json.get("loss").get(3).asDouble())
                .isCloseTo(net.mse(rows(allBut(held)), female(allBut(held))), within(1e-14));
        assertThat(json.get("validation_loss").get(3).asDouble())
                .isCloseTo(net.mse(rows(held), female(held)), within(1e-14));
        long right = IntStream.of(held).filter(r -> (net.output(Net221.PEOPLE[r]) >= 0.5) == (Net221.FEMALE[r] == 1))
                .count();
        assertThat(json.get("validation_accuracy").get(3).asDouble()).isEqualTo(right / 2.0);
        assertThat(json.has("epochs")).isFalse();
        assertThat(json.has("penalty")).isFalse();
    }

    private static boolean contains(DataSet data, double[] features) {
        return IntStream.range(0, data.rows()).anyMatch(r -> Arrays.equals(data.featureRow(r), features));
    }

    @Test
    void aValidationFractionOfNumericTargetsHoldsOutThatShareOfTheRowsAndTrainsOnTheRest() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--epochs", 3, "--validation", 0.25, "--seed", 3);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        // 0/1 targets count as classes for the accuracy, as the API counts them, though unnamed.
        assertThat(json.get("validation_accuracy")).hasSize(3);
        Net221 net = trained();
        double loss = json.get("loss").get(2).asDouble();
        double validation = json.get("validation_loss").get(2).asDouble();
        List<Integer> matching = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            if (Math.abs(net.mse(rows(r), female(r)) - validation) < 1e-14
                    && Math.abs(net.mse(rows(allBut(r)), female(allBut(r))) - loss) < 1e-14) {
                matching.add(r);
            }
        }
        assertThat(matching).as("the one row held out").hasSize(1);
    }

    @Test
    void standardizeIsFittedOnTheRowsTrainedOnNotOnTheHeldOutOnes() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_BY_CLASS);

        Cli.Run run = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--classes", "M,F", "--epochs", 1, "--validation", 0.5, "--seed", 5, "--standardize");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ClassLabels classes = ClassLabels.of(List.of("M", "F"));
        double[][] targets = Arrays.stream(Net221.FEMALE).mapToObj(y -> new double[] {y}).toArray(double[][]::new);
        DataSet training = HoldOut.stratified(DataSet.of(Net221.PEOPLE, targets), classes, 0.5, 5).training();
        JsonNode mean = Cli.readJson(dir.resolve("out.json")).get("standardize").get("mean");
        assertThat(mean.get(0).asDouble()).isEqualTo((training.feature(0, 0) + training.feature(1, 0)) / 2);
        assertThat(mean.get(1).asDouble()).isEqualTo((training.feature(0, 1) + training.feature(1, 1)) / 2);
    }

    @Test
    void validationDataIsReadLikeTheDataAndItsFiguresArePrintedBesideTheLoss() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_BY_CLASS);
        Path validation = Cli.write(dir, "validation.csv", ArticleFiles.PEOPLE_BY_CLASS);

        Cli.Run json = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--classes", "M,F", "--epochs", 2, "--validation-data", validation);
        Cli.Run text = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"),
                "--classes", "M,F", "--epochs", 2, "--validation-data", validation, "--progress", "lines");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode doc = json.json();
        // The same rows: the validation loss is the training loss.
        assertThat(Cli.doubles(doc.get("validation_loss"))).containsExactly(Cli.doubles(doc.get("loss")));
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains(String.format(Locale.ROOT,
                "  epoch      2  loss %.6g  validation loss %.6g  accuracy %.1f%%", doc.get("loss").get(1).asDouble(),
                doc.get("validation_loss").get(1).asDouble(), 100 * doc.get("validation_accuracy").get(1).asDouble()));
        assertThat(text.out()).contains("validation on 4 rows");
    }

    @Test
    void validationDataWithOtherColumnsIsRefusedNamingTheFileAndNothingIsWritten() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path validation = Cli.write(dir, "validation.csv", "weight,gender\n1,0\n");

        Cli.Run run = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"),
                "--epochs", 2, "--validation-data", validation);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("backprop: ").contains("validation.csv");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void earlyStoppingStopsWhenTheValidationLossStopsImprovingAndKeepsTheBestEpoch() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        // The opposite answers: the better the network learns the data, the worse it does on these.
        String flipped = ArticleFiles.PEOPLE.lines().map(l -> l.endsWith(",1") ? l.replaceAll(",1$", ",0")
                : l.endsWith(",0") ? l.replaceAll(",0$", ",1") : l).reduce("", (a, b) -> a + b + "\n");
        Path validation = Cli.write(dir, "flipped.csv", flipped);

        Cli.Run run = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--epochs", 200, "--validation-data", validation, "--early-stopping", 3);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        double[] validationLoss = Cli.doubles(json.get("validation_loss"));
        int best = IntStream.range(0, validationLoss.length).reduce((a, b) -> validationLoss[b] < validationLoss[a] ? b : a)
                .orElseThrow() + 1;
        assertThat(json.get("stopped_early").asBoolean()).isTrue();
        assertThat(json.get("epochs").asInt()).isEqualTo(best + 3).isLessThan(200);
        assertThat(json.get("kept_epoch").asInt()).isEqualTo(best);
        assertThat(json.get("loss")).hasSize(best + 3);
        Net221 kept = trained();

        Cli.Run again = Cli.run("train", "--model", dir.resolve("model.json"), "--data", data, "--out",
                dir.resolve("out.json"), "--epochs", 200, "--validation-data", validation, "--early-stopping", 3,
                "--progress", "none");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out().lines().toList()).contains("stopped early after epoch " + (best + 3)
                + ": the validation loss stopped improving; kept epoch " + best
                + ", the one of the lowest validation loss");

        Cli.Run plain = Cli.run("train", "--model", dir.resolve("model.json"), "--data", data, "--out",
                dir.resolve("out.json"), "--epochs", best, "--json");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(trained().flat()).containsExactly(kept.flat());
    }

    @Test
    void aRunThatEndsBeforeThePatienceRunsOutStillKeepsTheBestEpochAndSaysSo() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        // Training on the answers, validating on their opposites: the first epoch's validation loss is the best.
        String flipped = ArticleFiles.PEOPLE.lines().map(l -> l.endsWith(",1") ? l.replaceAll(",1$", ",0")
                : l.endsWith(",0") ? l.replaceAll(",0$", ",1") : l).reduce("", (a, b) -> a + b + "\n");
        Path validation = Cli.write(dir, "flipped.csv", flipped);

        Cli.Run json = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--epochs", 10, "--validation-data", validation, "--early-stopping", 50);
        Cli.Run text = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"),
                "--epochs", 10, "--validation-data", validation, "--early-stopping", 50, "--progress", "none");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        double[] validationLoss = Cli.doubles(json.json().get("validation_loss"));
        int best = IntStream.range(0, validationLoss.length).reduce((a, b) -> validationLoss[b] < validationLoss[a] ? b : a)
                .orElseThrow() + 1;
        assertThat(best).isLessThan(10);
        assertThat(json.json().get("stopped_early").asBoolean()).isFalse();
        assertThat(json.json().get("epochs").asInt()).isEqualTo(10);
        assertThat(json.json().get("kept_epoch").asInt()).isEqualTo(best);
        assertThat(text.out().lines().toList()).contains("kept epoch " + best + ", the one of the lowest validation loss");
    }

    @Test
    void aMinDeltaLargerThanAnyImprovementStopsAfterThePatienceKeepingTheFirstEpoch() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"), "--json",
                "--epochs", 100, "--validation", 0.5, "--early-stopping", 2, "--min-delta", 10);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("epochs").asInt()).isEqualTo(3);
        assertThat(json.get("kept_epoch").asInt()).isEqualTo(1);
        assertThat(json.get("stopped_early").asBoolean()).isTrue();
    }

    @Test
    void plotDrawsTheValidationLossAsASecondCurve() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path with = dir.resolve("with.png");
        Path without = dir.resolve("without.png");

        Cli.Run validated = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"),
                "--json", "--epochs", 20, "--validation", 0.25, "--plot", with);
        Cli.Run plain = Cli.run("train", "--model", model(), "--data", data, "--out", dir.resolve("out.json"),
                "--json", "--epochs", 20, "--plot", without);

        assertThat(validated.exitCode()).as(validated.toString()).isZero();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        // The validation curve's orange (LossCurve.VALIDATION), which the training curve never uses.
        assertThat(pixels(Pictures.readPng(with), 0xFF7F0E)).isGreaterThan(100);
        assertThat(pixels(Pictures.readPng(without), 0xFF7F0E)).isZero();
    }

    private static int pixels(java.awt.image.BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return count;
    }
}
