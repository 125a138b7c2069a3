package io.backprop.train;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.TrainingException;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Epochs over a {@link DataSource}, a block in memory at a time: the batches of the rows as the epoch
 * visits them, {@code batch} rows each, a batch that straddles two blocks made of the end of one and
 * the start of the next, so that only the last batch of an epoch may be smaller.
 *
 * <p>In order, the epoch visits block 0, 1, … and each block's rows as read: the batches, and so the
 * steps, are those of the same rows held whole. Shuffled, epoch {@code e} of the network (its epochs
 * completed before, from 0) takes one {@link Random} seeded from the run's seed and {@code e}
 * ({@link #epochRandom}), shuffles the order of the blocks with it (Fisher–Yates, as in memory), then
 * the rows of each block as it is read, in the order the blocks are visited. The order so depends on the
 * seed, the epoch and where the source cuts its blocks, not on anything before: a run resumed at any
 * epoch visits what one run would. It is not the order of the same rows shuffled whole, which would
 * need every row at once.
 */
final class StreamedEpochs {
    private final DataSource source;
    private final TrainingOptions options;
    private final TrainingLoop.Trainee trainee;
    private final Step step;
    private final int batch;
    private final Carry carry;

    StreamedEpochs(DataSource source, TrainingOptions options, TrainingLoop.Trainee trainee, Step step) {
        if (options.batchSize().isAll()) {
            throw new TrainingException("training: batch size \"all\" makes every row of " + source.name()
                    + " one step, which reading it a block at a time cannot hold; expected a batch size in rows,"
                    + " such as 64");
        }
        this.source = source;
        this.options = options;
        this.trainee = trainee;
        this.step = step;
        this.batch = options.batchSize().rowsFor(Integer.MAX_VALUE);
        this.carry = new Carry(source.featureCount(), source.targetCount(), batch);
    }

    /** One epoch's steps. */
    void epoch() {
        int[] blocks = TrainingLoop.identity(source.blockCount());
        Random random = options.shuffleSeed().isPresent()
                ? epochRandom(options.shuffleSeed().getAsLong(), step.epoch()) : null;
        if (random != null) {
            TrainingLoop.shuffle(blocks, random);
        }
        for (int b : blocks) {
            DataSet block = source.block(b);
            int rows = block.rows();
            int[] order = TrainingLoop.identity(rows);
            if (random != null) {
                TrainingLoop.shuffle(order, random);
            }
            int from = carry.fill(block, order);
            if (carry.full()) {
                take(carry.batch(), carry.order(), batch);
                carry.clear();
            }
            for (; from + batch <= rows; from += batch) {
                step.prepare(options);
                trainee.step(block, order, from, from + batch, step);
                step.stepTaken();
            }
            carry.keep(block, order, from, rows);
        }
        if (carry.rows() > 0) {
            take(carry.batch(), carry.order(), carry.rows());
            carry.clear();
        }
    }

    private void take(DataSet rows, int[] order, int count) {
        step.prepare(options);
        trainee.step(rows, order, 0, count, step);
        step.stepTaken();
    }

    /**
     * The random numbers of epoch {@code epoch} of a run shuffled from {@code seed}: {@link Random} seeded
     * with SplitMix64's mix of {@code seed + (epoch + 1) · 0x9E3779B97F4A7C15}, so that neighbouring seeds
     * and epochs give unrelated orders.
     */
    static Random epochRandom(long seed, int epoch) {
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /**
     * The loss over every row of {@code source}, block after block: the rows' mean of the blocks' losses
     * weighted by their rows when {@code averagesRows}, else their sum, as the loss of the rows held whole
     * is (to rounding: the sums are grouped by block).
     */
    static double loss(DataSource source, java.util.function.ToDoubleFunction<DataSet> lossOf, boolean averagesRows) {
        double sum = 0;
        long rows = 0;
        for (int b = 0; b < source.blockCount(); b++) {
            DataSet block = source.block(b);
            double loss = lossOf.applyAsDouble(block);
            sum += averagesRows ? loss * block.rows() : loss;
            rows += block.rows();
        }
        return averagesRows ? sum / rows : sum;
    }

    /**
     * The gradient over every row of {@code source}, from each block's: their sum weighted by the blocks'
     * rows and divided by all the rows when {@code averagesRows}, else their plain sum.
     */
    static Parameters gradients(DataSource source, java.util.function.Function<DataSet, Parameters> gradientOf,
                                boolean averagesRows) {
        double[][] weights = null;
        double[][] biases = null;
        Parameters shape = null;
        long rows = 0;
        for (int b = 0; b < source.blockCount(); b++) {
            DataSet block = source.block(b);
            Parameters gradient = gradientOf.apply(block);
            double scale = averagesRows ? block.rows() : 1;
            if (shape == null) {
                shape = gradient;
                weights = new double[gradient.layers().size()][];
                biases = new double[gradient.layers().size()][];
                for (int l = 0; l < weights.length; l++) {
                    LayerParameters layer = gradient.layer(l);
                    weights[l] = new double[layer.units() * layer.inputs()];
                    biases[l] = new double[layer.hasBiases() ? layer.units() : 0];
                }
            }
            for (int l = 0; l < weights.length; l++) {
                add(weights[l], gradient.layer(l)::copyWeightsTo, scale);
                if (biases[l].length > 0) {
                    add(biases[l], gradient.layer(l)::copyBiasesTo, scale);
                }
            }
            rows += block.rows();
        }
        List<LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            if (averagesRows) {
                divide(weights[l], rows);
                divide(biases[l], rows);
            }
            LayerParameters layer = shape.layer(l);
            layers.add(LayerParameters.ofFlat(layer.units(), layer.inputs(), weights[l],
                    layer.hasBiases() ? biases[l] : null));
        }
        return Parameters.of(layers);
    }

    private interface Copy {
        void to(double[] target, int offset);
    }

    private static void add(double[] sum, Copy values, double scale) {
        double[] block = new double[sum.length];
        values.to(block, 0);
        for (int k = 0; k < sum.length; k++) {
            sum[k] += scale * block[k];
        }
    }

    private static void divide(double[] values, long rows) {
        for (int k = 0; k < values.length; k++) {
            values[k] /= rows;
        }
    }

    /** The rows of a batch that straddles blocks, gathered until it holds {@code batch} rows. */
    private static final class Carry {
        private final int featureCount;
        private final int targetCount;
        private final int batch;
        private final double[] features;
        private final double[] targets;
        private int rows;

        Carry(int featureCount, int targetCount, int batch) {
            this.featureCount = featureCount;
            this.targetCount = targetCount;
            this.batch = batch;
            // A batch larger than a block is gathered here whole, so the room is what the batch needs.
            this.features = new double[Math.multiplyExact(batch, featureCount)];
            this.targets = new double[Math.multiplyExact(batch, targetCount)];
        }

        /** Adds the first rows of {@code block} in {@code order} that the batch lacks; returns how many. */
        int fill(DataSet block, int[] order) {
            if (rows == 0) {
                return 0;
            }
            int taken = Math.min(batch - rows, block.rows());
            keep(block, order, 0, taken);
            return taken;
        }

        /** Keeps the rows {@code order[from..to)} of {@code block} for the next batch. */
        void keep(DataSet block, int[] order, int from, int to) {
            int count = to - from;
            if (count == 0) {
                return;
            }
            // Gathered through a block's own copy, which writes from the start of the array it is given.
            double[] f = new double[count * featureCount];
            double[] t = new double[count * targetCount];
            block.copyFeatures(order, from, to, f);
            block.copyTargets(order, from, to, t);
            System.arraycopy(f, 0, features, rows * featureCount, f.length);
            System.arraycopy(t, 0, targets, rows * targetCount, t.length);
            rows += count;
        }

        boolean full() {
            return rows == batch;
        }

        int rows() {
            return rows;
        }

        DataSet batch() {
            return DataSet.adopting(rows, featureCount, java.util.Arrays.copyOf(features, rows * featureCount),
                    targetCount, java.util.Arrays.copyOf(targets, rows * targetCount));
        }

        int[] order() {
            return TrainingLoop.identity(rows);
        }

        void clear() {
            rows = 0;
        }
    }
}
