package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog says of a case beyond its title: what it checks, its tolerance with the reason,
 * and where to look when it fails.
 */
record Notes(String checks, String tolerance, String lookAt) {
    static final Notes NONE = new Notes("", "", "");

    /**
     * Tolerances in words from the table: {@code allowed("outputs", Kind.OUTPUTS, "∂L/∂w", Kind.GRADIENTS)}
     * gives {@code "outputs: 1e-12 relative (OUTPUTS: the same formulas, ...); ∂L/∂w: ..."}.
     *
     * @param pairs what is compared (a String), then its kind of tolerance, and so on
     */
    static String allowed(Object... pairs) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < pairs.length; k += 2) {
            parts.add(pairs[k] + ": " + describe((Kind) pairs[k + 1]));
        }
        return String.join("; ", parts);
    }

    /** For example {@code "1e-12 relative (OUTPUTS: the same formulas, some sums taken in another order)"}. */
    static String describe(Kind kind) {
        return (kind == Kind.IDENTICAL ? "" : Report.number(kind.float64()) + " ") + kind.measure() + " ("
                + (kind == Kind.IDENTICAL ? "" : kind.name() + ": ") + kind.reason() + ")";
    }
}
