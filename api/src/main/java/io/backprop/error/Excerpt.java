package io.backprop.error;

/**
 * What an error message quotes of the user's input: on one line (line breaks and other control
 * characters escaped) and at most {@value #MAX_QUOTED} characters, so that a message stays one
 * readable line however long or odd the input.
 */
public final class Excerpt {
    /** The most characters of the input a message quotes. */
    public static final int MAX_QUOTED = 80;

    private Excerpt() {
    }

    /**
     * {@code text} in double quotes, escaped (quotes and backslashes too), cut to {@value #MAX_QUOTED}
     * characters with the full length said.
     */
    public static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return "\"" + escape(text, true) + "\"";
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return "\"" + escape(text.substring(0, end), true) + "…\" (" + text.length() + " characters)";
    }

    /** {@code text} with its line breaks and other control characters escaped, so that it prints as one line. */
    public static String line(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean quoted) {
        StringBuilder escaped = null;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '"' -> quoted ? "\\\"" : null;
                case '\\' -> quoted ? "\\\\" : null;
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, k);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
