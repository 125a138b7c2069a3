package io.backprop.conformance;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.DataException;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.Optimizer;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code streaming.*}: training and the loss on rows read a block at a time ({@link DataSource}), through
 * the public API only. In order, a backend must take exactly the steps it takes on the same rows held
 * whole; shuffled, exactly those of the rows held whole in the order the API defines for blocks, which
 * the kit writes out again here from its documentation ({@link #epochOrder}); the loss of the blocks is
 * the loss of the whole to rounding.
 */
final class StreamingCases {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(5, Activation.TANH)
            .layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
    /** A loss that sums its rows, so that blocks add rather than weigh. */
    private static final NetworkSpec SUMMED = NetworkSpec.builder(3).layer(4, Activation.SIGMOID)
            .layer(1, Activation.IDENTITY).loss(Loss.SSE).build();
    private static final int ROWS = 23;
    private static final int EPOCHS = 4;

    private StreamingCases() {
    }

    /** One way of cutting and batching the rows, with the optimizer trained. */
    private record Layout(String id, int rowsPerBlock, int batch, Optimizer optimizer, double learningRate) {
        String says() {
            return ROWS + " rows in blocks of " + rowsPerBlock + ", batches of " + batch + ", " + optimizer.name();
        }
    }

    private static final List<Layout> LAYOUTS = List.of(
            // batches straddle blocks: 5 rows a batch, 7 a block
            new Layout("straddling", 7, 5, Optimizer.sgd(), 0.3),
            // a batch gathers several blocks
            new Layout("batch-over-blocks", 3, 8, Optimizer.adam(), 0.01),
            new Layout("per-row", 4, 1, Optimizer.nesterov(), 0.05));

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        String steps = "that the backend's step uses the rows of the data set it is given at each step, not rows"
                + " it kept from an earlier step of the same fit (blocks are new DataSets of the same shape), and"
                + " that nothing in a step depends on where its rows came from";
        for (Layout layout : LAYOUTS) {
            cases.add(new SimpleCase("streaming.in-order." + layout.id(), EPOCHS + " epochs in order on " + layout.says()
                    + " take the steps of the rows held whole", List.of(SPEC), backend -> inOrder(backend, layout))
                    .notes("fit(DataSource) in order ends with the parameters of fit(DataSet) on the same rows, bit for"
                            + " bit, and reports the same losses to rounding",
                            Notes.allowed("parameters", Kind.IDENTICAL, "losses", Kind.LOSSES), steps));
            cases.add(new SimpleCase("streaming.shuffled." + layout.id(), EPOCHS + " epochs shuffled from seed 42 on "
                    + layout.says() + " take the steps of the API's block order", List.of(SPEC),
                    backend -> shuffled(backend, layout))
                    .notes("fit(DataSource) shuffled from a seed ends with the parameters of one in-order fit per epoch"
                            + " on the rows held whole in the order the API defines for blocks (the blocks shuffled, then"
                            + " each block's rows, from the seed and the epoch), bit for bit",
                            Notes.allowed("parameters", Kind.IDENTICAL, "losses", Kind.LOSSES), steps));
        }
        for (NetworkSpec spec : List.of(SPEC, SUMMED)) {
            String loss = spec.loss().id();
            cases.add(new SimpleCase("streaming.loss-and-gradients." + loss, "loss(DataSource) and gradients(DataSource)"
                    + " in blocks of 4 on " + spec + " are those of the rows held whole", List.of(spec),
                    backend -> lossAndGradients(backend, spec))
                    .notes("the loss and the gradient read a block at a time equal those of the 23 rows held whole, taken"
                            + " as one batch",
                            Notes.allowed("loss", Kind.LOSSES, "gradients", Kind.GRADIENTS), "that the backend's loss and"
                                    + " gradient of a block are " + (spec.loss().averagesRows() ? "the mean over that"
                                    + " block's rows (the API weighs each block by its rows)" : "the sum over that"
                                    + " block's rows (the API adds the blocks')")));
        }
        cases.add(new SimpleCase("streaming.refused", "a source of the wrong width, and batch size \"all\", are refused"
                + " before any step", List.of(SPEC), StreamingCases::refused)
                .notes("fit(DataSource) with rows of 4 features on a 3-input network throws a DataException naming the"
                        + " source; with batch size \"all\" a TrainingException; the parameters stay as they were",
                        "", "that the backend's fit(DataSource), if it overrides it, checks as AbstractNetwork's does"));
        return cases;
    }

    private static Parameters start(Random random) {
        return GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(SPEC, random.nextLong()), 0.7);
    }

    private static TrainingOptions.Builder options(Layout layout) {
        return TrainingOptions.builder().optimizer(layout.optimizer()).learningRate(layout.learningRate())
                .batchSize(BatchSize.of(layout.batch()));
    }

    private static void inOrder(Backend backend, Layout layout) {
        Random random = new Random(0x57EA3L + layout.rowsPerBlock());
        Parameters start = start(random);
        DataSet data = GeneratedNetworks.data(random, SPEC, ROWS, 1);
        TrainingOptions options = options(layout).epochs(EPOCHS).build();

        Network whole = backend.create(SPEC, start);
        TrainingResult expected = whole.fit(data, options);
        Network streamed = backend.create(SPEC, start);
        TrainingResult actual = streamed.fit(DataSource.inBlocks(data, layout.rowsPerBlock()), options);

        Check.identical("parameters after " + EPOCHS + " epochs", streamed.parameters(), whole.parameters());
        losses(actual.losses(), expected.losses());
    }

    private static void shuffled(Backend backend, Layout layout) {
        Random random = new Random(0x5AFFL + layout.rowsPerBlock());
        Parameters start = start(random);
        DataSet data = GeneratedNetworks.data(random, SPEC, ROWS, 1);
        long seed = 42;

        Network streamed = backend.create(SPEC, start);
        TrainingResult actual = streamed.fit(DataSource.inBlocks(data, layout.rowsPerBlock()),
                options(layout).epochs(EPOCHS).shuffle(seed).build());
        Network whole = backend.create(SPEC, start);
        double[] expected = new double[EPOCHS];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            DataSet visited = data.select(epochOrder(seed, epoch, ROWS, layout.rowsPerBlock()));
            whole.fit(visited, options(layout).epochs(1).build());
            expected[epoch] = whole.loss(data);
        }

        Check.identical("parameters after " + EPOCHS + " epochs", streamed.parameters(), whole.parameters());
        losses(actual.losses(), expected);
    }

    /**
     * The rows epoch {@code epoch} visits, as the API's documentation defines the shuffled order of
     * blocks: a {@link Random} seeded with SplitMix64's mix of {@code seed + (epoch + 1)·0x9E3779B97F4A7C15}
     * shuffles the blocks' order (Fisher–Yates from the last position down), then each block's rows as it
     * is visited.
     */
    static int[] epochOrder(long seed, int epoch, int rows, int rowsPerBlock) {
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        Random random = new Random(z ^ (z >>> 31));
        int blocks = (rows + rowsPerBlock - 1) / rowsPerBlock;
        int[] blockOrder = fisherYates(blocks, random);
        int[] order = new int[rows];
        int k = 0;
        for (int b : blockOrder) {
            int first = b * rowsPerBlock;
            int[] within = fisherYates(Math.min(rowsPerBlock, rows - first), random);
            for (int r : within) {
                order[k++] = first + r;
            }
        }
        return order;
    }

    private static int[] fisherYates(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static void losses(double[] actual, double[] expected) {
        Check.value("number of losses reported", actual.length, expected.length, 0);
        for (int k = 0; k < actual.length; k++) {
            Check.value("loss reported after epoch " + (k + 1), actual[k], expected[k], Tolerances.LOSSES);
        }
    }

    private static void lossAndGradients(Backend backend, NetworkSpec spec) {
        Random random = new Random(0x1055L);
        DataSet data = GeneratedNetworks.data(random, spec, ROWS, 1);
        Network network = backend.create(spec, GradientCases.scaled(
                Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), 0.7));
        DataSource blocks = DataSource.inBlocks(data, 4);

        Check.value("loss of 23 rows in blocks of 4", network.loss(blocks), network.loss(data), Tolerances.LOSSES);
        Check.parameters("gradients of 23 rows in blocks of 4", network.gradients(blocks), network.gradients(data),
                Tolerances.GRADIENTS);
    }

    private static void refused(Backend backend) {
        Random random = new Random(0x2EF5L);
        Parameters start = start(random);
        Network network = backend.create(SPEC, start);
        // As the backend holds them: a backend of another precision holds the start rounded.
        Parameters before = network.parameters();
        NetworkSpec wider = NetworkSpec.builder(4).layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
        DataSource tooWide = DataSource.inBlocks(GeneratedNetworks.data(random, wider, ROWS, 1), 5);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.1).epochs(1).batchSize(BatchSize.of(4))
                .build();
        try {
            network.fit(tooWide, options);
            throw new ConformanceFailure("fit on rows of 4 features", Double.NaN, "the 3-input network took them", 0);
        } catch (DataException expected) {
            if (!expected.getMessage().contains(tooWide.name())) {
                throw new ConformanceFailure("fit on rows of 4 features", Double.NaN, "the error \""
                        + expected.getMessage() + "\" does not name the source", 0);
            }
        }
        try {
            network.fit(DataSource.inBlocks(GeneratedNetworks.data(random, SPEC, ROWS, 1), 5),
                    options.toBuilder().batchSize(BatchSize.ALL).build());
            throw new ConformanceFailure("fit with batch size all", Double.NaN, "it trained", 0);
        } catch (TrainingException expected) {
            // every row in one step cannot be held a block at a time
        }
        Check.identical("parameters after the refused fits", network.parameters(), before);
    }
}
