package io.backprop.dl4j;

import io.backprop.conformance.BackendConformanceSuite;
import io.backprop.spi.Backend;

/** The conformance kit on the dl4j backend. */
class Dl4jConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }
}
