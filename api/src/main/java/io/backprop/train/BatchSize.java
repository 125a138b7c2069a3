package io.backprop.train;

import io.backprop.error.TrainingException;

/**
 * How many rows each SGD step averages (or sums) its gradient over: a fixed number, or all rows.
 *
 * <p>{@code BatchSize.of(1)} is the article's per-sample SGD; {@link #ALL} is full-batch gradient
 * descent. A last batch may be smaller when the rows do not divide evenly.
 */
public final class BatchSize {
    /** Every row in one batch: one step per epoch. */
    public static final BatchSize ALL = new BatchSize(0);

    private final int rows; // 0 means all

    private BatchSize(int rows) {
        this.rows = rows;
    }

    /**
     * A batch of {@code rows} rows.
     *
     * @throws TrainingException when {@code rows} is less than 1
     */
    public static BatchSize of(int rows) {
        if (rows < 1) {
            throw new TrainingException("batch size: found " + rows + "; expected a whole number of rows,"
                    + " at least 1, or \"all\"");
        }
        return new BatchSize(rows);
    }

    /**
     * Parses {@code "all"} or a whole number of rows.
     *
     * @throws TrainingException when the text is neither
     */
    public static BatchSize parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) {
            return ALL;
        }
        try {
            return of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new TrainingException("batch size: found \"" + text + "\"; expected a whole number of rows,"
                    + " at least 1, or \"all\"");
        }
    }

    /** Whether this is {@link #ALL}. */
    public boolean isAll() {
        return rows == 0;
    }

    /** The rows per batch for a data set of {@code dataRows} rows. */
    public int rowsFor(int dataRows) {
        return rows == 0 ? dataRows : Math.min(rows, dataRows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchSize other && rows == other.rows;
    }

    @Override
    public int hashCode() {
        return rows;
    }

    @Override
    public String toString() {
        return rows == 0 ? "all" : Integer.toString(rows);
    }
}
