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

    private TrainingLoop() {
    }

    /**
     * Runs {@code options.epochs()} epochs over {@code data}.
     *
     * @param update applies one SGD step to a batch of rows
     * @param wholeDataLoss the loss over all of {@code data} with the current parameters
     * @throws TrainingException when the loss becomes NaN or infinite; the parameters then stay as
     *     the failing epoch left them
     */
    public static TrainingResult run(DataSet data, TrainingOptions options, BatchUpdate update,
                                     DoubleSupplier wholeDataLoss) {
        int rows = data.rows();
        int batch = options.batchSize().rowsFor(rows);
        int[] order = new int[rows];
        Arrays.setAll(order, r -> r);
        Random shuffler = options.shuffleSeed().isPresent() ? new Random(options.shuffleSeed().getAsLong()) : null;
        double[] losses = new double[options.epochs()];
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            if (shuffler != null) {
                shuffle(order, shuffler);
            }
            for (int from = 0; from < rows; from += batch) {
                update.apply(order, from, Math.min(from + batch, rows));
            }
            double loss = wholeDataLoss.getAsDouble();
            if (!Double.isFinite(loss)) {
                throw new TrainingException("training: the loss became " + loss + " in epoch " + epoch
                        + "; expected a finite loss (a smaller learning rate than " + options.learningRate()
                        + " may help)");
            }
            losses[epoch - 1] = loss;
            if (options.listener().onEpoch(epoch, loss) == TrainingDecision.STOP) {
                return new TrainingResult(Arrays.copyOf(losses, epoch), epoch < options.epochs());
            }
        }
        return new TrainingResult(losses, false);
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
