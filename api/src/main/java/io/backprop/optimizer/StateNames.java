package io.backprop.optimizer;

import java.util.List;

/** The optimizers' state names, made once: a backend may ask for them in every step. */
final class StateNames {
    static final List<String> V = List.of("v");
    static final List<String> MV = List.of("m", "v");
    static final List<String> S = List.of("s");
    static final List<String> H = List.of("h");

    private StateNames() {
    }
}
