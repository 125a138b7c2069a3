package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train and predict with --data read a block at a time: blocks of a few hundred bytes, so that a small file
 * has dozens, against the same commands with the file read whole.
 */
class StreamingCommandsTest {
    private static final String SPEC = """
            {"format": "backprop-model/1", "inputs": 3, "loss": "mse",
             "layers": [{"units": 4, "activation": "tanh"}, {"units": 2, "activation": "sigmoid"}]}
            """;
    private static final String CLASS_SPEC = """
            {"format": "backprop-model/1", "inputs": 3, "loss": "xent",
             "layers": [{"units": 4, "activation": "tanh"}, {"units": 3, "activation": "softmax"}]}
            """;

    @TempDir
    Path dir;

    /** {@code rows} rows of three features on different scales and two numeric targets. */
    private Path numbers(String name, int rows) throws IOException {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("a,b,c,t1,t2\n");
        for (int r = 0; r < rows; r++) {
            csv.append(String.format(Locale.ROOT, "%.6f,%.4f,%.2f,%.3f,%.3f%n", random.nextGaussian(),
                    100 + 20 * random.nextGaussian(), 1e4 * random.nextDouble(), random.nextDouble(),
                    random.nextDouble()));
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    /** {@code rows} rows of three features and a class name. */
    private Path classes(String name, int rows) throws IOException {
        Random random = new Random(12);
        String[] names = {"setosa", "versicolor", "virginica"};
        StringBuilder csv = new StringBuilder("a,b,c,species\n");
        for (int r = 0; r < rows; r++) {
            int k = random.nextInt(3);
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s%n", k + random.nextGaussian(),
                    random.nextGaussian(), 2 * k + random.nextGaussian(), names[k]));
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private Cli.Run train(Path spec, Path data, String out, String... more) {
        String[] args = new String[] {"train", "--backend", "reference", "--model", spec.toString(), "--data",
                data.toString(), "--out", dir.resolve(out).toString(), "--epochs", "5", "--batch-size", "7", "--lr",
                "0.2", "--json"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run((Object[]) all);
    }

    @Test
    void trainedInOrderABlockAtATimeTheModelIsTheOneOfTheFileReadWhole() throws IOException {
        Path spec = Cli.write(dir, "spec.json", SPEC);
        Path data = numbers("data.csv", 300);

        Cli.Run whole = train(spec, data, "whole.json", "--no-stream", "--standardize");
        Cli.Run blocks = train(spec, data, "blocks.json", "--stream", "--block-size", "300", "--standardize");

        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        assertThat(blocks.exitCode()).as(blocks.toString()).isZero();
        JsonNode expected = Cli.readJson(dir.resolve("whole.json"));
        JsonNode actual = Cli.readJson(dir.resolve("blocks.json"));
        // The scaling is fitted in two passes over the blocks, the sums in the rows' order: bit for bit.
        assertThat(actual.get("standardization")).isEqualTo(expected.get("standardization"));
        assertThat(actual.get("layers")).isEqualTo(expected.get("layers"));
        JsonNode wholeLosses = whole.json().get("loss");
        JsonNode blockLosses = blocks.json().get("loss");
        assertThat(blockLosses).hasSameSizeAs(wholeLosses);
        for (int k = 0; k < wholeLosses.size(); k++) {
            // The loss of the blocks is summed by block, so its last bits may differ.
            assertThat(blockLosses.get(k).asDouble()).isCloseTo(wholeLosses.get(k).asDouble(),
                    org.assertj.core.api.Assertions.withinPercentage(1e-10));
        }
    }

    @Test
    void classNamesAreFoundAcrossEveryBlockAndTrainAsTheyDoWhole() throws IOException {
        Path spec = Cli.write(dir, "spec.json", CLASS_SPEC);
        // The first blocks hold only some of the classes: the file is sorted by class.
        Path data = classes("iris-like.csv", 240);
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(data));
        String header = lines.remove(0);
        lines.sort(java.util.Comparator.comparing(line -> line.substring(line.lastIndexOf(',') + 1)));
        lines.add(0, header);
        Files.write(data, lines);

        Cli.Run whole = train(spec, data, "whole.json", "--no-stream");
        Cli.Run blocks = train(spec, data, "blocks.json", "--stream", "--block-size", "256");

        assertThat(blocks.exitCode()).as(blocks.toString()).isZero();
        JsonNode expected = Cli.readJson(dir.resolve("whole.json"));
        JsonNode actual = Cli.readJson(dir.resolve("blocks.json"));
        assertThat(actual.get("classes")).isEqualTo(expected.get("classes"));
        assertThat(actual.get("layers")).isEqualTo(expected.get("layers"));
    }

    @Test
    void shuffledABlockAtATimeTheSameSeedTrainsTheSameModel() throws IOException {
        Path spec = Cli.write(dir, "spec.json", SPEC);
        Path data = numbers("data.csv", 200);

        Cli.Run first = train(spec, data, "first.json", "--stream", "--block-size", "400", "--shuffle", "--seed", "5");
        Cli.Run again = train(spec, data, "again.json", "--stream", "--block-size", "400", "--shuffle", "--seed", "5");
        Cli.Run other = train(spec, data, "other.json", "--stream", "--block-size", "400", "--shuffle", "--seed", "6");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(Cli.readJson(dir.resolve("again.json")).get("layers"))
                .isEqualTo(Cli.readJson(dir.resolve("first.json")).get("layers"))
                .isNotEqualTo(Cli.readJson(dir.resolve("other.json")).get("layers"));
    }

    @Test
    void predictedABlockAtATimeTheOutputIsThatOfTheFileReadWhole() throws IOException {
        Path spec = Cli.write(dir, "spec.json", CLASS_SPEC);
        Path data = classes("iris-like.csv", 150);
        assertThat(train(spec, data, "model.json", "--standardize").exitCode()).isZero();
        Path model = dir.resolve("model.json");

        for (boolean json : new boolean[] {true, false}) {
            Cli.Run whole = predict(model, data, json, "--no-stream");
            Cli.Run blocks = predict(model, data, json, "--stream", "--block-size", "200");

            assertThat(blocks.exitCode()).as(blocks.toString()).isZero();
            assertThat(blocks.out()).isEqualTo(whole.out());
            assertThat(blocks.out().lines().count()).isEqualTo(json ? 1 : 151);
        }
    }

    private static Cli.Run predict(Path model, Path data, boolean json, String... reading) {
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of("predict", "--backend", "reference",
                "--model", model, "--data", data, "--features", "a,b,c"));
        args.addAll(java.util.List.of(reading));
        if (json) {
            args.add("--json");
        }
        return Cli.run(args.toArray());
    }

    @Test
    void checkedABlockAtATimeEveryBackendIsJudgedAsOnTheFileReadWhole() throws IOException {
        Path spec = Cli.write(dir, "spec.json", SPEC);
        Path data = numbers("data.csv", 120);

        Cli.Run whole = Cli.run("check", "--model", spec, "--data", data, "--epochs", "2", "--batch-size", "8",
                "--json", "--no-stream");
        Cli.Run blocks = Cli.run("check", "--model", spec, "--data", data, "--epochs", "2", "--batch-size", "8",
                "--json", "--stream", "--block-size", "500");

        assertThat(blocks.exitCode()).as(blocks.toString()).isEqualTo(whole.exitCode()).isZero();
        JsonNode expected = whole.json().get("differences");
        JsonNode actual = blocks.json().get("differences");
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            for (String field : new String[] {"backend", "kind", "within", "tolerance"}) {
                assertThat(actual.get(k).get(field)).as("%s of row %d", field, k).isEqualTo(expected.get(k).get(field));
            }
        }
    }

    @Test
    void holdingOutAFractionOfRowsReadABlockAtATimeIsRefusedInOneLine() throws IOException {
        Path spec = Cli.write(dir, "spec.json", SPEC);
        Path data = numbers("data.csv", 50);

        Cli.Run run = train(spec, data, "out.json", "--stream", "--validation", "0.2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("read a block at a time (--stream)")
                .contains("expected --validation-data");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void batchSizeAllIsRefusedInOneLineWhenTheDataIsReadABlockAtATime() throws IOException {
        Path spec = Cli.write(dir, "spec.json", SPEC);
        Path data = numbers("data.csv", 50);

        Cli.Run run = Cli.run("train", "--backend", "reference", "--model", spec, "--data", data, "--out",
                dir.resolve("out.json"), "--epochs", "2", "--batch-size", "all", "--stream");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("batch size \"all\"");
    }
}
