package io.backprop.explain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Rounding to a few significant figures, as the article prints its numbers (0.0474, 0.524, -0.952).
 */
public final class SignificantFigures {
    private SignificantFigures() {
    }

    /** {@code value} rounded half-up to {@code figures} significant figures. */
    public static double round(double value, int figures) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(figures, RoundingMode.HALF_UP)).doubleValue();
    }

    /**
     * {@code value} to {@code figures} significant figures without trailing zeros: plain between
     * 1e-4 and 1e6 ({@code 0.0474}, {@code -3}), in scientific notation outside ({@code 1.23e-07}).
     */
    public static String text(double value, int figures) {
        if (value == 0) {
            return "0";
        }
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e6) {
            return String.format(Locale.ROOT, "%." + (figures - 1) + "e", value);
        }
        return new BigDecimal(value).round(new MathContext(figures, RoundingMode.HALF_UP)).stripTrailingZeros()
                .toPlainString();
    }
}
