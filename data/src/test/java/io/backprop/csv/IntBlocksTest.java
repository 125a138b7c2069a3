package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link IntBlocks#copy} gives what {@link IntBlocks#get} gives, across the blocks' boundaries. */
class IntBlocksTest {
    @Test
    void aCopiedRunHoldsTheValuesOneByOne() {
        IntBlocks blocks = new IntBlocks();
        SplittableRandom random = new SplittableRandom(3);
        int size = 3 * 65_536 + 1_000;
        for (int k = 0; k < size; k++) {
            blocks.add(random.nextInt());
        }
        int[] starts = {0, 1, 255, 256, 65_535, 65_536 - 300, 2 * 65_536 - 1, size - 794};
        for (int from : starts) {
            for (int length : new int[] {0, 1, 794, 70_000}) {
                int to = Math.min(size, from + length);
                int[] into = new int[to - from + 2];
                blocks.copy(from, to, into, 1);
                for (int k = from; k < to; k++) {
                    assertThat(into[1 + k - from]).as("value %d of a run from %d", k, from).isEqualTo(blocks.get(k));
                }
                assertThat(into[0]).isZero();
                assertThat(into[into.length - 1]).isZero();
            }
        }
        assertThatThrownBy(() -> blocks.copy(size - 1, size + 1, new int[2], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSmallListCopiesFromItsFirstBlock() {
        IntBlocks blocks = new IntBlocks();
        for (int k = 0; k < 300; k++) { // past the small first block's 256
            blocks.add(k * 7);
        }
        int[] into = new int[300];
        blocks.copy(0, 300, into, 0);
        for (int k = 0; k < 300; k++) {
            assertThat(into[k]).isEqualTo(k * 7);
        }
    }
}
