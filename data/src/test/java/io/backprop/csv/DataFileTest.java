package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.DataException;
import io.backprop.model.ClassLabels;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV file converted to a data file and read back gives what the CSV file gives, bit for bit. */
class DataFileTest {
    private static final NetworkSpec TWO_ONE = NetworkSpec.builder(2).layer(1, Activation.SIGMOID)
            .loss(Loss.MSE).build();
    private static final NetworkSpec TWO_THREE = NetworkSpec.builder(2).layer(3, Activation.SOFTMAX)
            .loss(Loss.XENT).build();
    private static final NetworkSpec THREE_ONE = NetworkSpec.builder(3).layer(1, Activation.IDENTITY)
            .loss(Loss.MSE).build();
    /** Values whose bits a careless conversion would change: subnormals, -0.0, the extremes, long digits. */
    private static final String EXACT = """
            a,b,y
            4.9e-324,-0.0,1e308
            2.2250738585072011e-308,0.1,-1.7976931348623157e308
            0.30000000000000004,123456789012345678901234567890,3.141592653589793238462643383279
            -5e-324,1.0000000000000002,0
            """;
    private static final String IRIS = """
            w,h,species
            1,2,virginica
            3,4,setosa
            5,6,versicolor
            7,8,setosa
            """;

    @TempDir
    Path dir;

