package io.backprop.conformance;

import io.backprop.spi.Backend;

/**
 * The kit on its own sound test backend, run by Surefire as a backend author's build runs it: its
 * report is what {@link SurefireReportNamesCheck} reads.
 */
class NaiveBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new NaiveBackend(NaiveBackend.Defect.NONE);
    }
}
