package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file without a header line is refused rather than losing its first row, unless
 * {@code --no-header} says so; tab- and semicolon-separated files are read as comma-separated ones
 * are, the delimiter found from the first line or given with {@code --delimiter}.
 */
class DataFileFormatTest {
    private static final Net221 SOME_NET = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);
    /** The article's people without the header line. */
    private static final String HEADERLESS = "-2,-1,1\n25,6,0\n17,4,0\n-15,-6,1\n";

    @TempDir
    Path dir;

    private Path model() {
        return Cli.write(dir, "model.json", SOME_NET.modelJson());
    }

    /** The loss over the data, which counts every row. */
    private static double loss(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.json().get("loss").asDouble();
    }

    @Test
    void aFileWithoutAHeaderLineIsRefusedNamingItsFirstLine() {
        Path data = Cli.write(dir, "people.csv", HEADERLESS);

        Cli.Run run = Cli.run("gradient", "--model", model(), "--data", data, "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: " + data + ":1: ")
                .contains("\"-2,-1,1\"")
                .contains("looks like data; expected a header line naming the columns, or --no-header");
    }

    @Test
    void noHeaderReadsEveryLineAsARowWithColumnsNamedC1C2C3() {
        Path headerless = Cli.write(dir, "headerless.csv", HEADERLESS);
        Path withHeader = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        double expected = loss(Cli.run("gradient", "--model", model(), "--data", withHeader, "--json"));
        double byDefault = loss(Cli.run("gradient", "--model", model(), "--data", headerless, "--no-header", "--json"));
        double named = loss(Cli.run("gradient", "--model", model(), "--data", headerless, "--no-header",
                "--features", "c1,c2", "--targets", "c3", "--json"));

        assertThat(expected).isCloseTo(SOME_NET.mse(Net221.PEOPLE, Net221.FEMALE), within(1e-15));
        assertThat(byDefault).isEqualTo(expected);
        assertThat(named).isEqualTo(expected);
    }

    @Test
    void tabAndSemicolonSeparatedFilesAreReadAsCommaSeparatedOnesAre() {
        Path commas = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path tabs = Cli.write(dir, "people.tsv", ArticleFiles.PEOPLE.replace(',', '\t'));
        Path semicolons = Cli.write(dir, "people-semicolons.csv", ArticleFiles.PEOPLE.replace(',', ';'));

        JsonNode expected = Cli.run("predict", "--model", model(), "--data", commas, "--json").json();
        Cli.Run tabbed = Cli.run("predict", "--model", model(), "--data", tabs, "--json");
        Cli.Run semicolon = Cli.run("predict", "--model", model(), "--data", semicolons, "--features", "weight,height",
                "--json");

        assertThat(tabbed.exitCode()).as(tabbed.toString()).isZero();
        assertThat(tabbed.json()).isEqualTo(expected);
        assertThat(semicolon.exitCode()).as(semicolon.toString()).isZero();
        assertThat(semicolon.json()).isEqualTo(expected);
    }

    @Test
    void delimiterGivesTheDelimiterAndErrorsSayWhichWasUsed() {
        Path tabs = Cli.write(dir, "people.tsv", ArticleFiles.PEOPLE.replace(',', '\t'));
        Path pipes = Cli.write(dir, "people.txt", ArticleFiles.PEOPLE.replace(',', '|'));

        Cli.Run asTab = Cli.run("predict", "--model", model(), "--data", tabs, "--delimiter", "tab", "--json");
        Cli.Run asPipe = Cli.run("predict", "--model", model(), "--data", pipes, "--delimiter", "|", "--json");
        Cli.Run asComma = Cli.run("predict", "--model", model(), "--data", tabs, "--delimiter", ",");

        assertThat(asTab.exitCode()).as(asTab.toString()).isZero();
        assertThat(asPipe.exitCode()).as(asPipe.toString()).isZero();
        assertThat(asPipe.json()).isEqualTo(asTab.json());
        assertThat(asComma.exitCode()).isEqualTo(2);
        assertThat(asComma.errLines()).singleElement().asString()
                .contains(tabs + ": found 1 columns (weight\\theight\\tgender) separated by commas;");
    }

    @Test
    void aHeaderWithAsManyCommasAsSemicolonsIsRefusedAskingForTheDelimiter() {
        Path data = Cli.write(dir, "mixed.csv", "weight;height,gender;id,name\n-2;-1,1;7,x\n");

        Cli.Run run = Cli.run("predict", "--model", model(), "--data", data);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains(data + ":1: the header line has 2 commas and 2 semicolons")
                .contains("--delimiter");
    }

    @Test
    void aDelimiterThatIsNotOneCharacterIsRefused() {
        Path data = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);

        Cli.Run run = Cli.run("predict", "--model", model(), "--data", data, "--delimiter", ";;");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--delimiter").contains("\";;\"");
    }
}
