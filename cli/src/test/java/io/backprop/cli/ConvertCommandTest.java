package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} writes a .bpd file, which every command that reads --data takes as it takes the CSV file. */
class ConvertCommandTest {
    /** Some network that is not symmetric, so that swapped weights or columns would show. */
    private static final Net221 SOME_NET = Net221.of(0.3, -0.7, 1.1, 0.2, -0.9, 1.4, 0.05, -0.4, 0.25);

    @TempDir
    Path dir;

    private Path convert(String name, String csv, Object... options) {
        Path in = Cli.write(dir, name + ".csv", csv);
        Path out = dir.resolve(name + ".bpd");
        Object[] args = new Object[3 + options.length];
        args[0] = "convert";
        args[1] = in;
        args[2] = out;
        System.arraycopy(options, 0, args, 3, options.length);
        Cli.Run run = Cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return out;
    }

    @Test
    void printsOneLineWithTheRowsColumnsAndBytes() throws IOException {
        Path in = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_RAW);
        Path out = dir.resolve("people.bpd");

        Cli.Run run = Cli.run("convert", in, out);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("wrote " + out + ": 4 rows × 4 columns, " + Files.size(out) + " bytes\n");
        Cli.Run json = Cli.run("convert", in, out, "--json");
        assertThat(json.json().get("rows").asLong()).isEqualTo(4);
        assertThat(json.json().get("columns").asInt()).isEqualTo(4);
        assertThat(json.json().get("bytes").asLong()).isEqualTo(Files.size(out));
    }

    @Test
    void predictOnTheBpdPrintsWhatItPrintsOnTheCsv() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path csv = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path bpd = convert("people", ArticleFiles.PEOPLE);

        for (String format : new String[] {"--json", "--verbose"}) {
            Cli.Run fromCsv = Cli.run("predict", "--model", model, "--data", csv, "--features", "weight,height", format);
            Cli.Run fromBpd = Cli.run("predict", "--model", model, "--data", bpd, "--features", "weight,height", format);
            assertThat(fromBpd.exitCode()).as(fromBpd.toString()).isZero();
            assertThat(fromBpd.out()).isEqualTo(fromCsv.out());
        }
    }

    @Test
    void aFileWithoutAHeaderIsConvertedWithItsOptionsWhichAreIgnoredForTheBpd() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        String rows = "-2;-1\n25;6\n";
        Path csv = Cli.write(dir, "rows.csv", rows);
        Path bpd = convert("rows", rows, "--no-header", "--delimiter", ";");

        Cli.Run fromCsv = Cli.run("predict", "--model", model, "--data", csv, "--no-header", "--delimiter", ";");
        Cli.Run fromBpd = Cli.run("predict", "--model", model, "--data", bpd, "--no-header", "--delimiter", ";");
        Cli.Run bare = Cli.run("predict", "--model", model, "--data", bpd);

        assertThat(fromBpd.exitCode()).as(fromBpd.toString()).isZero();
        assertThat(fromBpd.out()).isEqualTo(fromCsv.out());
        assertThat(bare.out()).isEqualTo(fromCsv.out());
    }

    @Test
    void trainingOnTheBpdWritesTheModelTrainingOnTheCsvWrites() throws IOException {
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Path csv = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_RAW);
        Path bpd = convert("people", ArticleFiles.PEOPLE_RAW);
        Path validation = convert("validation", ArticleFiles.PEOPLE_RAW);

        Object[] options = {"--lr", 0.1, "--epochs", 50, "--batch-size", 2, "--shuffle", "--seed", 3, "--standardize",
            "--features", "weight_lb,height_in", "--targets", "gender", "--json"};
        Cli.Run fromCsv = train(spec, csv, dir.resolve("csv.json"), options, "--validation-data",
                dir.resolve("validation.csv"));
        Cli.Run fromBpd = train(spec, bpd, dir.resolve("bpd.json"), options, "--validation-data", validation);

        assertThat(fromCsv.exitCode()).as(fromCsv.toString()).isZero();
        assertThat(fromBpd.exitCode()).as(fromBpd.toString()).isZero();
        assertThat(fromBpd.out()).isEqualTo(fromCsv.out());
        assertThat(Files.readString(dir.resolve("bpd.json"))).isEqualTo(Files.readString(dir.resolve("csv.json")));
        assertThat(Cli.readJson(dir.resolve("bpd.json")).get("classes").toString()).isEqualTo("[\"F\",\"M\"]");
    }

    @Test
    void evaluateAndGradientTakeTheBpdToo() {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path csv = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE);
        Path bpd = convert("people", ArticleFiles.PEOPLE);

        for (String command : new String[] {"evaluate", "gradient"}) {
            Cli.Run fromCsv = Cli.run(command, "--model", model, "--data", csv, "--json");
            Cli.Run fromBpd = Cli.run(command, "--model", model, "--data", bpd, "--json");
            assertThat(fromBpd.exitCode()).as(fromBpd.toString()).isZero();
            assertThat(fromBpd.out()).as(command).isEqualTo(fromCsv.out());
        }
    }

    @Test
    void aBadCellIsOneLineNamingItsLineAndColumnAndNothingIsWritten() {
        Path in = Cli.write(dir, "bad.csv", "a,b\n1,2\n3,\n");

        Cli.Run run = Cli.run("convert", in, dir.resolve("bad.bpd"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("backprop: " + in + ":3:2 (b): found \"\"; expected a number");
        assertThat(Cli.listing(dir)).containsExactly("bad.csv");
    }

    @Test
    void aBrokenBpdGivenAsDataIsOneLineNamingIt() throws IOException {
        Path model = Cli.write(dir, "model.json", SOME_NET.modelJson());
        Path bpd = convert("people", ArticleFiles.PEOPLE);
        byte[] bytes = Files.readAllBytes(bpd);
        Files.write(bpd, java.util.Arrays.copyOf(bytes, bytes.length - 1));

        Cli.Run run = Cli.run("predict", "--model", model, "--data", bpd);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("backprop: " + bpd + ": " + (bytes.length - 1) + " bytes; expected "
                + bytes.length).contains("(truncated");
    }

    private Cli.Run train(Path model, Path data, Path out, Object[] options, Object... more) {
        Object[] base = {"train", "--model", model, "--data", data, "--out", out};
        Object[] args = new Object[base.length + options.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(options, 0, args, base.length, options.length);
        System.arraycopy(more, 0, args, base.length + options.length, more.length);
        return Cli.run(args);
    }
}
