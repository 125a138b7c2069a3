package io.backprop.conformance;

import java.util.regex.Pattern;

/**
 * Cases a backend declares it does not pass, and why: {@code glob} names their ids, where {@code *}
 * stands for any characters (dots among them) and {@code ?} for one; {@code "saturation.*"} names
 * every saturation case. A skipped case is reported as skipped, with the reason, and never as passed.
 *
 * @param glob the ids, such as {@code "saturation.*"} or {@code "behaviour.copies-across-threads"}
 * @param reason why the backend does not pass them, in words a reader of the report understands
 */
public record Skip(String glob, String reason) {
    public Skip {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("skip: the glob of case ids is empty; expected such as \"saturation.*\"");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("skip(\"" + glob + "\"): no reason given; a skip says why");
        }
    }

    /** Whether this skip names the case {@code id}. */
    public boolean matches(String id) {
        return pattern().matcher(id).matches();
    }

    private Pattern pattern() {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
