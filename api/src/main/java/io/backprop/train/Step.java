package io.backprop.train;

import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;

/**
 * Where a network's training stands at one step: its iteration and epoch counts (steps taken and
 * epochs completed, from 0, going on across {@code fit} calls), and the optimizer, regularization and
 * learning rate of the step being taken. A network keeps one; {@link TrainingLoop} advances it, and
 * a backend reads it in its step.
 */
public final class Step {
    private long iteration;
    private int epoch;
    private double learningRate;
    private Optimizer optimizer = Optimizer.sgd();
    private Regularization regularization = Regularization.NONE;
    /** The shuffled order the last run left, to go on from. */
    private RowOrder rowOrder;

    private Step(long iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
    }

    /** A network's counts before its first step, or where a saved training state left them. */
    public static Step startingAt(long iteration, int epoch) {
        return new Step(iteration, epoch);
    }

    /** The steps taken before this one. */
    public long iteration() {
        return iteration;
    }

    /** The epochs completed before this step's. */
    public int epoch() {
        return epoch;
    }

    /** This step's learning rate {@code η}, from the schedule. */
    public double learningRate() {
        return learningRate;
    }

    /** The optimizer of the run. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The regularization of the run. */
    public Regularization regularization() {
        return regularization;
    }

    /** Whether the step is the article's, {@code θ ← θ − η·g}: SGD with no regularization. */
    public boolean isPlainSgd() {
        return optimizer instanceof Optimizer.Sgd && regularization.isNone();
    }

    /**
     * The order of {@code rows} rows shuffled from {@code seed} after this network's epochs: the one the
     * last run left when it fits, else replayed from the seed.
     */
    RowOrder rowOrder(long seed, int rows) {
        if (rowOrder == null || !rowOrder.isAt(seed, rows, epoch)) {
            rowOrder = RowOrder.after(seed, rows, epoch);
        }
        return rowOrder;
    }

    void begin(TrainingOptions options) {
        this.optimizer = options.optimizer();
        this.regularization = options.regularization();
    }

    void prepare(TrainingOptions options) {
        this.learningRate = options.schedule().rate(options.learningRate(), iteration, epoch);
    }

    void stepTaken() {
        iteration++;
    }

    void epochCompleted() {
        epoch++;
    }

    @Override
    public String toString() {
        return "step " + iteration + " in epoch " + epoch + ": " + optimizer.name() + ", η = " + learningRate;
    }
}
