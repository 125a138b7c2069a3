package io.backprop.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;

/**
 * The numbers a CSV cell may hold, and their values: a decimal number with an optional sign, a point
 * and an exponent ({@code 1}, {@code -0.5}, {@code .5}, {@code 5.}, {@code 1e-3}), or {@code NaN} or
 * {@code Infinity} (which are numbers, but refused later as not finite). That is the grammar of the
 * regular expression {@code [+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)}, checked here by
 * hand on a range of the cell's UTF-8 bytes as the table keeps them (every character of the grammar is
 * one ASCII byte, and no byte of another character is one of them): the expression cost a matcher and a
 * String per cell and more time than the rest of reading together. Java's own grammar is wider ({@code 1d}, {@code 2f}, hexadecimal {@code 0x1p3},
 * surrounding spaces), and those are refused here, as before.
 *
 * <p>Values are parsed by FastDoubleParser ({@link JavaDoubleParser}): correctly rounded, the same
 * double as {@link Double#parseDouble} for every string of this grammar (a test proves it on a million
 * values and the known hard cases), several times faster, and straight from the bytes.
 */
final class Decimal {
    private Decimal() {
    }

    /** Whether {@code text} is a decimal number, {@code NaN} or {@code Infinity}, signed or not. */
    static boolean matches(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return matches(bytes, 0, bytes.length);
    }

