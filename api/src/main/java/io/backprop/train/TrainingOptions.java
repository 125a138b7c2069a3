package io.backprop.train;

import io.backprop.error.TrainingException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How {@link io.backprop.Network#fit} trains: mini-batch SGD with learning rate {@code η} for a
 * number of epochs; after each batch, {@code θ ← θ − η·∂L/∂θ} of that batch's loss.
 *
 * <p>Rows are visited in the data set's order unless shuffling is asked for; then one
 * {@link java.util.Random} seeded once per run reshuffles the row order (Fisher–Yates) at the start
 * of every epoch, so a seed gives the same batches on every backend.
 *
 * <p>After an epoch, the loss over the whole data set with the parameters as they are then; by
 * default after every epoch, or after every {@code n}-th one ({@link Builder#lossEvery}), since on a
 * small network that extra pass over the data costs as much as the epoch's training.
 *
 * <p>The defaults are the article's: {@code η = 0.1}, 1000 epochs, batch size 1, no shuffling, and
 * the loss after every epoch.
 */
public final class TrainingOptions {
    private final double learningRate;
    private final int epochs;
    private final BatchSize batchSize;
    private final Long shuffleSeed;
    private final int lossEvery;
    private final EpochListener listener;

    private TrainingOptions(Builder b) {
        this.learningRate = b.learningRate;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffleSeed = b.shuffleSeed;
        this.lossEvery = b.lossEvery;
        this.listener = b.listener;
    }

    /** Starts from the article's options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The learning rate {@code η}. */
    public double learningRate() {
        return learningRate;
    }

    /** How many passes over the data. */
    public int epochs() {
        return epochs;
    }

    /** How many rows each step uses. */
    public BatchSize batchSize() {
        return batchSize;
    }

    /** The seed of the shuffle, or empty when rows are visited in order. */
    public OptionalLong shuffleSeed() {
        return shuffleSeed == null ? OptionalLong.empty() : OptionalLong.of(shuffleSeed);
    }

    /**
     * After which epochs the loss over the whole data set is computed: epochs {@code n}, {@code 2n},
     * {@code 3n}, … for {@code n = lossEvery()}. The listener is called after those epochs only, and
     * only there does a loss that is not finite stop the run.
     */
    public int lossEvery() {
        return lossEvery;
    }

    /** Who sees each computed loss (see {@link #lossEvery()}). */
    public EpochListener listener() {
        return listener;
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.learningRate = learningRate;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.shuffleSeed = shuffleSeed;
        b.lossEvery = lossEvery;
        b.listener = listener;
        return b;
    }

    @Override
    public String toString() {
        return "η = " + learningRate + ", " + epochs + " epochs, batch size " + batchSize
                + (shuffleSeed == null ? "" : ", shuffled with seed " + shuffleSeed)
                + (lossEvery == 1 ? "" : ", loss every " + lossEvery + " epochs");
    }

    /** Collects options, checking each as it is set. */
    public static final class Builder {
        private double learningRate = 0.1;
        private int epochs = 1000;
        private BatchSize batchSize = BatchSize.of(1);
        private Long shuffleSeed;
        private int lossEvery = 1;
        private EpochListener listener = EpochListener.NONE;

        private Builder() {
        }

        /**
         * Sets the learning rate {@code η}.
         *
         * @throws TrainingException unless it is a positive, finite number
         */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new TrainingException("learning rate: found " + learningRate
                        + "; expected a positive, finite number such as 0.1");
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the number of epochs.
         *
         * @throws TrainingException unless it is at least 1
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new TrainingException("epochs: found " + epochs + "; expected at least 1");
            }
            this.epochs = epochs;
            return this;
        }

        /** Sets the rows per step. */
        public Builder batchSize(BatchSize batchSize) {
            this.batchSize = Objects.requireNonNull(batchSize, "batchSize");
            return this;
        }

        /** Shuffles the rows before every epoch, from this seed. */
        public Builder shuffle(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /** Visits the rows in the data set's order (the default). */
        public Builder inOrder() {
            this.shuffleSeed = null;
            return this;
        }

        /**
         * Computes the loss over the whole data set after every {@code n}-th epoch only (epochs
         * {@code n}, {@code 2n}, …), as Keras's {@code validation_freq} does; with {@code n} larger
         * than the epochs, never. The training itself is the same whatever {@code n}.
         *
         * @throws TrainingException unless {@code n} is at least 1
         */
        public Builder lossEvery(int n) {
            if (n < 1) {
                throw new TrainingException("loss every: found " + n + "; expected at least 1 (epochs between two"
                        + " computations of the loss)");
            }
            this.lossEvery = n;
            return this;
        }

        /** Sets who sees each computed loss. */
        public Builder listener(EpochListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The options. */
        public TrainingOptions build() {
            return new TrainingOptions(this);
        }
    }
}
