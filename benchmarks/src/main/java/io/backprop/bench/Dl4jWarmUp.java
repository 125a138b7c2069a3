package io.backprop.bench;

/**
 * The warm-up of every benchmark that runs DL4J: its Java side (configuration objects, workspaces,
 * the layers' code) takes seconds of calls before the JIT has compiled it. Measured here on the
 * article's step: 6 ms per step in the first second, about 2 ms from the fifth on; one second of
 * warm-up, enough for the pure-Java code, left DL4J three to ten times slower than it settles.
 */
final class Dl4jWarmUp {
    static final int ITERATIONS = 5;
    static final int SECONDS = 2;

    private Dl4jWarmUp() {
    }
}
