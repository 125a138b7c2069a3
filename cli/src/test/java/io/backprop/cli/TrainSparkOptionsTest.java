package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code train --spark}'s refusals of the train options it does not honour, checked before anything
 * is read or Spark started (this module's tests run without the spark module on the class path: an
 * option that passes the check reaches the bridge, which says the module is missing).
 */
class TrainSparkOptionsTest {
    @TempDir
    Path dir;

    private Cli.Run trainOnSpark(String... more) {
        Path spec = Cli.write(dir, "spec.json", Net221.SPEC_JSON);
        Path people = Cli.write(dir, "people.csv", ArticleFiles.PEOPLE_MEASURED);
        List<Object> args = new ArrayList<>(List.of("train", "--model", spec, "--data", people, "--epochs", 1,
                "--out", dir.resolve("out.json"), "--spark", "local[2]"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch-size 4|--batch-size is not used with --spark|expected --batch-per-worker B instead",
        "--batch-size all|--batch-size is not used with --spark|expected --batch-per-worker B instead",
        "--resume|--resume is not honoured with --spark|expected no --resume with --spark",
        "--checkpoint-every 1|--checkpoint-every is not honoured with --spark|expected no --checkpoint-every",
        "--optimizer adam|--optimizer adam is not honoured with --spark|expected --optimizer sgd, or no --optimizer",
        "--optimizer nesterov --momentum 0.5|--optimizer nesterov is not honoured|expected --optimizer sgd",
        "--l2 0.01|--l2 is not honoured with --spark|expected no --l2 with --spark",
        "--weight-decay 0.01|--weight-decay is not honoured|expected no --weight-decay with --spark",
        "--lr-schedule step:0.5:10|--lr-schedule is not honoured|expected no --lr-schedule with --spark",
        "--stream|--stream is not honoured with --spark|expected no --stream with --spark",
        "--block-size 1m|--block-size is not honoured with --spark|expected no --block-size",
        "--no-header|--no-header is not honoured with --spark|expected no --no-header",
        "--delimiter ;|--delimiter ; is not honoured with --spark|separated by commas",
        "--validation 0.2|--spark computes the training loss only|expected no --validation",
    })
    void anOptionSparkDoesNotHonourIsRefusedInOneLine(String options, String says, String expects) {
        Cli.Run run = trainOnSpark(options.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("backprop: ").contains(says).contains(expects);
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    /** What is not refused gets as far as the spark module, missing from this module's class path. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--optimizer sgd --lr 0.2",
        "--delimiter , --workers 1 --batch-per-worker 2 --averaging-frequency 2",
        "--shuffle --seed 3 --standardize --loss-every 1",
    })
    void anOptionSparkHonoursPassesTheCheck(String options) {
        Cli.Run run = trainOnSpark(options.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: --spark: found no spark module on the class path");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
