package io.backprop.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * The numbers a CSV cell may hold, and their values: a decimal number with an optional sign, a point
 * and an exponent ({@code 1}, {@code -0.5}, {@code .5}, {@code 5.}, {@code 1e-3}), or {@code NaN} or
 * {@code Infinity} (which are numbers, but refused later as not finite). That is the grammar of the
 * regular expression {@code [+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)}, checked here by
 * hand on a range of characters: the expression cost a matcher per cell and more time than the rest of
 * reading together. Java's own grammar is wider ({@code 1d}, {@code 2f}, hexadecimal {@code 0x1p3},
 * surrounding spaces), and those are refused here, as before.
 *
 * <p>Values are parsed by FastDoubleParser ({@link JavaDoubleParser}): correctly rounded, the same
 * double as {@link Double#parseDouble} for every string of this grammar (a test proves it on a million
 * values and the known hard cases), several times faster, and without a String per cell.
 */
final class Decimal {
    private Decimal() {
    }

    /** Whether {@code text[from, to)} is a decimal number, {@code NaN} or {@code Infinity}, signed or not. */
    static boolean matches(CharSequence text, int from, int to) {
        int k = from;
        if (k < to && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
            k++;
        }
        if (k == to) {
            return false;
        }
        char first = text.charAt(k);
        if (first == 'N') {
            return is(text, k, to, "NaN");
        }
        if (first == 'I') {
            return is(text, k, to, "Infinity");
        }
        int digits = 0;
        while (k < to && isDigit(text.charAt(k))) {
            k++;
            digits++;
        }
        if (k < to && text.charAt(k) == '.') {
            k++;
            while (k < to && isDigit(text.charAt(k))) {
                k++;
                digits++;
            }
        }
        if (digits == 0) { // "", ".", "+." and "e5" are not numbers; "5." and ".5" are
            return false;
        }
        if (k < to && (text.charAt(k) == 'e' || text.charAt(k) == 'E')) {
            k++;
            if (k < to && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                k++;
            }
            int exponentDigits = 0;
            while (k < to && isDigit(text.charAt(k))) {
                k++;
                exponentDigits++;
            }
            if (exponentDigits == 0) { // "1e" and "1e+" are not numbers
                return false;
            }
        }
        return k == to;
    }

    /**
     * The value of {@code text[from, to)}, which {@link #matches} accepts, exactly as
     * {@link Double#parseDouble} gives it: infinite when too large, zero when too small.
     */
    static double parse(CharSequence text, int from, int to) {
        return JavaDoubleParser.parseDouble(text, from, to - from);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean is(CharSequence text, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text.charAt(from + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
