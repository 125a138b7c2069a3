package io.backprop.train;

import io.backprop.data.DataSet;
import io.backprop.error.TrainingException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The epoch and batch schedule every backend trains with, so that the same options visit the same
 * rows in the same batches everywhere; a backend supplies only the update of one batch.
 */
public final class TrainingLoop {
    /** One SGD update on the rows {@code order[from..to)} of the data set being fitted. */
    @FunctionalInterface
    public interface BatchUpdate {
        void apply(int[] order, int from, int to);
    }

    /**
     * What a backend's network gives the loop: one SGD step on a batch, and the loss over a data set.
     * A network keeps one of these for all its runs, so that starting a run allocates no callbacks.
     */
    public interface Trainee {
        /** One SGD step, {@code θ ← θ − η·∂L/∂θ}, on the loss of the rows {@code order[from..to)} of {@code data}. */
        void step(DataSet data, int[] order, int from, int to, double learningRate);

        /** The loss over every row of {@code data} with the parameters as they are now. */
        double loss(DataSet data);

        /**
         * Whether every weight and bias is finite. The loop asks after each computed loss and at the
         * end of a run, because a finite loss does not prove finite parameters (an infinite weight
         * into a sigmoid gives a finite output) and the loss may be computed only every n-th epoch.
         * The default says yes, for trainees that cannot tell.
         */
        default boolean parametersFinite() {
            return true;
        }
    }

    /** Room for this many losses at the start of a run; more are made as needed. */
    private static final int INITIAL_LOSSES = 1024;

    private TrainingLoop() {
    }

    /**
     * Runs {@code options.epochs()} epochs over {@code data}.
     *
     * @param update applies one SGD step to a batch of rows
     * @param wholeDataLoss the loss over all of {@code data} with the current parameters
     * @throws TrainingException when a computed loss is NaN or infinite; the parameters then stay as
     *     the failing epoch left them
     */
    public static TrainingResult run(DataSet data, TrainingOptions options, BatchUpdate update,
                                     DoubleSupplier wholeDataLoss) {
        return run(data, options, new Trainee() {
            @Override
            public void step(DataSet rows, int[] order, int from, int to, double learningRate) {
                update.apply(order, from, to);
            }

            @Override
            public double loss(DataSet rows) {
                return wholeDataLoss.getAsDouble();
            }
        });
    }

    /**
     * Runs {@code options.epochs()} epochs over {@code data}, computing the loss after every
     * {@code options.lossEvery()}-th.
     *
     * @throws TrainingException when a computed loss is NaN or infinite, or the parameters are (checked
     *     after every computed loss and at the end); the parameters then stay as the failing epoch left them
     */
    public static TrainingResult run(DataSet data, TrainingOptions options, Trainee trainee) {
        int rows = data.rows();
        int batch = options.batchSize().rowsFor(rows);
        int epochs = options.epochs();
        int lossEvery = options.lossEvery();
        double learningRate = options.learningRate();
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        Random shuffler = options.shuffleSeed().isPresent() ? new Random(options.shuffleSeed().getAsLong()) : null;
        // Grown as losses come, so that a huge epoch count costs nothing up front.
        double[] losses = new double[Math.min(epochs / lossEvery, INITIAL_LOSSES)];
        int computed = 0;
        int checked = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (shuffler != null) {
                shuffle(order, shuffler);
            }
            for (int from = 0; from < rows; from += batch) {
                trainee.step(data, order, from, Math.min(from + batch, rows), learningRate);
            }
            if (epoch % lossEvery != 0) {
                if (options.listener().onEpochWithoutLoss(epoch) == TrainingDecision.STOP) {
                    checkParameters(trainee, epoch, checked, learningRate);
                    return new TrainingResult(Arrays.copyOf(losses, computed), lossEvery, epoch, epoch < epochs);
                }
                continue;
            }
            double loss = trainee.loss(data);
            if (!Double.isFinite(loss)) {
                throw new TrainingException("training: the loss became " + loss + " in epoch " + epoch
                        + "; expected a finite loss (a smaller learning rate than " + learningRate
                        + " may help)");
            }
            checkParameters(trainee, epoch, checked, learningRate);
            checked = epoch;
            if (computed == losses.length) {
                losses = Arrays.copyOf(losses, (int) Math.min(2L * computed + 1, epochs / lossEvery));
            }
            losses[computed++] = loss;
            if (options.listener().onEpoch(epoch, loss) == TrainingDecision.STOP) {
                return new TrainingResult(Arrays.copyOf(losses, computed), lossEvery, epoch, epoch < epochs);
            }
        }
        if (checked != epochs) {
            checkParameters(trainee, epochs, checked, learningRate);
        }
        return new TrainingResult(computed == losses.length ? losses : Arrays.copyOf(losses, computed), lossEvery,
                epochs, false);
    }

    /** Refuses parameters that are no longer finite; {@code lastChecked} is the last epoch they were (0: the start). */
    private static void checkParameters(Trainee trainee, int epoch, int lastChecked, double learningRate) {
        if (!trainee.parametersFinite()) {
            throw new TrainingException("training: the parameters became NaN or infinite "
                    + (epoch == lastChecked + 1 ? "in epoch " + epoch : "between epochs " + (lastChecked + 1) + " and "
                    + epoch) + "; expected finite weights and biases (a smaller learning rate than " + learningRate
                    + " may help)");
        }
    }

    /** Fisher–Yates, from the last position down, as {@link java.util.Collections#shuffle} does. */
    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
