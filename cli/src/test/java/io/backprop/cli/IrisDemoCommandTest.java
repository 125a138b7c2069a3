package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.backprop.csv.LabelledData;
import io.backprop.error.BackendException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo iris}: offline, on either backend, at least 90% right on flowers it never trained on. */
class IrisDemoCommandTest {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"reference", "dl4j"})
    void reachesNinetyPercentOnTheHeldOutFlowersWithTheDefaultSeed(String backend) {
        Cli.Run run = Cli.run("demo", "iris", "--backend", backend, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("backend").asText()).isEqualTo(backend);
        assertThat(json.get("seed").asLong()).isEqualTo(1);
        assertThat(json.get("trainingRows").asInt()).isEqualTo(120);
        assertThat(json.get("heldOutRows").asInt()).isEqualTo(30);
        assertThat(json.get("accuracy").get("heldOut").asDouble()).isGreaterThanOrEqualTo(0.9);
        JsonNode loss = json.get("loss");
        assertThat(loss.get(loss.size() - 1).asDouble()).isLessThan(loss.get(0).asDouble());
        // The confusion table counts the 30 held-out flowers, 10 of each species, and its diagonal is the accuracy.
        JsonNode counts = json.get("confusion").get("counts");
        int diagonal = 0;
        for (int actual = 0; actual < 3; actual++) {
            int row = 0;
            for (int predicted = 0; predicted < 3; predicted++) {
                row += counts.get(actual).get(predicted).asInt();
            }
            assertThat(row).isEqualTo(10);
            diagonal += counts.get(actual).get(actual).asInt();
        }
        assertThat(diagonal / 30.0).isEqualTo(json.get("accuracy").get("heldOut").asDouble());
        assertThat(json.get("confusion").get("classes").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
    }

    @Test
    void printsTheLossTheAccuraciesAndAConfusionTableWithTheSpeciesNames() {
        Cli.Run run = Cli.run("demo", "iris", "--epochs", 10);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Iris on the reference backend: 150 flowers (setosa, versicolor, virginica)")
                .contains("training on the other 120")
                .containsPattern("Accuracy: training \\d+/120 = [\\d.]+%, held out \\d+/30 = [\\d.]+%")
                .containsPattern("\\n\\s+10\\s+\\d")
                .containsPattern("  setosa\\s+\\d+\\s+\\d+\\s+\\d+\\n  versicolor\\s+\\d+\\s+\\d+\\s+\\d+\\n  virginica");
    }

    @Test
    void drawsItsLossCurveAndKeepsStdoutForTheJson(@TempDir Path dir) {
        Path png = dir.resolve("iris-loss.png");

        Cli.Run run = Cli.run("demo", "iris", "--epochs", 5, "--plot", png, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("loss")).hasSize(5);
        assertThat(run.err()).isEmpty();
        Pictures.readPng(png);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherSplit() {
        JsonNode once = Cli.run("demo", "iris", "--json", "--epochs", 3).json();
        JsonNode again = Cli.run("demo", "iris", "--json", "--epochs", 3).json();
        JsonNode other = Cli.run("demo", "iris", "--json", "--epochs", 3, "--seed", 2).json();

        assertThat(again.get("loss")).isEqualTo(once.get("loss"));
        assertThat(other.get("loss")).isNotEqualTo(once.get("loss"));
    }

    @Test
    void readsAllHundredAndFiftyFlowersOneHot() {
        LabelledData iris = IrisData.read(IrisDemoCommand.class.getClassLoader(), IrisDemoCommand.NETWORK);

        assertThat(iris.data().rows()).isEqualTo(150);
        // The file's first row is 5.1,3.5,1.4,0.2,0: a setosa; its last is a virginica (label 2).
        assertThat(iris.data().featureRow(0)).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(iris.data().targetRow(0)).containsExactly(1, 0, 0);
        assertThat(iris.data().targetRow(149)).containsExactly(0, 0, 1);
    }

    @Test
    void withoutTheDl4jJarItSaysWhichArtifactProvidesTheData() {
        ClassLoader withoutIris = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> IrisData.read(withoutIris, IrisDemoCommand.NETWORK))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("iris.dat").hasMessageContaining("deeplearning4j-core");
    }

    @Test
    void withAdamItTrainsTheSameRunAsTheApiDoesWithAdamsDefaults() {
        Cli.Run run = Cli.run("demo", "iris", "--optimizer", "adam", "--json");
        Cli.Run text = Cli.run("demo", "iris", "--optimizer", "adam", "--epochs", 2);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        LabelledData iris = IrisData.read(IrisDemoCommand.class.getClassLoader(), IrisDemoCommand.NETWORK);
        io.backprop.evaluation.HoldOut split = io.backprop.evaluation.HoldOut.stratified(iris.data(),
                iris.classes().orElseThrow(), 0.2, 1);
        io.backprop.model.Standardization scaling = io.backprop.model.Standardization.fit(split.training());
        io.backprop.Network network = io.backprop.Backends.named("reference").create(IrisDemoCommand.NETWORK,
                io.backprop.params.Initializer.XAVIER_UNIFORM.initialize(IrisDemoCommand.NETWORK, 1));
        double[] expected = network.fit(scaling.apply(split.training()), io.backprop.train.TrainingOptions.builder()
                .optimizer(io.backprop.optimizer.Optimizer.adam()).epochs(30)
                .batchSize(io.backprop.train.BatchSize.of(10)).shuffle(1).build()).losses();
        assertThat(Cli.doubles(run.json().get("loss"))).containsExactly(expected);
        double[] sgd = Cli.doubles(Cli.run("demo", "iris", "--json").json().get("loss"));
        assertThat(sgd[29]).isNotEqualTo(expected[29]);

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("Training: mini-batch adam (beta1 0.9, beta2 0.999, epsilon 1.0E-8), η = 0.001,");
    }

    @Test
    void anOptimizersHyperparameterGivenToAnotherIsRefusedInOneLine() {
        Cli.Run run = Cli.run("demo", "iris", "--beta1", 0.8);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("backprop: --beta1 is a hyperparameter of adam, not of sgd; expected"
                + " --optimizer adam, or no --beta1 (see: backprop demo iris --help)");
    }
}
