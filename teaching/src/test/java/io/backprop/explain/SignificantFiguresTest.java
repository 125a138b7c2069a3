package io.backprop.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignificantFiguresTest {
    @Test
    void printsThreeFiguresAsTheArticleDoes() {
        assertThat(SignificantFigures.text(0.04742587317756678, 3)).isEqualTo("0.0474");
        assertThat(SignificantFigures.text(-0.9525741268224334, 3)).isEqualTo("-0.953");
        assertThat(SignificantFigures.text(-3.0, 3)).isEqualTo("-3");
        assertThat(SignificantFigures.text(0, 3)).isEqualTo("0");
        assertThat(SignificantFigures.text(1234.5, 3)).isEqualTo("1230");
        assertThat(SignificantFigures.text(1.234e-7, 3)).isEqualTo("1.23e-07");
        assertThat(SignificantFigures.text(2.5e7, 3)).isEqualTo("2.50e+07");
    }

    @Test
    void roundsHalfUpToTheGivenFigures() {
        assertThat(SignificantFigures.round(0.024937604019289, 3)).isEqualTo(0.0249);
        assertThat(SignificantFigures.round(-0.0903535, 3)).isEqualTo(-0.0904);
        assertThat(SignificantFigures.round(0, 3)).isEqualTo(0);
    }
}
