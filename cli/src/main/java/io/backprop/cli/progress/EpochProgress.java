package io.backprop.cli.progress;

import io.backprop.train.EpochFigures;

/** What a training run shows as its epochs pass. */
interface EpochProgress extends AutoCloseable {
    /** Shows nothing. */
    EpochProgress NONE = new EpochProgress() {
        @Override
        public void epochDone(int epoch, double loss) {
        }

        @Override
        public void close() {
        }
    };

    /** Epoch {@code epoch} has finished with {@code loss} over the whole data set. */
    void epochDone(int epoch, double loss);

    /** An epoch has finished with these figures; by default only its loss is shown. */
    default void epochDone(EpochFigures figures) {
        epochDone(figures.epoch(), figures.loss());
    }

    /** Training has ended (finished or stopped); may be called more than once. */
    @Override
    void close();
}
