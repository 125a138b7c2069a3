package io.backprop.dl4j;

/**
 * Text found in an untrusted file, fit to quote in a one-line message: in double quotes, control
 * characters escaped (an entry name may hold a newline), and cut after {@value #MAX} characters.
 */
final class Quoted {
    /** The most characters of found text a message quotes. */
    static final int MAX = 80;

    private Quoted() {
    }

    static String of(String found) {
        StringBuilder quoted = new StringBuilder("\"");
        int end = Math.min(found.length(), MAX);
        for (int k = 0; k < end; k++) {
            char c = found.charAt(k);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (found.length() > MAX) {
            quoted.append("… (").append(found.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
