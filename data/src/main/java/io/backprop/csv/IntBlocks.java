package io.backprop.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A growing list of ints kept in fixed blocks, so that growing never copies what is held: a list
 * that doubles an array holds up to three times its values while it grows, and a large file's
 * cell boundaries are the biggest thing a {@link CsvTable} keeps.
 */
final class IntBlocks {
    private static final int SHIFT = 16;
    private static final int BLOCK = 1 << SHIFT;
    private final List<int[]> blocks = new ArrayList<>();
    private int size;

    void add(int value) {
        if ((size & (BLOCK - 1)) == 0) {
            // the first block is small, so a small file costs little
            blocks.add(new int[size == 0 ? 256 : BLOCK]);
        } else if (size == 256 && blocks.size() == 1) {
            blocks.set(0, Arrays.copyOf(blocks.get(0), BLOCK));
        }
        blocks.get(size >>> SHIFT)[size & (BLOCK - 1)] = value;
        size++;
    }

    int get(int index) {
        return blocks.get(index >>> SHIFT)[index & (BLOCK - 1)];
    }

    /** Copies the values {@code [from, to)} into {@code into} from {@code at}, a block's run at a time. */
    void copy(int from, int to, int[] into, int at) {
        Objects.checkFromToIndex(from, to, size);
        for (int k = from; k < to; ) {
            int inBlock = k & (BLOCK - 1);
            int run = Math.min(to - k, BLOCK - inBlock);
            System.arraycopy(blocks.get(k >>> SHIFT), inBlock, into, at + k - from, run);
            k += run;
        }
    }

    int size() {
        return size;
    }
}
