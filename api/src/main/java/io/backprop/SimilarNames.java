package io.backprop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The names a mistyped one was most likely meant to be, for "did you mean ...?" in error messages. */
final class SimilarNames {
    private SimilarNames() {
    }

    /**
     * The names closest to {@code typed}, ignoring case, by the edits (a character inserted, deleted,
     * replaced, or two neighbours swapped) that turn one into the other; empty when none is close. Two
     * edits at most, and fewer than half the typed characters, so that a short word is not "close" to
     * every short name.
     */
    static List<String> closest(String typed, Collection<String> names) {
        String word = typed.trim().toLowerCase(Locale.ROOT);
        int allowed = Math.min(2, (word.length() - 1) / 2);
        int best = allowed + 1;
        List<String> closest = new ArrayList<>();
        for (String name : names) {
            int distance = distance(word, name.toLowerCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                closest.clear();
            }
            if (distance == best && !closest.contains(name)) {
                closest.add(name);
            }
        }
        return closest;
    }

    /** The optimal string alignment distance: Levenshtein's, with a swap of two neighbours as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
