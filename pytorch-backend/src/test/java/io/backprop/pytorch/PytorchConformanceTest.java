package io.backprop.pytorch;

import io.backprop.conformance.BackendConformanceSuite;
import io.backprop.spi.Backend;

/** The conformance kit on the pytorch backend. */
class PytorchConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new PytorchBackend();
    }
}
