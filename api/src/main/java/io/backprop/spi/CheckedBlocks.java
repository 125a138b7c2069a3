package io.backprop.spi;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.spec.NetworkSpec;

/** A source whose blocks are checked against a network's spec as they are read, so that a backend computes only on rows that fit. */
final class CheckedBlocks implements DataSource {
    private final DataSource source;
    private final NetworkSpec spec;

    CheckedBlocks(DataSource source, NetworkSpec spec) {
        this.source = source;
        this.spec = spec;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int featureCount() {
        return source.featureCount();
    }

    @Override
    public int targetCount() {
        return source.targetCount();
    }

    @Override
    public int blockCount() {
        return source.blockCount();
    }

    @Override
    public DataSet block(int index) {
        return source.block(index).checkFits(spec, true);
    }
}
