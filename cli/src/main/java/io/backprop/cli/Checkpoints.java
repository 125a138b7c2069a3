package io.backprop.cli;

import io.backprop.model.Model;
import io.backprop.model.ModelFile;
import io.backprop.train.EpochFigures;
import io.backprop.train.EpochListener;
import io.backprop.train.TrainingDecision;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code train --checkpoint-every N}: after every N-th epoch of the run, the model with its
 * parameters and training state as they are then, written to the output atomically, so that a run
 * killed at any moment leaves the last checkpoint whole for {@code train --resume}. The listener it
 * wraps sees every epoch first and may still stop the run.
 */
final class Checkpoints implements EpochListener {
    private final EpochListener inner;
    private final int every;
    private final Path out;
    private final Supplier<Model> snapshot;
    private int written;

    /**
     * @param snapshot the model as it stands, read from the network on the training thread: the
     *     network lets the thread inside {@code fit} call in again
     */
    Checkpoints(EpochListener inner, int every, Path out, Supplier<Model> snapshot) {
        this.inner = inner;
        this.every = every;
        this.out = out;
        this.snapshot = snapshot;
    }

    @Override
    public TrainingDecision onEpoch(int epoch, double loss) {
        return after(epoch, inner.onEpoch(epoch, loss));
    }

    @Override
    public TrainingDecision onEpoch(EpochFigures figures) {
        return after(figures.epoch(), inner.onEpoch(figures));
    }

    @Override
    public TrainingDecision onEpochWithoutLoss(int epoch) {
        return after(epoch, inner.onEpochWithoutLoss(epoch));
    }

    /** How many checkpoints were written. */
    int written() {
        return written;
    }

    private TrainingDecision after(int epoch, TrainingDecision decision) {
        if (epoch % every == 0) {
            ModelFile.write(out, snapshot.get());
            written++;
        }
        return decision;
    }
}
