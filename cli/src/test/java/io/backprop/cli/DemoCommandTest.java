package io.backprop.cli;

import io.backprop.teaching.Article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void noArgumentsAtAllRunsTheDemoWithTheArticlesWorkedNumbers() {
        Cli.Run run = Cli.run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        // The article's neuron, w = [0, 1], b = 4, x = [2, 3]: its code prints 0.9990889488055994.
        assertThat(run.out()).contains(String.valueOf(Net221.sigmoid(0 * 2 + 1 * 3 + 4)));
        assertThat(Net221.sigmoid(7)).isCloseTo(0.9990889488055994, within(1e-15));
        // The network with every weight [0, 1] and bias 0 at x = [2, 3]: 0.7216325609518421.
        double feedforward = Net221.of(0, 1, 0, 1, 0, 1, 0, 0, 0).output(new double[] {2, 3});
        assertThat(feedforward).isCloseTo(0.7216325609518421, within(1e-15));
        assertThat(run.out()).contains(String.valueOf(feedforward));
        // ∂L/∂w1 for Alice with weights 1 and biases 0, to four places (the article's rounded factors give 0.0214).
        double dLdw1 = Net221.of(1, 1, 1, 1, 1, 1, 0, 0, 0)
                .gradient(new double[][] {Net221.PEOPLE[0]}, new double[] {1}).w()[0][0];
        assertThat(run.out()).contains(String.format(Locale.ROOT, "%.4f", dLdw1));
        assertThat(run.out()).contains("Emily").contains("Frank");
    }

    @Test
    void theDemoRelatesTheArticlesShiftToStandardizeWithTheTablesMeansAndSpreads() {
        Cli.Run run = Cli.run("demo");

        // The four people weigh 133, 160, 152 and 120 lb and are 65, 72, 70 and 60 in tall.
        double weightStd = Math.sqrt((8.25 * 8.25 + 18.75 * 18.75 + 10.75 * 10.75 + 21.25 * 21.25) / 4);
        double heightStd = Math.sqrt((1.75 * 1.75 + 5.25 * 5.25 + 3.25 * 3.25 + 6.75 * 6.75) / 4);
        assertThat(run.out()).contains("The shift by 135 and 66")
                .contains(String.format(Locale.ROOT, "weight_lb  mean 141.25  std %.4f", weightStd))
                .contains(String.format(Locale.ROOT, "height_in  mean 66.75   std %.4f", heightStd))
                .contains("--features weight_lb,height_in --targets gender --classes M,F --standardize");
        // After the data table, before the training.
        assertThat(run.out().indexOf("The shift by")).isGreaterThan(run.out().indexOf("Diana"))
                .isLessThan(run.out().indexOf("Network:"));
    }

    @Test
    void demoJsonPredictsEmilyFemaleAndFrankMaleAsTheArticleDoes() {
        Cli.Run run = Cli.run("demo", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        assertThat(json.get("predictions").get("Emily").asDouble()).isGreaterThan(0.5);
        assertThat(json.get("predictions").get("Frank").asDouble()).isLessThan(0.5);
        JsonNode loss = json.get("loss");
        assertThat(loss).hasSize(1000);
        assertThat(loss.get(999).asDouble()).isLessThan(loss.get(0).asDouble());
    }

    @Test
    void demoJsonPredictionsAndFinalLossFollowFromTheParametersItReports() {
        JsonNode json = Cli.run("demo", "--json").json();

        JsonNode p = json.get("parameters");
        Net221 trained = Net221.of(p.get("w1").asDouble(), p.get("w2").asDouble(), p.get("w3").asDouble(),
                p.get("w4").asDouble(), p.get("w5").asDouble(), p.get("w6").asDouble(),
                p.get("b1").asDouble(), p.get("b2").asDouble(), p.get("b3").asDouble());
        // Emily is 128 lb and 63 in, Frank 155 lb and 68 in: (-7, -3) and (20, 2) after the shift.
        assertThat(json.get("predictions").get("Emily").asDouble())
                .isCloseTo(trained.output(Article.EMILY.features()), within(1e-12));
        assertThat(json.get("predictions").get("Frank").asDouble())
                .isCloseTo(trained.output(Article.FRANK.features()), within(1e-12));
        assertThat(json.get("loss").get(999).asDouble())
                .isCloseTo(trained.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-12));
    }

    @Test
    void jsonAloneWithoutACommandRunsTheDemoAndPrintsOnlyJson() {
        Cli.Run run = Cli.run("--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.has("predictions")).isTrue();
        assertThat(json.get("predictions").get("Emily").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void theDemoOnAnUnknownBackendFailsWithOneLineListingTheBackendsFound() {
        Cli.Run run = Cli.run("demo", "--backend", "nope");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().contains("nope").contains("reference");
    }
}
