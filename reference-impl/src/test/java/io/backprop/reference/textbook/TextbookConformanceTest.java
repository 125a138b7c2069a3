package io.backprop.reference.textbook;

import io.backprop.conformance.BackendConformanceSuite;
import io.backprop.spi.Backend;

/** The conformance kit on the textbook path, the one the fast {@code reference} backend is held to. */
class TextbookConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new TextbookBackend();
    }
}
