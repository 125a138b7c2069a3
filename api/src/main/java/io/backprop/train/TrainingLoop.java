package io.backprop.train;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.TrainingException;
import io.backprop.params.Parameters;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

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

        /**
         * One step of {@code step}'s optimizer on the rows {@code order[from..to)}; by default the SGD
         * step with the step's learning rate, for trainees that know only SGD.
         */
        default void step(DataSet data, int[] order, int from, int to, Step step) {
            step(data, order, from, to, step.learningRate());
        }

        /**
         * The parameters as they are now, for the regularization's penalty and for early stopping to
         * keep the best; a trainee that cannot tell cannot train with either.
         */
        default Parameters parameters() {
            throw new TrainingException("training: this trainee cannot report its parameters, which the"
                    + " regularization penalty and early stopping need");
        }

        /** Sets the parameters, for early stopping to go back to the best. */
        default void setParameters(Parameters parameters) {
            throw new TrainingException("training: this trainee cannot set its parameters, which early stopping"
                    + " needs");
        }

        /** The outputs for every row of {@code data}, for the validation accuracy. */
        default double[][] predict(DataSet data) {
            throw new TrainingException("training: this trainee cannot predict, which the validation accuracy needs");
        }

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
     * {@code options.lossEvery()}-th, with counts starting at 0.
     *
     * @throws TrainingException when a computed loss is NaN or infinite, or the parameters are (checked
     *     after every computed loss and at the end); the parameters then stay as the failing epoch left them
     */
    public static TrainingResult run(DataSet data, TrainingOptions options, Trainee trainee) {
        return run(data, options, trainee, Step.startingAt(0, 0));
    }

    /**
     * Runs {@code options.epochs()} epochs over {@code data}, computing the loss after every
     * {@code options.lossEvery()}-th, and advancing {@code step}: a network passes the one it keeps,
     * so that its counts go on across runs.
     *
     * @throws TrainingException when a computed loss is NaN or infinite, or the parameters are (checked
     *     after every computed loss and at the end); the parameters then stay as the failing epoch left them
     */
    public static TrainingResult run(DataSet data, TrainingOptions options, Trainee trainee, Step step) {
        int rows = data.rows();
        int batch = options.batchSize().rowsFor(rows);
        RowOrder shuffled = options.shuffleSeed().isPresent() ? step.rowOrder(options.shuffleSeed().getAsLong(), rows)
                : null;
        int[] order = shuffled != null ? shuffled.order : identity(rows);
        return epochs(options, trainee, step, () -> {
            if (shuffled != null) {
                shuffled.reshuffle();
            }
            for (int from = 0; from < rows; from += batch) {
                step.prepare(options);
                trainee.step(data, order, from, Math.min(from + batch, rows), step);
                step.stepTaken();
            }
        }, () -> trainee.loss(data));
    }

    /**
     * Runs {@code options.epochs()} epochs over rows read a block at a time from {@code data}, computing
     * the loss over all of them after every {@code options.lossEvery()}-th (a pass over every block:
     * {@code lossEvery} spares them), and advancing {@code step} as {@link #run(DataSet, TrainingOptions,
     * Trainee, Step)} does. In order, the steps are those of the same rows held whole; shuffled, the
     * order is the one {@link io.backprop.data.DataSource}'s blocks allow, defined in
     * {@code StreamedEpochs}: the blocks' order shuffled, then each block's rows, from the seed and the
     * network's epoch count. A batch may straddle two blocks; only an epoch's last batch may be smaller.
     *
     * @param averagesRows whether the network's loss averages its rows (so the blocks' losses are weighted by
     *     their rows) or sums them, as {@link io.backprop.spec.Loss#averagesRows()} says
     * @throws TrainingException for batch size "all", which would hold every row at once; and as the
     *     in-memory run throws
     */
    public static TrainingResult run(DataSource data, TrainingOptions options, Trainee trainee, Step step,
                                     boolean averagesRows) {
        StreamedEpochs streamed = new StreamedEpochs(data, options, trainee, step);
        return epochs(options, trainee, step, streamed::epoch, () -> loss(data, trainee::loss, averagesRows));
    }

    /**
     * The loss over every row of {@code data}, from the loss of each block: their mean weighted by the
     * blocks' rows when {@code averagesRows}, else their sum. It equals the loss of the rows held whole up
     * to rounding (the sums are grouped by block).
     */
    public static double loss(DataSource data, ToDoubleFunction<DataSet> lossOfBlock, boolean averagesRows) {
        return StreamedEpochs.loss(data, lossOfBlock, averagesRows);
    }

    /**
     * The gradient over every row of {@code data}, from the gradient of each block: their mean weighted by
     * the blocks' rows when {@code averagesRows}, else their sum. It equals the gradient of the rows held
     * whole as one batch up to rounding.
     */
    public static Parameters gradients(DataSource data, Function<DataSet, Parameters> gradientsOfBlock,
                                       boolean averagesRows) {
        return StreamedEpochs.gradients(data, gradientsOfBlock, averagesRows);
    }

    /** The epochs of a run: {@code epochSteps} takes one epoch's steps, {@code loss} is the loss after it. */
    private static TrainingResult epochs(TrainingOptions options, Trainee trainee, Step step, Runnable epochSteps,
                                         DoubleSupplier loss) {
        int epochs = options.epochs();
        int lossEvery = options.lossEvery();
        Figures figures = new Figures(options, trainee);
        step.begin(options);
        int checked = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            epochSteps.run();
            step.epochCompleted();
            if (epoch % lossEvery != 0) {
                if (options.listener().onEpochWithoutLoss(epoch) == TrainingDecision.STOP) {
                    checkParameters(trainee, epoch, checked, options.learningRate());
                    return figures.result(epoch, epoch < epochs);
                }
                continue;
            }
            double now = loss.getAsDouble();
            finite("loss", now, epoch, options);
            checkParameters(trainee, epoch, checked, options.learningRate());
            checked = epoch;
            EpochFigures figured = figures.add(epoch, now);
            // The listener sees the epoch whose figures ran early stopping's patience out too.
            if (options.listener().onEpoch(figured) == TrainingDecision.STOP || figures.patienceRunOut()) {
                return figures.result(epoch, epoch < epochs);
            }
        }
        if (checked != epochs) {
            checkParameters(trainee, epochs, checked, options.learningRate());
        }
        return figures.result(epochs, false);
    }

    static void finite(String what, double value, int epoch, TrainingOptions options) {
        if (!Double.isFinite(value)) {
            throw new TrainingException("training: the " + what + " became " + value + " in epoch " + epoch
                    + "; expected a finite " + what + " (a smaller learning rate than " + options.learningRate()
                    + " may help)");
        }
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

    /** The rows {@code 0, 1, …, rows − 1}. */
    static int[] identity(int rows) {
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        return order;
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
