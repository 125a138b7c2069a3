package io.backprop.csv;

import io.backprop.data.DataSet;

import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.io.Reader;
import java.util.List;

/**
 * Run in a JVM of its own with a small heap by {@link CsvTableLimitsTest}: reads {@code args[0]} rows
 * of {@code "1,2,3"} (about 6 bytes a row) made on the fly and prints how many it read.
 */
public final class CsvAtScale {
    private CsvAtScale() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        CsvTable table = CsvTable.read(new RowsReader(rows), "generated.csv");
        NetworkSpec spec = NetworkSpec.builder(2).layer(1, Activation.SIGMOID).loss(Loss.MSE).build();
        DataSet data = table.toDataSet(spec, List.of(), List.of(), true);
        System.out.println(data.rows());
    }

    /** {@code a,b,c} then {@code rows} lines of {@code 1,2,3}, without holding them. */
    private static final class RowsReader extends Reader {
        private static final String HEADER = "a,b,c\n";
        private static final String ROW = "1,2,3\n";
        private final long length;
        private long position;

        RowsReader(int rows) {
            length = HEADER.length() + (long) rows * ROW.length();
        }

        @Override
        public int read(char[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int k = 0; k < n; k++, position++) {
                buffer[offset + k] = position < HEADER.length() ? HEADER.charAt((int) position)
                        : ROW.charAt((int) ((position - HEADER.length()) % ROW.length()));
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