    /** Whether the UTF-8 bytes {@code text[from, to)} are a decimal number, {@code NaN} or {@code Infinity}, signed or not. */
    static boolean matches(byte[] text, int from, int to) {
        int k = from;
        if (k < to && (text[k] == '+' || text[k] == '-')) {
            k++;
        }
        if (k == to) {
            return false;
        }
        byte first = text[k];
        if (first == 'N') {
            return is(text, k, to, "NaN");
        }
        if (first == 'I') {
            return is(text, k, to, "Infinity");
        }
        int digits = 0;
        while (k < to && isDigit(text[k])) {
            k++;
            digits++;
        }
        if (k < to && text[k] == '.') {
            k++;
            while (k < to && isDigit(text[k])) {
                k++;
                digits++;
            }
        }
        if (digits == 0) { // "", ".", "+." and "e5" are not numbers; "5." and ".5" are
            return false;
        }
        if (k < to && (text[k] == 'e' || text[k] == 'E')) {
            k++;
            if (k < to && (text[k] == '+' || text[k] == '-')) {
                k++;
            }
            int exponentDigits = 0;
            while (k < to && isDigit(text[k])) {
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
     *
     * <p>A cell of at most 15 digits with a point and no exponent, the common {@code 0.374540}, is
     * taken on Clinger's exact path: its digits as a long are below 2<sup>53</sup> and so an exact
     * double, as is 10<sup>n</sup> for n up to 22, and one IEEE division of two exact doubles is correctly
     * rounded, so the quotient is the double nearest the decimal, which is what parseDouble gives.
     * FastDoubleParser takes the same path, but only after a general scan (white space, hexadecimal,
     * suffixes) that the grammar here has already ruled out; doing it here, in the same pass as the
     * check ({@link #plain}), took the benchmark file's 5 million numbers from about 140 ms to 100 ms on
     * one core. Everything else goes to FastDoubleParser.
     */
    static double parse(byte[] text, int from, int to) {
        double value = plain(text, from, to);
        return Double.isNaN(value) ? JavaDoubleParser.parseDouble(text, from, to - from) : value;
    }

    /**
     * The value of {@code text[from, to)} when it is a plain decimal of at most 15 digits (a sign, digits,
     * a point, digits, at least one digit), taken on the exact path {@link #parse} describes; else NaN, to
     * say it is not one (NaN itself is never a plain decimal). So a cell like {@code 0.374540} is checked
     * and parsed in one pass.
     */
    static double plain(byte[] text, int from, int to) {
        int k = from;
        boolean negative = false;
        if (k < to && (text[k] == '+' || text[k] == '-')) {
            negative = text[k] == '-';
            k++;
        }
        long digits = 0;
        int count = 0;
        while (k < to && isDigit(text[k])) { // the whole part: mostly one digit, or none
            digits = digits * 10 + (text[k++] - '0');
            count++;
        }
        int decimals = 0;
        if (k < to && text[k] == '.') {
            k++;
            decimals = to - k;
            if (decimals > MAX_EXACT_DIGITS - count) {
                return Double.NaN;
            }
            if (decimals > 0) {
                long fraction = fraction(text, k, to);
                if (fraction < 0) {
                    return Double.NaN;
                }
                digits = digits * POWERS_OF_TEN[decimals] + fraction;
                count += decimals;
            }
        } else if (k != to) {
            return Double.NaN;
        }
        if (count == 0 || count > MAX_EXACT_DIGITS) { // count ≤ 15 bounds decimals to at most 15 ≤ 22
            return Double.NaN;
        }
        double value = decimals == 0 ? digits : digits / EXACT_POWERS_OF_TEN[decimals];
        return negative ? -value : value; // "-0" is -0.0, as parseDouble has it
    }

    /**
     * The value of the 1 to 15 digits {@code text[from, to)}, or -1 when a byte there is not a digit. The
     * digits are taken eight at a time, as one little-endian long read so that it ends at {@code to} (so
     * it never reads past the cell, and the bytes in front of a shorter run are masked to '0'): the
     * digit-by-digit loop's chain of multiplications was a third of the time to read the benchmark file
     * on one core.
     */
    private static long fraction(byte[] text, int from, int to) {
        int length = to - from;
        if (to < (length > Long.BYTES ? 2 * Long.BYTES : Long.BYTES)) { // too near the array's start for whole words
            long value = 0;
            for (int k = from; k < to; k++) {
                if (!isDigit(text[k])) {
                    return -1;
                }
                value = value * 10 + (text[k] - '0');
            }
            return value;
        }
        if (length <= Long.BYTES) {
            return eightDigits(text, to, length);
        }
        long high = eightDigits(text, to - Long.BYTES, length - Long.BYTES);
        long low = eightDigits(text, to, Long.BYTES);
        return high < 0 || low < 0 ? -1 : high * 100_000_000L + low;
    }

    /**
     * The value of the {@code length} (1 to 8) digits that end at {@code to}, or -1 when one is not a
     * digit: the eight bytes before {@code to}, those before the run replaced by '0', checked and
     * converted with a few whole-word operations (the well-known SWAR method FastDoubleParser uses too).
     */
    private static long eightDigits(byte[] text, int to, int length) {
        long word = (long) LITTLE_ENDIAN_LONG.get(text, to - Long.BYTES);
        if (length < Long.BYTES) {
            long before = -1L >>> (Long.SIZE - Byte.SIZE * (Long.BYTES - length)); // the low bytes: earlier in the text
            word = word & ~before | ZEROS & before;
        }
        // each byte 0x30..0x3F, and still 0x30..0x3F with 6 added: '0'..'9'
        if (((word & 0xF0F0F0F0F0F0F0F0L) | ((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)
                != 0x3333333333333333L) {
            return -1;
        }
        long v = word - ZEROS; // the first digit, the most significant, in the lowest byte
        v = v * 10 + (v >>> 8); // pairs
        return ((v & 0x000000FF000000FFL) * 0x000F424000000064L // 10^6 and 10^2 for the first pair of each half
                + ((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L) >>> 32; // 10^4 and 1
    }

    private static final long ZEROS = 0x3030303030303030L;

    private static final java.lang.invoke.VarHandle LITTLE_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** 10<sup>0</sup> to 10<sup>15</sup> as longs, to place the fraction's digits after the whole part's. */
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L};

    /** The most decimal digits whose every value, below 10<sup>15</sup> &lt; 2<sup>53</sup>, a double holds exactly. */
    private static final int MAX_EXACT_DIGITS = 15;

    /** 10<sup>0</sup> to 10<sup>15</sup>, each exactly a double (every power of ten up to 10<sup>22</sup> is). */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean is(byte[] text, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
