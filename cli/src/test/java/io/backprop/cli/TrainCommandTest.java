package io.backprop.cli;

import io.backprop.teaching.Article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final Net221 START = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);
    private static final double ETA = 0.1;

    @TempDir
    Path dir;

    private Path people() {
        return Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
    }

    private Cli.Run train(Path model, Object... more) {
        Object[] args = new Object[8 + more.length];
        Object[] base = {"train", "--model", model, "--data", dir.resolve("people.csv"), "--out", dir.resolve("out.json"),
            "--json"};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private Net221 trained() {
        return Net221.fromLayers(Cli.readJson(dir.resolve("out.json")).get("layers"));
    }

    private static void assertSameNetwork(Net221 actual, Net221 expected, double tolerance) {
        double[] a = actual.flat();
        double[] e = expected.flat();
        for (int k = 0; k < e.length; k++) {
            assertThat(a[k]).as("the article's parameter #%d", k + 1).isCloseTo(e[k], within(tolerance));
        }
    }

    /** Per-sample SGD steps over the rows in {@code order}. */
    private static Net221 sgdSteps(Net221 net, int... order) {
        for (int r : order) {
            net = net.step(ETA, net.gradient(new double[][] {Net221.PEOPLE[r]}, new double[] {Net221.FEMALE[r]}));
        }
        return net;
    }

    @Test
    void trainingTheArticlesSpecOnTheFourPeopleMakesEmilyFemaleAndFrankMale() {
        people();
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run run = train(spec, "--lr", 0.1, "--epochs", 1000, "--batch-size", 1, "--seed", 1);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode loss = run.json().get("loss");
        assertThat(loss).hasSize(1000);
        Net221 trained = trained();
        assertThat(loss.get(999).asDouble()).isCloseTo(trained.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-12));
        assertThat(loss.get(999).asDouble()).isLessThan(loss.get(0).asDouble());
        assertThat(trained.output(Article.EMILY.features())).as("Emily").isGreaterThan(0.5);
        assertThat(trained.output(Article.FRANK.features())).as("Frank").isLessThan(0.5);

        Path newcomers = Cli.write(dir, "newcomers.csv", ArticleFiles.NEWCOMERS);
        Cli.Run predicted = Cli.run("predict", "--model", dir.resolve("out.json"), "--data", newcomers, "--json");
        assertThat(predicted.exitCode()).as(predicted.toString()).isZero();
        assertThat(predicted.json().get("outputs").get(0).get(0).asDouble()).isGreaterThan(0.5);
        assertThat(predicted.json().get("outputs").get(1).get(0).asDouble()).isLessThan(0.5);
    }

    @Test
    void oneEpochOfPerSampleSgdStepsOncePerRowInTheFilesOrder() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = train(model, "--lr", ETA, "--epochs", 1, "--batch-size", 1);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Net221 expected = sgdSteps(START, 0, 1, 2, 3);
        assertSameNetwork(trained(), expected, 1e-13);
        assertThat(run.json().get("loss")).hasSize(1);
        assertThat(run.json().get("loss").get(0).asDouble())
                .isCloseTo(expected.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
    }

    @Test
    void batchSizeAllTakesOneStepPerEpochOnTheMeanGradientOfAllRows() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = train(model, "--lr", ETA, "--epochs", 2, "--batch-size", "all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Net221 afterOne = START.step(ETA, START.gradient(Net221.PEOPLE, Net221.FEMALE));
        Net221 afterTwo = afterOne.step(ETA, afterOne.gradient(Net221.PEOPLE, Net221.FEMALE));
        assertSameNetwork(trained(), afterTwo, 1e-13);
        JsonNode loss = run.json().get("loss");
        assertThat(loss).hasSize(2);
        assertThat(loss.get(0).asDouble()).isCloseTo(afterOne.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
        assertThat(loss.get(1).asDouble()).isCloseTo(afterTwo.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-14));
    }

    @Test
    void aBatchSizeThatDoesNotDivideTheRowsLeavesASmallerLastBatch() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = train(model, "--lr", ETA, "--epochs", 1, "--batch-size", 3);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        double[][] firstThree = {Net221.PEOPLE[0], Net221.PEOPLE[1], Net221.PEOPLE[2]};
        Net221 afterFirst = START.step(ETA, START.gradient(firstThree, new double[] {1, 0, 0}));
        Net221 expected = afterFirst.step(ETA, afterFirst.gradient(new double[][] {Net221.PEOPLE[3]}, new double[] {1}));
        assertSameNetwork(trained(), expected, 1e-13);
    }

    @Test
    void shuffleVisitsTheRowsInTheOrderOfASeededFisherYatesShuffleEveryEpoch() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        long seed = 7;

        Cli.Run run = train(model, "--lr", ETA, "--epochs", 2, "--batch-size", 1, "--shuffle", "--seed", seed);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // As TrainingOptions documents: one Random(seed) reshuffles the order, from the last position down.
        Random random = new Random(seed);
        int[] order = {0, 1, 2, 3};
        Net221 expected = START;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            expected = sgdSteps(expected, order);
        }
        assertSameNetwork(trained(), expected, 1e-13);
    }

    @Test
    void aSpecOnlyModelStartsFromStandardNormalDrawsOfTheSeed() {
        people();
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        long seed = 42;

        Cli.Run run = train(spec, "--lr", ETA, "--epochs", 1, "--batch-size", "all", "--seed", seed);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // As Initializer documents: layer by layer, weights row by row, then that layer's biases.
        Random random = new Random(seed);
        double w1 = random.nextGaussian();
        double w2 = random.nextGaussian();
        double w3 = random.nextGaussian();
        double w4 = random.nextGaussian();
        double b1 = random.nextGaussian();
        double b2 = random.nextGaussian();
        double w5 = random.nextGaussian();
        double w6 = random.nextGaussian();
        double b3 = random.nextGaussian();
        Net221 start = Net221.of(w1, w2, w3, w4, w5, w6, b1, b2, b3);
        assertSameNetwork(trained(), start.step(ETA, start.gradient(Net221.PEOPLE, Net221.FEMALE)), 1e-13);
    }

    @Test
    void initHeNormalInAnyCaseStartsFromScaledNormalDrawsOfTheSeedWithZeroBiases() {
        people();
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        long seed = 42;

        Cli.Run run = train(spec, "--lr", ETA, "--epochs", 1, "--batch-size", "all", "--seed", seed, "--init", "He_Normal");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // N(0, 2 / fan_in), fan_in 2 in both layers; the zero biases draw nothing.
        Random random = new Random(seed);
        double sigma = Math.sqrt(2.0 / 2);
        double[] w = new double[6];
        for (int k = 0; k < w.length; k++) {
            w[k] = sigma * random.nextGaussian();
        }
        Net221 start = Net221.of(w[0], w[1], w[2], w[3], w[4], w[5], 0, 0, 0);
        assertSameNetwork(trained(), start.step(ETA, start.gradient(Net221.PEOPLE, Net221.FEMALE)), 1e-13);
    }

    @Test
    void theHelpAndTheErrorForAnUnknownInitNameListEveryInitialiser() {
        people();
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run help = Cli.run("train", "--help");
        Cli.Run unknown = train(spec, "--epochs", 1, "--init", "glorot");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.errLines()).as(unknown.toString()).isNotEmpty();
        for (String name : new String[] {"standard_normal", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal"}) {
            assertThat(help.out()).as("train --help").containsIgnoringCase(name);
            assertThat(unknown.errLines().get(0)).as("the error for --init glorot").containsIgnoringCase(name);
        }
    }

    @Test
    void theOutFileIsAModelFileOfTheSameSpecThatReadsBackForPredict() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = train(model, "--epochs", 3);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode out = Cli.readJson(dir.resolve("out.json"));
        assertThat(out.get("format").asText()).isEqualTo("backprop-model/1");
        assertThat(out.get("inputs").asInt()).isEqualTo(2);
        assertThat(out.get("loss").asText()).isEqualTo("mse");
        assertThat(out.get("layers")).hasSize(2);
        assertThat(out.get("layers").get(0).get("units").asInt()).isEqualTo(2);
        assertThat(out.get("layers").get(0).get("activation").asText()).isEqualTo("sigmoid");
        assertThat(out.get("layers").get(1).get("units").asInt()).isEqualTo(1);
        assertThat(out.get("layers").get(1).get("activation").asText()).isEqualTo("sigmoid");
    }

    @Test
    void anExistingOutFileIsReplacedAndNoTemporaryFileIsLeftBeside() throws IOException {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Cli.write(dir, "out.json", "old contents\n");

        Cli.Run run = train(model, "--epochs", 1, "--batch-size", 1);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out.json"))).doesNotContain("old contents");
        assertSameNetwork(trained(), sgdSteps(START, 0, 1, 2, 3), 1e-13);
        assertThat(Cli.listing(dir)).containsExactly("model.json", "out.json", "people.csv");
    }

    @Test
    void withoutJsonReportsTheLossAsItTrainsAndWhereItWroteTheModel() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Path out = dir.resolve("trained.json");

        Cli.Run run = Cli.run("train", "--model", model, "--data", dir.resolve("people.csv"), "--out", out,
                "--epochs", 20, "--every", 10);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("epoch      1").contains("epoch     10").contains("epoch     20")
                .doesNotContain("epoch      2 ");
        assertThat(run.out().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("wrote " + out);
        assertThat(out).exists();
    }

    @Test
    void anOutFileInAMissingDirectoryFailsWithOneLineNamingTheFile() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Path out = dir.resolve("missing").resolve("out.json");

        Cli.Run run = Cli.run("train", "--model", model, "--data", dir.resolve("people.csv"), "--out", out,
                "--epochs", 1, "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: " + out + ": ")
                .contains("no such directory " + out.getParent())
                .doesNotContain(".tmp")
                .doesNotContain("Exception");
        assertThat(Cli.listing(dir)).containsExactlyInAnyOrder("model.json", "people.csv");
    }

    @Test
    void lossEveryFiveTrainsTheSameAndReportsTheLossAfterEpochsFiveTenFifteenTwenty() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());
        Cli.Run everyEpoch = train(model, "--epochs", 20);
        assertThat(everyEpoch.exitCode()).as(everyEpoch.toString()).isZero();
        Net221 trainedEveryEpoch = trained();

        Cli.Run run = train(model, "--epochs", 20, "--loss-every", 5);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(trained().flat()).containsExactly(trainedEveryEpoch.flat());
        assertThat(run.json().get("loss_every").asInt()).isEqualTo(5);
        JsonNode loss = run.json().get("loss");
        assertThat(loss).hasSize(4);
        for (int k = 0; k < 4; k++) {
            assertThat(loss.get(k).asDouble()).as("loss after epoch %d", 5 * (k + 1))
                    .isEqualTo(everyEpoch.json().get("loss").get(5 * (k + 1) - 1).asDouble());
        }
        assertThat(everyEpoch.json().has("loss_every")).isFalse();
    }

    @Test
    void lossEveryRoundsThePrintedLinesUpToEpochsWithALoss() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = Cli.run("train", "--model", model, "--data", dir.resolve("people.csv"), "--out",
                dir.resolve("out.json"), "--epochs", 30, "--every", 4, "--loss-every", 6, "--progress", "lines");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("loss every 6 epochs").contains("epoch      6").contains("epoch     30")
                .doesNotContain("epoch      4 ").doesNotContain("epoch      1 ");
    }

    @Test
    void lossEveryZeroIsRefusedInOneLineNamingTheOption() {
        people();
        Path model = Cli.write(dir, "model.json", START.modelJson());

        Cli.Run run = train(model, "--loss-every", 0);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--loss-every").contains("expected at least 1");
        assertThat(Cli.listing(dir)).containsExactlyInAnyOrder("model.json", "people.csv");
    }

    @Test
    void everyBelowOneIsRefusedAsDemoRefusesIt() {
        people();
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);

        Cli.Run run = train(spec, "--epochs", 10, "--every", 0);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: Invalid value for option '--every': found 0; expected at least 1");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
