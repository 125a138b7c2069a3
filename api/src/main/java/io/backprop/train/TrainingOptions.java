package io.backprop.train;

import io.backprop.data.DataSet;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How {@link io.backprop.Network#fit} trains: mini-batches for a number of epochs; after each batch,
 * a step of the {@link Optimizer} (plain SGD, {@code θ ← θ − η·∂L/∂θ}, by default) on that batch's
 * loss, with {@link Regularization} and the learning rate {@code η} of a {@link LearningRateSchedule}
 * (fixed by default), in the order {@link io.backprop.optimizer} defines.
 *
 * <p>Rows are visited in the data set's order unless shuffling is asked for; then one
 * {@link java.util.Random} seeded with the seed reshuffles the row order (Fisher–Yates) at the start
 * of every epoch, so a seed gives the same batches on every backend. The shuffles count the
 * network's epochs: a second run, or a run resumed from a training state, reshuffles where the last
 * one stopped, so that 60 epochs and then 40 visit the rows as 100 in one go.
 *
 * <p>After an epoch, the loss over the whole data set with the parameters as they are then; by
 * default after every epoch, or after every {@code n}-th one ({@link Builder#lossEvery}), since on a
 * small network that extra pass over the data costs as much as the epoch's training.
 *
 * <p>With {@link Builder#validation validation data}, its loss (and, when its targets are classes,
 * the accuracy) is computed beside the training loss; with {@link Builder#earlyStopping early
 * stopping} the run stops when the validation loss has not improved for a number of computed losses,
 * and the network keeps the parameters of the best one.
 *
 * <p>The defaults are the article's: SGD with {@code η = 0.1}, 1000 epochs, batch size 1, no
 * shuffling, and the loss after every epoch. Another optimizer's default {@code η} is DL4J's for it
 * ({@link Optimizer#defaultLearningRate()}) unless one is set.
 */
public final class TrainingOptions {
    private final double learningRate;
    /** The learning rate as set, or NaN when the optimizer's default applies: kept so that {@link #toBuilder()} can change the optimizer. */
    private final double learningRateSet;
    private final int epochs;
    private final BatchSize batchSize;
    private final Long shuffleSeed;
    private final int lossEvery;
    private final EpochListener listener;
    private final Optimizer optimizer;
    private final Regularization regularization;
    private final LearningRateSchedule schedule;
    private final DataSet validation;
    private final int patience;
    private final double minDelta;

    private TrainingOptions(Builder b) {
        this.learningRate = Double.isNaN(b.learningRate) ? b.optimizer.defaultLearningRate() : b.learningRate;
        this.learningRateSet = b.learningRate;
        this.optimizer = b.optimizer;
        this.regularization = b.regularization;
        this.schedule = b.schedule;
        this.validation = b.validation;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
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

    /** The base learning rate {@code η₀}, from which the {@link #schedule()} gives each step's. */
    public double learningRate() {
        return learningRate;
    }

    /** The optimizer: {@link Optimizer#sgd()} by default. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** L2 and weight decay: {@link Regularization#NONE} by default. */
    public Regularization regularization() {
        return regularization;
    }

    /** The learning rate of each step: {@link LearningRateSchedule#FIXED} by default. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** The data whose loss is computed beside the training loss, if any. */
    public Optional<DataSet> validation() {
        return Optional.ofNullable(validation);
    }

    /**
     * How many computed validation losses in a row may fail to improve on the best by more than
     * {@link #minDelta()} before the run stops; 0 when early stopping is off.
     */
    public int patience() {
        return patience;
    }

    /** How much lower than the best a validation loss must be to count as an improvement. */
    public double minDelta() {
        return minDelta;
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
        b.learningRate = learningRateSet;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.shuffleSeed = shuffleSeed;
        b.lossEvery = lossEvery;
        b.listener = listener;
        b.optimizer = optimizer;
        b.regularization = regularization;
        b.schedule = schedule;
        b.validation = validation;
        b.patience = patience;
        b.minDelta = minDelta;
        return b;
    }

    @Override
    public String toString() {
        return (optimizer instanceof Optimizer.Sgd ? "" : optimizer + ", ") + "η = " + learningRate
                + (schedule instanceof LearningRateSchedule.Fixed ? "" : " (" + schedule.text() + ")")
                + (regularization.isNone() ? "" : ", " + regularization) + ", " + epochs + " epochs, batch size " + batchSize
                + (shuffleSeed == null ? "" : ", shuffled with seed " + shuffleSeed)
                + (lossEvery == 1 ? "" : ", loss every " + lossEvery + " epochs")
                + (validation == null ? "" : ", validation on " + validation.rows() + (validation.rows() == 1 ? " row"
                : " rows"))
                + (patience == 0 ? "" : ", early stopping after " + patience + (minDelta == 0 ? ""
                : " (min delta " + minDelta + ")"));
    }

    /** Collects options, checking each as it is set. */
    public static final class Builder {
        /** NaN until set: then the optimizer's default. */
        private double learningRate = Double.NaN;
        private Optimizer optimizer = Optimizer.sgd();
        private Regularization regularization = Regularization.NONE;
        private LearningRateSchedule schedule = LearningRateSchedule.FIXED;
        private DataSet validation;
        private int patience;
        private double minDelta;
        private int epochs = 1000;
        private BatchSize batchSize = BatchSize.of(1);
        private Long shuffleSeed;
        private int lossEvery = 1;
        private EpochListener listener = EpochListener.NONE;

        private Builder() {
        }

        /**
         * Sets the optimizer; unless a learning rate is set, the run uses the optimizer's default
         * ({@link Optimizer#defaultLearningRate()}).
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** Sets L2 and weight decay. */
        public Builder regularization(Regularization regularization) {
            this.regularization = Objects.requireNonNull(regularization, "regularization");
            return this;
        }

        /** Sets the learning-rate schedule. */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Computes the loss of {@code data} (and, for class targets, the accuracy) beside every
         * computed training loss.
         */
        public Builder validation(DataSet data) {
            if (!data.hasTargets() || data.rows() == 0) {
                throw new TrainingException("validation data: found " + data.rows() + " rows"
                        + (data.hasTargets() ? "" : " without targets") + "; expected rows with targets");
            }
            this.validation = data;
            return this;
        }

        /** Computes no validation loss (the default). */
        public Builder noValidation() {
            this.validation = null;
            this.patience = 0;
            return this;
        }

        /**
         * Stops when {@code patience} computed validation losses in a row have not improved on the
         * best by more than {@code minDelta}, and keeps the parameters of the best (Keras's
         * {@code EarlyStopping} with {@code restore_best_weights}, DL4J's {@code EarlyStoppingTrainer}).
         * Needs {@link #validation validation data}.
         *
         * @throws TrainingException unless {@code patience} is at least 1 and {@code minDelta} is zero or positive
         */
        public Builder earlyStopping(int patience, double minDelta) {
            if (patience < 1) {
                throw new TrainingException("early stopping: found patience " + patience
                        + "; expected at least 1 (epochs without improvement before stopping)");
            }
            if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
                throw new TrainingException("early stopping: found min delta " + minDelta
                        + "; expected zero or a positive, finite number");
            }
            this.patience = patience;
            this.minDelta = minDelta;
            return this;
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

        /**
         * The options.
         *
         * @throws TrainingException when early stopping is asked for without validation data
         */
        public TrainingOptions build() {
            if (patience > 0 && validation == null) {
                throw new TrainingException("early stopping: found no validation data; expected validation data"
                        + " whose loss can stop the run");
            }
            return new TrainingOptions(this);
        }
    }
}
