package io.backprop.spark;

import static io.backprop.spark.ParameterAveragingEquivalenceTest.assertClose;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.flat;
import static io.backprop.spark.ParameterAveragingEquivalenceTest.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows Spark reads from a CSV path: the columns chosen by name, class names as one-hot targets, the
 * standardization fitted by Spark in one pass, against the same rows held in memory and the API's own
 * two-pass {@link Standardization#fit}, trained and compared with single-machine training.
 */
class SparkCsvTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .layer(4, Activation.TANH)
            .layer(2, Activation.SOFTMAX)
            .loss(Loss.XENT)
            .build();
    private static final int ROWS = 40;

    @TempDir
    Path dir;

    /**
     * One worker with a batch of every row: each epoch is one full-batch step whatever order DL4J
     * exports the rows in, so it is single-machine training with {@link BatchSize#ALL} on the rows
     * standardized in memory.
     */
    @Test
    void aCsvPathTrainsAsTheSameRowsInMemory() throws IOException {
        double[][] features = new double[ROWS][3];
        String[] classes = new String[ROWS];
        Path file = write(features, classes);
        double[][] targets = new double[ROWS][2];
        for (int r = 0; r < ROWS; r++) {
            targets[r][classes[r].equals("setosa") ? 0 : 1] = 1;
        }
        DataSet raw = DataSet.of(features, targets);
        Standardization expectedScaling = Standardization.fit(raw);
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 3);

        Network single = Backends.create("dl4j", SPEC, start);
        TrainingResult expected = single.fit(expectedScaling.apply(raw), TrainingOptions.builder().learningRate(0.3)
                .epochs(6).batchSize(BatchSize.ALL).build());

        SparkCsv csv = SparkCsv.of(file.toUri().toString())
                .withColumns(List.of("width", "length", "height"), List.of("species"))
                .withClasses(ClassLabels.of(List.of("setosa", "virginica")))
                .standardized();
        SparkTraining spark = LocalSpark.with(SparkOptions.of("local[2]").withWorkers(1).withBatchPerWorker(ROWS));
        SparkCsv.Rows rows = csv.read(spark, SPEC);
        assertThat(rows.count()).isEqualTo(ROWS);
        Standardization found = rows.standardization().orElseThrow();
        assertClose(found.mean(), expectedScaling.mean(), 1e-12);
        assertClose(found.std(), expectedScaling.std(), 1e-12);
        rows.close();

        Network network = Backends.create("dl4j", SPEC, start);
        TrainingResult result = spark.fit(network, csv, TrainingOptions.builder().learningRate(0.3).epochs(6).build());

        assertClose(flat(network.parameters()), flat(single.parameters()), 1e-9);
        assertThat(maxDifference(flat(network.parameters()), flat(start))).isGreaterThan(1e-2);
        for (int e = 0; e < 6; e++) {
            assertThat(result.losses()[e]).isCloseTo(expected.losses()[e], Offset.offset(1e-9));
        }
    }

    @Test
    void classNamesAreFoundSortedWhenNotGiven() throws IOException {
        Path file = write(new double[ROWS][3], new String[ROWS]);
        SparkCsv.Rows rows = SparkCsv.of(file.toString()).withColumns(List.of("width", "length", "height"),
                List.of("species")).withClassesFound().read(LocalSpark.with(SparkOptions.of("local[2]")), SPEC);
        assertThat(rows.classes().orElseThrow().names()).containsExactly("setosa", "virginica");
        rows.close();
    }

    @Test
    void aFieldThatIsNoNumberIsReportedWithItsColumnAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "width,length,height,species\n1,2,3,setosa\n1,x2,3,virginica\n");
        Network network = Backends.create("dl4j", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 1));
        SparkCsv csv = SparkCsv.of(file.toString()).withClasses(ClassLabels.of(List.of("setosa", "virginica")));
        assertThatThrownBy(() -> LocalSpark.with(SparkOptions.of("local[2]")).fit(network, csv,
                TrainingOptions.builder().epochs(1).build()))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ":3: column length: found \"x2\" in the line \"1,x2,3,virginica\"; expected a"
                        + " finite number");
    }

    /**
     * In a folder of part files, each with its header line, a bad field is named by its part file
     * and its line there: the second part's fifth line here, with the files split into several
     * partitions each (8 asked for some 200 bytes), so that a partition's lines are numbered from
     * the counts of the partitions before it in its file.
     */
    @Test
    void aBadFieldInAFolderIsNamedByItsPartFileAndLine() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rows"));
        String header = "width,length,height,species\n";
        Files.writeString(folder.resolve("part-00000.csv"), header + "1,2,3,setosa\n".repeat(6));
        Path second = folder.resolve("part-00001.csv");
        Files.writeString(second, header + "1,2,3,setosa\n".repeat(3) + "1,2,3.5.1,setosa\n" + "1,2,3,setosa\n");
        Network network = Backends.create("dl4j", SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 1));
        SparkCsv csv = SparkCsv.of(folder.toString()).withClasses(ClassLabels.of(List.of("setosa", "virginica")));
        assertThatThrownBy(() -> LocalSpark.with(SparkOptions.of("local[2]").withWorkers(8)).fit(network, csv,
                TrainingOptions.builder().epochs(1).build()))
                .isInstanceOf(DataException.class)
                .hasMessage(second.toUri().toString().replace("file:///", "file:/") + ":5: column height: found"
                        + " \"3.5.1\" in the line \"1,2,3.5.1,setosa\"; expected a finite number");
    }

    /** 40 rows of three features and a class name, written as CSV with a header. */
    private Path write(double[][] features, String[] classes) throws IOException {
        Random random = new Random(9);
        StringBuilder text = new StringBuilder("width,length,species,height\n");
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < 3; c++) {
                features[r][c] = Math.round((10 * c + 3 * random.nextGaussian()) * 1000) / 1000.0;
            }
            classes[r] = features[r][0] + features[r][1] > 10 ? "virginica" : "setosa";
            text.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", features[r][0], features[r][1], classes[r],
                    features[r][2]));
        }
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, text);
        return file;
    }
}
