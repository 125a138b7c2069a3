package io.backprop.explain;

/**
 * A value with the article's name for it, such as {@code w1 = 1}.
 *
 * @param name such as {@code w1}, {@code b3} or {@code x1}
 * @param value its value
 */
public record NamedValue(String name, double value) {
}
