package io.backprop.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Decimal} accepts exactly the strings the reader's regular expression accepted, and gives
 * exactly the double {@link Double#parseDouble} gives (bit for bit: correctly rounded), on a million
 * random values and on the strings that trip fast parsers.
 */
class DecimalTest {
    /** The grammar the reader checked cells against before {@link Decimal}, kept here as the oracle. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|NaN|Infinity)");

    /** Decimal's answer for {@code text} against the oracle's, inside a longer text as in a table's cells. */
    private static void sameAsBefore(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] around = ("9," + text + ",9").getBytes(StandardCharsets.UTF_8);
        int from = 2;
        int to = 2 + bytes.length;
        boolean accepted = DECIMAL.matcher(text).matches();
        assertThat(Decimal.matches(around, from, to)).as("accepts %s", text).isEqualTo(accepted);
        assertThat(Decimal.matches(text)).as("accepts %s alone", text).isEqualTo(accepted);
        samePlainValue(text, accepted);
        if (accepted) {
            long expected = Double.doubleToLongBits(Double.parseDouble(text));
            assertThat(Double.doubleToLongBits(Decimal.parse(around, from, to))).as("value of %s", text)
                    .isEqualTo(expected);
            assertThat(Double.doubleToLongBits(Decimal.parse(bytes, 0, bytes.length)))
                    .as("value of %s alone", text).isEqualTo(expected);
        }
    }

    /** A plain decimal of at most 15 digits: what {@link Decimal#plain} must take, all else being refused. */
    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d*)(?:\\.(\\d*))?");

    /**
     * {@link Decimal#plain} on {@code text} after each of several texts in front of it (none; digits and
     * a point right before it, as a neighbouring cell's bytes are; fewer bytes than a word), since it reads
     * whole words that end at the cell's end: the value of every plain decimal of up to 15 digits, bit
     * for bit parseDouble's, and NaN for everything else.
     */
    private static void samePlainValue(String text, boolean accepted) {
        java.util.regex.Matcher plain = PLAIN.matcher(text);
        int digits = plain.matches() ? plain.group(1).length() + (plain.group(2) == null ? 0 : plain.group(2).length()) : 0;
        boolean taken = digits >= 1 && digits <= 15;
        for (String before : new String[] {"", "9,", "7.", "0.123456789012345,", "1234567.89012345", "-.e,,,,,,,,,,,,,"}) {
            byte[] around = (before + text).getBytes(StandardCharsets.UTF_8);
            double value = Decimal.plain(around, around.length - text.getBytes(StandardCharsets.UTF_8).length, around.length);
            if (taken) {
                assertThat(accepted).as("plain %s", text).isTrue();
                assertThat(Double.doubleToLongBits(value)).as("plain value of %s after %s", text, before)
                        .isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
            } else {
                assertThat(value).as("plain value of %s after %s", text, before).isNaN();
            }
        }
    }

    @Test
    void everyPlainDecimalOfUpTo15DigitsIsTakenOnThePlainPath() {
        SplittableRandom random = new SplittableRandom(7);
        for (int whole = 0; whole <= 17; whole++) {
            for (int decimals = -1; decimals <= 17; decimals++) { // -1: no point
                for (int k = 0; k < 20; k++) {
                    StringBuilder text = new StringBuilder();
                    if (k % 3 == 1) {
                        text.append(k % 2 == 0 ? '+' : '-');
                    }
                    for (int d = 0; d < whole; d++) {
                        text.append((char) ('0' + random.nextInt(10)));
                    }
                    if (decimals >= 0) {
                        text.append('.');
                    }
                    for (int d = 0; d < decimals; d++) {
                        text.append((char) ('0' + (k == 0 ? 9 : random.nextInt(10))));
                    }
                    String cell = text.toString();
                    samePlainValue(cell, DECIMAL.matcher(cell).matches());
                    if (!cell.isEmpty() && decimals > 0) { // one byte that is not a digit, anywhere among the digits
                        int at = random.nextInt(cell.length());
                        String broken = cell.substring(0, at) + ":/ a".charAt(random.nextInt(4)) + cell.substring(at + 1);
                        samePlainValue(broken, DECIMAL.matcher(broken).matches());
                    }
                }
            }
        }
    }

    @Test
    void theStringsThatTripFastParsersParseAsParseDoubleDoes() {
        List<String> hard = new ArrayList<>(List.of(
                "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
                "9007199254740993", "9007199254740992", "9007199254740995", "18014398509481985",
                "0.1e-400", "1e-400", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                "4.9406564584124654e-324", "1.7976931348623157e308", "1.7976931348623158e308",
                "1.7976931348623159e308", "1e309", "-1e309", "1e308", "1e-323", "1e-324", "5e-324",
                "0.1", "0.2", "0.3", "1.1", "3.141592653589793", "2.718281828459045", "123456789012345678901234567890",
                "7.038531e-26", "8.533e+68", "4.1006e-184", "9.998e+307", "9.9538452227e-280",
                "6.47660115e-260", "7.4e+47", "5.92e+48", "7.35e+66", "8.32116e+55",
                "0.500000000000000166533453693773481063544750213623046875",
                "3.518437208883201171875e13", "62.5364939768271845828", "8.10109172351e-10",
                "1.50000000000000011102230246251565404236316680908203125",
                "9007199254740993.0000000000000000000000000000000001",
                "1.00000000000000011102230246251565404236316680908203124",
                "1.00000000000000011102230246251565404236316680908203125",
                "1.00000000000000011102230246251565404236316680908203126",
                "+1", "-0", "+0", "0", "-0.0", "0e0", "00000000000000000000000001.5", "0000.0000001e+0005",
                ".5", "5.", "-.5", "+5.", "1e", "1e+", "1e-", "e5", ".", "+", "-", "", "+.", ".e1", "1.e1", ".1e1",
                "1E5", "1e05", "1e+05", "1e-05", "1.5E-3", "1..5", "1.5.", "--1", "+-1", "1e5.5", "1e1e1",
                "NaN", "+NaN", "-NaN", "Infinity", "+Infinity", "-Infinity", "nan", "inf", "INFINITY", "Inf",
                "NaNx", "Infinityy", "1d", "2f", "1D", "0x1p3", "0X1P3", " 1", "1 ", "\t1", "1_000", "1,5", "٣",
                "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999"));
        hard.add("1." + "0".repeat(800) + "1");
        hard.add("0." + "0".repeat(330) + "49406564584124654");
        hard.add("9".repeat(400));
        hard.add("9".repeat(308));
        hard.add("9".repeat(309) + ".9e-1");
        hard.add("0".repeat(1000) + "3.5");
        hard.add("1" + "0".repeat(22) + "1e-22");
        hard.add("2.2250738585072011" + "0".repeat(200) + "1e-308");
        hard.add("4.9406564584124654e-324".replace("e", "0".repeat(500) + "e"));
        hard.add("2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918"
                + "180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922"
                + "908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692"
                + "699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740"
                + "064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689"
                + "513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865"
                + "916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956"
                + "575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454"
                + "376934125320985913276672363281255e-324");
        for (String text : hard) {
            sameAsBefore(text);
        }
    }

    @Test
    void subnormalsParseAsParseDoubleDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            // every subnormal has a biased exponent of 0: the low 52 bits alone
            double subnormal = Double.longBitsToDouble(random.nextLong() & ((1L << 52) - 1));
            sameAsBefore(Double.toString(subnormal));
            sameAsBefore(new java.math.BigDecimal(subnormal).toString());
        }
        sameAsBefore(Double.toString(Double.MIN_VALUE));
        sameAsBefore(Double.toString(Math.nextDown(Double.MIN_NORMAL)));
    }

    @Test
    void aMillionRandomValuesParseAsParseDoubleDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < 500_000; k++) {
            // any double at all, NaN and the infinities among them, as Java writes it
            sameAsBefore(Double.toString(Double.longBitsToDouble(random.nextLong())));
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 500_000; k++) {
            // decimal strings of up to 40 digits (more than a double holds), the point anywhere, an exponent or not
            text.setLength(0);
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? '-' : '+');
            }
            int digits = 1 + random.nextInt(40);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (point == digits) {
                text.append('.');
            }
            if (random.nextBoolean()) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-340, 330));
            }
            sameAsBefore(text.toString());
        }
    }

    @Test
    void everyShortStringOfTheGrammarsCharactersIsAcceptedOrRefusedAsBefore() {
        // all strings of up to 4 characters from the ones the grammar uses, and some it does not
        String alphabet = "0159+-.eEN ax";
        for (int length = 0; length <= 4; length++) {
            int[] at = new int[length];
            while (true) {
                StringBuilder text = new StringBuilder();
                for (int k : at) {
                    text.append(alphabet.charAt(k));
                }
                sameAsBefore(text.toString());
                int k = length - 1;
                while (k >= 0 && ++at[k] == alphabet.length()) {
                    at[k--] = 0;
                }
                if (k < 0) {
                    break;
                }
            }
        }
    }
}
