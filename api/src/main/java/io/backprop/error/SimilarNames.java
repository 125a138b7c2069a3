package io.backprop.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names a mistyped one was most likely meant to be, for "did you mean ...?" in error messages:
 * one rule for every kind of name (backends, commands, options), ignoring case as the names are
 * matched.
 */
public final class SimilarNames {
    private SimilarNames() {
    }

    /**
     * The names closest to {@code typed}, in the order given; empty when none is close. Close means a
     * few edits away (a character inserted, deleted or replaced, or two neighbours swapped): at most
     * two, and fewer than half the characters typed, so that a short word is not close to every short
     * name. When no name is that close, the names that begin with what was typed ({@code --e} for
     * {@code --epochs} and {@code --every}). Leading dashes count as edits but not as characters typed.
     *
     * @param typed what was given, such as {@code dl4jj} or {@code --modle}
     * @param names the names it may have meant
     */
    public static List<String> closest(String typed, Collection<String> names) {
        String word = typed.trim().toLowerCase(Locale.ROOT);
        int characters = word.replaceFirst("^-+", "").length();
        if (characters == 0) {
            return List.of();
        }
        int allowed = Math.min(2, (characters - 1) / 2);
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
        if (closest.isEmpty()) {
            for (String name : names) {
                if (name.toLowerCase(Locale.ROOT).startsWith(word) && !closest.contains(name)) {
                    closest.add(name);
                }
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
