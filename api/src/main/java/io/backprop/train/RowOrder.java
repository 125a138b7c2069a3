package io.backprop.train;

import java.util.Random;

/**
 * The order of the rows in a shuffled run: after {@code e} epochs of a network, the identity
 * reshuffled {@code e} times (Fisher–Yates) by one {@link Random} seeded with the run's seed. A network
 * keeps it between runs, so that a second {@code fit} reshuffles where the first stopped, and a
 * network resumed from a training state replays the shuffles once to reach the same order.
 */
final class RowOrder {
    final long seed;
    final int[] order;
    private final Random random;
    private int shuffles;

    private RowOrder(long seed, int rows) {
        this.seed = seed;
        this.random = new Random(seed);
        this.order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
    }

    /** The order after {@code epochs} reshuffles from {@code seed}. */
    static RowOrder after(long seed, int rows, int epochs) {
        RowOrder rowOrder = new RowOrder(seed, rows);
        for (int e = 0; e < epochs; e++) {
            rowOrder.reshuffle();
        }
        return rowOrder;
    }

    /** Whether this is the order of {@code rows} rows from {@code seed} after {@code epochs} reshuffles. */
    boolean isAt(long seed, int rows, int epochs) {
        return this.seed == seed && order.length == rows && shuffles == epochs;
    }

    /** The next epoch's order. */
    void reshuffle() {
        TrainingLoop.shuffle(order, random);
        shuffles++;
    }
}