    @Test
    void numbersComeBackBitForBitWithTheDefaultColumns() {
        assertSameAsCsv(EXACT, CsvFormat.DEFAULT, TWO_ONE, List.of(), List.of(), true, Optional.empty());
        LabelledData read = viaDataFile(EXACT, CsvFormat.DEFAULT, TWO_ONE, List.of(), List.of(), true, Optional.empty());
        assertThat(Double.doubleToRawLongBits(read.data().feature(0, 1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(read.data().feature(0, 0)).isEqualTo(Double.MIN_VALUE);
        assertThat(read.data().target(0, 0)).isEqualTo(1e308);
    }

    @Test
    void namedColumnsInAnyOrderAndPredictionWithoutTargets() {
        assertSameAsCsv(EXACT, CsvFormat.DEFAULT, TWO_ONE, List.of("y", "a"), List.of("b"), true, Optional.empty());
        assertSameAsCsv(EXACT, CsvFormat.DEFAULT, TWO_ONE, List.of(), List.of("a"), true, Optional.empty());
        assertSameAsCsv(EXACT, CsvFormat.DEFAULT, TWO_ONE, List.of("b", "y"), List.of(), false, Optional.empty());
        assertSameAsCsv(EXACT, CsvFormat.DEFAULT, THREE_ONE, List.of(), List.of(), false, Optional.empty());
    }

    @Test
    void aFileWithoutAHeaderHasItsNumberedColumns() {
        String rows = "1,2,3\n4,5,6\n";
        CsvFormat format = CsvFormat.DEFAULT.withoutHeader();
        assertSameAsCsv(rows, format, TWO_ONE, List.of(), List.of(), true, Optional.empty());
        assertSameAsCsv(rows, format, TWO_ONE, List.of("c3", "c1"), List.of("c2"), true, Optional.empty());
        assertThat(DataFile.open(convert(rows, format)).header().names()).containsExactly("c1", "c2", "c3");
    }

    @Test
    void aClassColumnKeepsItsNamesInTheOrderFirstFoundAndGivesTheSortedClassesAsCsvDoes() {
        Path file = convert(IRIS, CsvFormat.DEFAULT);

        assertThat(DataFile.open(file).header().columns().get(2).classes())
                .containsExactly("virginica", "setosa", "versicolor");
        LabelledData read = assertSameAsCsv(IRIS, CsvFormat.DEFAULT, TWO_THREE, List.of(), List.of(), true,
                Optional.empty());
        assertThat(read.classes().orElseThrow().names()).containsExactly("setosa", "versicolor", "virginica");
        assertSameAsCsv(IRIS, CsvFormat.DEFAULT, TWO_THREE, List.of(), List.of(), true,
                Optional.of(ClassLabels.of(List.of("versicolor", "virginica", "setosa"))));
        assertSameAsCsv(IRIS, CsvFormat.DEFAULT, TWO_THREE, List.of("w", "h"), List.of(), false, Optional.empty());
    }

    @Test
    void aNumberInAClassColumnIsAClassNameAsInTheCsvFile() {
        assertSameAsCsv("a,b,g\n1,2,1\n3,4,M\n5,6,1.0\n", CsvFormat.DEFAULT, TWO_THREE, List.of(), List.of(), true,
                Optional.empty());
    }

    @Test
    void theColumnChoicesErrorsAreTheCsvFilesWithTheFileName() {
        Path file = convert(EXACT, CsvFormat.DEFAULT);
        DataFile data = DataFile.open(file);

        assertThatThrownBy(() -> data.toLabelledData(TWO_ONE, List.of("a", "nope"), List.of(), true, Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": no feature column \"nope\"; the header has a, b, y");
        assertThatThrownBy(() -> data.toLabelledData(TWO_ONE, List.of("a", "b"), List.of("b"), true, Optional.empty()))
                .hasMessage(file + ": column \"b\" is named both as a feature and as a target; expected each column"
                        + " in one role");
        assertThatThrownBy(() -> data.toLabelledData(TWO_ONE, List.of(), List.of("y", "a"), true, Optional.empty()))
                .hasMessage(file + ": found 1 feature columns (b); the network expects 2 inputs");
        assertThatThrownBy(() -> data.toLabelledData(TWO_ONE, List.of("a"), List.of(), true, Optional.empty()))
                .hasMessage(file + ": found 1 feature columns (a); the network expects 2 inputs");
        assertThatThrownBy(() -> data.toLabelledData(TWO_THREE, List.of(), List.of(), true, Optional.empty()))
                .hasMessage(file + ": found 1 target columns (y); the network has 3 outputs");
    }

    @Test
    void classErrorsNameTheFileRowAndColumn() {
        Path file = convert(IRIS, CsvFormat.DEFAULT);
        DataFile data = DataFile.open(file);

        assertThatThrownBy(() -> data.toLabelledData(TWO_THREE, List.of(), List.of(), true,
                Optional.of(ClassLabels.of(List.of("setosa", "versicolor", "other")))))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": row 1, column 3 (species): found \"virginica\"; expected one of the classes"
                        + " setosa, versicolor, other");
        assertThatThrownBy(() -> data.toLabelledData(TWO_ONE, List.of(), List.of(), true, Optional.empty()))
                .hasMessage(file + ": column 3 (species): found 3 classes (setosa, versicolor, virginica); the network"
                        + " has 1 output; expected 2 classes for one output (0 and 1); name them all with --classes");
        assertThatThrownBy(() -> data.toLabelledData(TWO_THREE, List.of("w", "species"), List.of(), true,
                Optional.empty()))
                .hasMessage(file + ": row 1, column 3 (species): found \"virginica\", a class name, in a feature column"
                        + " (its classes: virginica, setosa, versicolor); expected a number");
    }

    @Test
    void convertingRefusesACellThatIsNoNumberWhereTheCsvReaderDoes() {
        Path csv = write("in.csv", "a,b\n1,2\n3,\n");

        assertThatThrownBy(() -> DataFile.write(dir.resolve("out.bpd"), CsvTable.read(csv)))
                .isInstanceOf(DataException.class)
                .hasMessage(csv + ":3:2 (b): found \"\"; expected a number");
        assertThat(dir.resolve("out.bpd")).doesNotExist();
        assertThat(Listing.of(dir)).containsExactly("in.csv");
        Path infinite = write("inf.csv", "a,b\n1,2\n3,1e999\n");
        assertThatThrownBy(() -> DataFile.write(dir.resolve("out.bpd"), CsvTable.read(infinite)))
                .hasMessage(infinite + ":3:2 (b): found 1e999; expected a finite number");
        Path emptyClass = write("class.csv", "a,b\n1,x\n3,\n");
        assertThatThrownBy(() -> DataFile.write(dir.resolve("out.bpd"), CsvTable.read(emptyClass)))
                .hasMessage(emptyClass + ":3:2 (b): found \"\"; expected a class name");
    }

    @Test
    void theLayoutIsTheDocumentedOne() throws IOException {
        Path file = convert("x,s\n1.5,b\n-2,a\n", CsvFormat.DEFAULT);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(bytes.array(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("BPDATA01");
        int length = bytes.getInt(8);
        assertThat(new String(bytes.array(), 12, length, StandardCharsets.UTF_8)).isEqualTo(
                "{\"format\":\"backprop-data/1\",\"rows\":2,\"columns\":[{\"name\":\"x\"},{\"name\":\"s\",\"classes\":[\"b\",\"a\"]}]}");
        int offset = (12 + length + 7) / 8 * 8;
        assertThat(bytes.capacity()).isEqualTo(offset + 4 * 8);
        assertThat(new double[] {bytes.getDouble(offset), bytes.getDouble(offset + 8), bytes.getDouble(offset + 16),
                bytes.getDouble(offset + 24)}).containsExactly(1.5, -2, 0, 1);
    }

    @Test
    void blocksOfASourceTogetherAreTheWhole() {
        StringBuilder csv = new StringBuilder("a,b,c,y\n");
        Random random = new Random(7);
        for (int r = 0; r < 1000; r++) {
            csv.append(random.nextGaussian()).append(',').append(random.nextDouble()).append(',')
                    .append(random.nextInt()).append(',').append(List.of("p", "q", "r").get(random.nextInt(3))).append('\n');
        }
        NetworkSpec spec = NetworkSpec.builder(3).layer(3, Activation.SOFTMAX).loss(Loss.XENT).build();
        DataFile file = DataFile.open(convert(csv.toString(), CsvFormat.DEFAULT));
        DataSet whole = file.toLabelledData(spec, List.of(), List.of(), true, Optional.empty()).data();

        for (int rowsPerBlock : new int[] {1, 7, 333, 1000, 5000}) {
            DataSource source = file.source(spec, List.of(), List.of(), true, Optional.empty(), rowsPerBlock);
            assertThat(source.blockCount()).isEqualTo((1000 + rowsPerBlock - 1) / rowsPerBlock);
            assertThat(source.featureCount()).isEqualTo(3);
            assertThat(source.targetCount()).isEqualTo(3);
            assertThat(concatenated(source)).as("%d rows a block", rowsPerBlock).isEqualTo(whole);
        }
        assertThat(concatenated(file.source(spec, List.of(), List.of(), true, Optional.empty()))).isEqualTo(whole);
    }

    @Test
    void valuesThatCrossFromOneMappingIntoTheNextAreReadWhole() throws IOException {
        String csv = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n";
        Path file = convert(csv, CsvFormat.DEFAULT);
        DataFileHeader header = DataFile.open(file).header();
        long offset = DataFileLayout.dataOffset(header.toJson().length);
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            MappedColumns values = MappedColumns.map(channel, offset, 5, 3, 16); // two values a mapping
            double[] read = new double[15];
            values.read(0, 0, read, 0, 15);
            assertThat(read).containsExactly(1, 4, 7, 10, 13, 2, 5, 8, 11, 14, 3, 6, 9, 12, 15);
            double[] middle = new double[3];
            values.read(1, 1, middle, 0, 3);
            assertThat(middle).containsExactly(5, 8, 11);
        }
    }

    @Test
    void aFileThatIsNotADataFileIsRefusedSayingWhatItStartsWith() {
        Path csv = write("x.csv", "x1,x2\n2,3\n");

        assertThat(DataFile.isDataFile(csv)).isFalse();
        assertThatThrownBy(() -> DataFile.open(csv))
                .isInstanceOf(DataException.class)
                .hasMessage(csv + ": not a backprop-data/1 file: it starts with \"x1,x2\\n2,\"; expected the 8 bytes"
                        + " BPDATA01 (a CSV file is read as CSV wherever --data is)");
        assertThatThrownBy(() -> DataFile.open(dir.resolve("none.bpd")))
                .hasMessage(dir.resolve("none.bpd") + ": no such file; expected a backprop-data/1 file");
    }

    @Test
    void anotherVersionIsRefusedNamingIt() throws IOException {
        Path file = convert(EXACT, CsvFormat.DEFAULT);
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] = '2';
        Files.write(file, bytes);

        assertThat(DataFile.isDataFile(file)).isTrue();
        assertThatThrownBy(() -> DataFile.open(file))
                .hasMessage(file + ": a backprop data file of version \"02\"; expected version \"01\" (backprop-data/1),"
                        + " the one this version of backprop reads");
    }

    @Test
    void aTruncatedFileIsRefusedWithItsSizeAndTheSizeExpected() throws IOException {
        Path file = convert(EXACT, CsvFormat.DEFAULT);
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        long offset = DataFileLayout.dataOffset(length);

        Files.write(file, Arrays.copyOf(bytes, bytes.length - 8));
        assertThatThrownBy(() -> DataFile.open(file))
                .hasMessage(file + ": " + (bytes.length - 8) + " bytes; expected " + bytes.length + ": " + offset
                        + " before the values and 4 rows × 3 columns × 8 bytes (truncated: a file not written whole?)");
        Files.write(file, Arrays.copyOf(bytes, 20));
        assertThatThrownBy(() -> DataFile.open(file))
                .hasMessage(file + ": truncated: 20 bytes, too few for its header of " + length + " bytes after the"
                        + " first 12; expected a backprop-data/1 file written whole");
        Files.write(file, Arrays.copyOf(bytes, 10));
        assertThatThrownBy(() -> DataFile.open(file))
                .hasMessage(file + ": truncated: 10 bytes; expected at least 12, the magic BPDATA01 and the header's"
                        + " length");
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 8));
        assertThatThrownBy(() -> DataFile.open(file))
                .hasMessage(file + ": " + (bytes.length + 8) + " bytes; expected " + bytes.length + ": " + offset
                        + " before the values and 4 rows × 3 columns × 8 bytes (more than its header says)");
    }

    @Test
    void aBadHeaderIsRefusedNamingTheField() throws IOException {
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":1,\"columns\":[{\"name\":\"a\"}", 8))
                .isEqualTo(": header: malformed JSON (Unexpected end-of-input: expected close marker for Array) at byte"
                        + " 60 of 60; expected the JSON header of a backprop-data/1 file");
        assertThat(withHeader("{\"format\":\"backprop-data/2\",\"rows\":1,\"columns\":[{\"name\":\"a\"}]}", 8))
                .isEqualTo(": header field \"format\": found \"backprop-data/2\"; expected \"backprop-data/1\", the"
                        + " format this version of backprop reads");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":-1,\"columns\":[{\"name\":\"a\"}]}", 8))
                .isEqualTo(": header field \"rows\": found \"-1\"; expected a whole number, 0 or more");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":\"1\",\"columns\":[{\"name\":\"a\"}]}", 8))
                .isEqualTo(": header field \"rows\": found \"1\"; expected a whole number, 0 or more");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"columns\":[{\"name\":\"a\"}]}", 8))
                .isEqualTo(": header: no \"rows\"; expected a backprop-data/1 header with \"format\", \"rows\" and"
                        + " \"columns\"");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":1,\"columns\":[{\"name\":\"a\"},{}]}", 16))
                .isEqualTo(": header: no \"columns\"[1].name; expected a backprop-data/1 header with \"format\","
                        + " \"rows\" and \"columns\"");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":1,\"columns\":[{\"name\":\"a\"},"
                + "{\"name\":\"a\"}]}", 16))
                .isEqualTo(": header field \"columns\"[1].name: found \"a\", a name an earlier column has; expected"
                        + " distinct names");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":1,\"columns\":[{\"name\":\"a\","
                + "\"classes\":[\"x\",3]}]}", 8))
                .isEqualTo(": header field \"columns\"[0].classes[1]: found a JSON number; expected a class name");
        assertThat(withHeader("[1,2]", 8))
                .isEqualTo(": header: found a JSON array; expected a JSON object");
        assertThat(withHeader("{\"format\":\"backprop-data/1\",\"rows\":1,\"columns\":[]} {}", 0))
                .isEqualTo(": header: found more after its JSON object; expected one JSON object");
    }

    @Test
    void unknownHeaderFieldsAreSkipped() throws IOException {
        Path file = dataFile("{\"format\":\"backprop-data/1\",\"rows\":1,\"later\":{\"x\":[1]},\"columns\":"
                + "[{\"name\":\"a\",\"unit\":\"cm\"}]}", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(2.5).array());

        assertThat(DataFile.open(file).header().columns()).containsExactly(DataFileHeader.Column.numbers("a"));
    }

    @Test
    void aFileWithoutRowsIsRefusedAsACsvFileWithoutRowsIs() throws IOException {
        Path file = dataFile("{\"format\":\"backprop-data/1\",\"rows\":0,\"columns\":[{\"name\":\"a\"}]}", new byte[0]);
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();

        assertThatThrownBy(() -> DataFile.open(file).toLabelledData(spec, List.of(), List.of(), false, Optional.empty()))
                .hasMessage(file + ": has a header but no rows; expected at least one row of numbers");
        assertThatThrownBy(() -> DataFile.open(file).source(spec, List.of(), List.of(), false, Optional.empty()))
                .hasMessage(file + ": found no rows; expected at least one");
    }

    @Test
    void aSourcesDefaultBlockHoldsAbout16MiBOfRows() throws IOException {
        int rows = 5000;
        int columns = 795;
        ByteBuffer values = ByteBuffer.allocate(rows * columns * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < rows * columns; k++) {
            values.putDouble(k % 1000);
        }
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            names.append(c == 0 ? "" : ",").append("{\"name\":\"x").append(c).append("\"}");
        }
        Path file = dataFile("{\"format\":\"backprop-data/1\",\"rows\":" + rows + ",\"columns\":[" + names + "]}",
                values.array());
        NetworkSpec spec = NetworkSpec.builder(columns - 1).layer(1, Activation.IDENTITY).loss(Loss.MSE).build();

        DataSource source = DataFile.open(file).source(spec, List.of(), List.of(), true, Optional.empty());

        int perBlock = DataFile.DEFAULT_BLOCK_BYTES / (columns * 8); // 2,638 rows of 795 float64
        assertThat(source.blockCount()).isEqualTo(2);
        assertThat(source.block(0).rows()).isEqualTo(perBlock);
        assertThat(source.block(1).rows()).isEqualTo(rows - perBlock);
        assertThat(source.block(1).feature(0, 0)).isEqualTo(perBlock % 1000); // column 0's value at row perBlock
    }

    @Test
    void aClassCodeTheHeaderDoesNotNameIsRefusedWithItsRow() throws IOException {
        ByteBuffer values = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(1).putDouble(2).putDouble(0).putDouble(2);
        Path file = dataFile("{\"format\":\"backprop-data/1\",\"rows\":2,\"columns\":[{\"name\":\"a\"},"
                + "{\"name\":\"b\",\"classes\":[\"x\",\"y\"]}]}", values.array());
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();

        assertThatThrownBy(() -> DataFile.open(file).toLabelledData(spec, List.of(), List.of(), true, Optional.empty()))
                .hasMessage(file + ": row 2, column 2 (b): found the class code 2.0; expected a whole number from 0"
                        + " to 1, one of the column's 2 classes");
    }

    @Test
    void aValueThatIsNotFiniteIsRefusedWithItsRow() throws IOException {
        ByteBuffer values = ByteBuffer.allocate(2 * 8).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(Double.NaN);
        Path file = dataFile("{\"format\":\"backprop-data/1\",\"rows\":2,\"columns\":[{\"name\":\"a\"}]}",
                values.array());
        NetworkSpec spec = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();

        assertThatThrownBy(() -> DataFile.open(file).toLabelledData(spec, List.of(), List.of(), false, Optional.empty()))
                .hasMessage(file + ": row 2, column 1 (a): found NaN; expected a finite number");
    }

    @Test
    void aWriterFedTableByTableWritesWhatOneTableWould() {
        CsvTable first = table("a,b,s\n1,2,q\n3,4,p\n");
        CsvTable second = table("a,b,s\n5,6,r\n7,8,q\n9,10,1\n");
        Path out = dir.resolve("two.bpd");
        try (DataFileWriter writer = DataFileWriter.create(out, first.header())) {
            writer.append(first);
            writer.append(second);
            writer.finish();
        }
        Path whole = convert("a,b,s\n1,2,q\n3,4,p\n5,6,r\n7,8,q\n9,10,1\n", CsvFormat.DEFAULT);

        NetworkSpec spec = NetworkSpec.builder(2).layer(4, Activation.SOFTMAX).loss(Loss.XENT).build();
        assertThat(DataFile.open(out).header()).isEqualTo(DataFile.open(whole).header());
        assertThat(DataFile.open(out).toLabelledData(spec, List.of(), List.of(), true, Optional.empty()))
                .isEqualTo(DataFile.open(whole).toLabelledData(spec, List.of(), List.of(), true, Optional.empty()));
        assertThat(Listing.of(dir)).containsExactlyInAnyOrder("two.bpd", "data.csv", "data.bpd");
    }

    @Test
    void aLaterTableWithAClassNameInAColumnOfNumbersIsRefused() {
        CsvTable first = table("a,b\n1,2\n");
        Path out = dir.resolve("two.bpd");
        try (DataFileWriter writer = DataFileWriter.create(out, first.header())) {
            writer.append(first);
            assertThatThrownBy(() -> writer.append(table("a,b\n3,x\n")))
                    .hasMessage("t.csv:2:2 (b): found \"x\"; expected a number, as the rows before it in this column"
                            + " are (a column's first block of rows makes it a column of numbers or of class names)");
        }
        assertThat(Listing.of(dir)).isEmpty();
    }

    private LabelledData assertSameAsCsv(String text, CsvFormat format, NetworkSpec spec, List<String> features,
                                         List<String> targets, boolean targetsRequired, Optional<ClassLabels> known) {
        Path csv = write("data.csv", text);
        LabelledData expected = CsvTable.read(csv, format).toLabelledData(spec, features, targets, targetsRequired,
                known);
        LabelledData read = viaDataFile(text, format, spec, features, targets, targetsRequired, known);
        assertThat(read).isEqualTo(expected);
        assertThat(bits(read.data())).isEqualTo(bits(expected.data()));
        return read;
    }

    private LabelledData viaDataFile(String text, CsvFormat format, NetworkSpec spec, List<String> features,
                                     List<String> targets, boolean targetsRequired, Optional<ClassLabels> known) {
        return DataFile.open(convert(text, format)).toLabelledData(spec, features, targets, targetsRequired, known);
    }

    /** Every value's raw bits, features then targets, so that -0.0 and 0.0 differ. */
    private static List<Long> bits(DataSet data) {
        List<Long> bits = new ArrayList<>();
        for (int r = 0; r < data.rows(); r++) {
            for (double v : data.featureRow(r)) {
                bits.add(Double.doubleToRawLongBits(v));
            }
            for (double v : data.targetRow(r)) {
                bits.add(Double.doubleToRawLongBits(v));
            }
        }
        return bits;
    }

    private static DataSet concatenated(DataSource source) {
        List<double[]> features = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (int b = 0; b < source.blockCount(); b++) {
            DataSet block = source.block(b);
            features.addAll(Arrays.asList(block.features()));
            targets.addAll(Arrays.asList(block.targets()));
        }
        return DataSet.of(features.toArray(double[][]::new), targets.toArray(double[][]::new));
    }

    private Path convert(String text, CsvFormat format) {
        Path csv = write("data.csv", text);
        Path out = dir.resolve("data.bpd");
        DataFile.write(out, CsvTable.read(csv, format));
        return out;
    }

    /** The message opening a file with this header and {@code values} gives, without the file's name. */
    private String withHeader(String json, int valueBytes) throws IOException {
        Path file = dataFile(json, new byte[valueBytes]);
        try {
            DataFile.open(file);
        } catch (DataException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
            return e.getMessage().substring(file.toString().length());
        }
        throw new AssertionError("opened " + json);
    }

    private Path dataFile(String json, byte[] values) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        int offset = (int) DataFileLayout.dataOffset(header.length);
        ByteBuffer bytes = ByteBuffer.allocate(offset + values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(DataFileLayout.MAGIC).putInt(header.length).put(header).position(offset);
        bytes.put(values);
        return Files.write(dir.resolve("made.bpd"), bytes.array());
    }

    private static CsvTable table(String text) {
        try {
            return CsvTable.read(new java.io.StringReader(text), "t.csv");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The names of the files in a directory, sorted. */
    private static final class Listing {
        static List<String> of(Path dir) {
            try (var files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
