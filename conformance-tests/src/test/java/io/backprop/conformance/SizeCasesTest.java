package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The size cases check what they claim, and nothing a correct backend could get otherwise. */
class SizeCasesTest {
    @Test
    void noReluInputIsCloseEnoughToItsKinkForTheOrderOfASumToFlipIt() {
        // A sum of some hundreds of terms of order 1, taken in another order, moves by some 1e-14.
        for (SizeCases.Sample sample : SizeCases.samples()) {
            assertThat(Oracle.closestToKink(sample.spec(), sample.parameters(), sample.data()))
                    .as("%s", sample.spec()).isGreaterThan(1e-9);
        }
    }

    @Test
    void theSizesCrossPowersOfTwoAndPrimes() {
        assertThat(SizeCases.samples()).extracting(sample -> sample.data().rows()).contains(257, 263, 300, 1000);
        assertThat(SizeCases.samples()).extracting(sample -> sample.spec().inputs() + "x" + sample.spec().layer(0).units())
                .contains("300x64", "509x97", "512x256", "513x257");
    }
}
