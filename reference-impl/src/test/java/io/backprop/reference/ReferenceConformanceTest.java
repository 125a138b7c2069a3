package io.backprop.reference;

import io.backprop.conformance.BackendConformanceSuite;
import io.backprop.spi.Backend;

/** The conformance kit on the reference backend. */
class ReferenceConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new ReferenceBackend();
    }
}
